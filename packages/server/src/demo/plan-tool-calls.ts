import type { ScriptedToolCall } from '@agentry/core/testing';

const cityZones: Record<string, string> = {
  tokyo: 'Asia/Tokyo',
  london: 'Europe/London',
  paris: 'Europe/Paris',
  berlin: 'Europe/Berlin',
  'new york': 'America/New_York',
  'san francisco': 'America/Los_Angeles',
  'los angeles': 'America/Los_Angeles',
  sydney: 'Australia/Sydney',
  singapore: 'Asia/Singapore',
  delhi: 'Asia/Kolkata',
  mumbai: 'Asia/Kolkata',
};

/** Arithmetic in a sentence: numbers joined by operators, e.g. `17 * 23` in "What is 17 * 23?". */
const arithmeticPattern = /[-(]*\d+(?:\.\d+)?\)*(?:\s*[-+*/%^x×÷]\s*[-(]*\d+(?:\.\d+)?\)*)+/;

/** The arithmetic expression a task contains (`×`, `÷` and `x` between numbers read as `*` and `/`). */
export function arithmeticIn(task: string): string | undefined {
  const found = arithmeticPattern.exec(task)?.[0];
  return found
    ?.replaceAll('×', '*')
    .replaceAll('÷', '/')
    .replace(/(\d)\s*x\s*(?=[\d(-])/g, '$1 * ')
    .trim();
}

/** The IANA time zone a task names, directly (`Europe/Berlin`) or by a well-known city. */
export function timeZoneIn(task: string): string | undefined {
  const iana = /\b[A-Z][a-z]+\/[A-Z][A-Za-z_]+\b/.exec(task)?.[0];
  if (iana) return iana;
  const lowered = task.toLowerCase();
  return Object.entries(cityZones).find(([city]) => lowered.includes(city))?.[1];
}

/**
 * The demo planner's choice of tool calls for a task: each offered tool that is relevant, with arguments
 * taken from the task. `calculate` when the task holds arithmetic, `clock_now` when it asks about time or
 * dates, `http_get` when it holds a URL; other tools are never called by the simulated model.
 */
export function planToolCalls(task: string, offered: ReadonlySet<string>): ScriptedToolCall[] {
  const calls: ScriptedToolCall[] = [];
  const expression = arithmeticIn(task);
  if (offered.has('calculate') && expression) calls.push({ name: 'calculate', arguments: { expression } });
  if (offered.has('clock_now') && /\b(time|clock|date|today|now|day|hour|when)\b/i.test(task)) {
    const timeZone = timeZoneIn(task);
    calls.push({ name: 'clock_now', arguments: timeZone ? { timeZone } : {} });
  }
  const url = /\bhttps?:\/\/[^\s"'<>]+/.exec(task)?.[0]?.replace(/[.,;:!?)]+$/, '');
  if (offered.has('http_get') && url) calls.push({ name: 'http_get', arguments: { url } });
  return calls;
}

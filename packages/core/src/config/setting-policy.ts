/**
 * Which settings may change at run time, and which of those take effect without a restart. Paths are
 * dotted; a rule for `ollama` covers every `ollama.*` setting.
 */
const liveAreas = [
  'ollama',
  'agent',
  'approvals',
  'scheduler',
  'triggers',
  'tools.timeoutMs',
  'tools.maxOutputBytes',
  'tools.maxModelOutputChars',
  'log',
];
const restartAreas = ['server', 'tools.dir', 'plugins'];
// log.format picks the logger's output before the database (and its stored settings) is open; demo picks
// the database itself.
const lockedAreas = ['database', 'security', 'data', 'log.format', 'demo'];

/** How a change to one setting takes effect. */
export type SettingChangeEffect = 'live' | 'restart' | 'locked';

/** How a change to the setting at `path` takes effect: applied live, stored for the next start, or refused. */
export function settingChangeEffect(path: string): SettingChangeEffect {
  const within = (area: string) => path === area || path.startsWith(`${area}.`);
  if (lockedAreas.some(within)) return 'locked';
  if (restartAreas.some(within)) return 'restart';
  if (liveAreas.some(within)) return 'live';
  return 'restart';
}

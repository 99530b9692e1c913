import { describe, expect, it } from 'vitest';
import { type CreateLoggerOptions, createLogger } from './create-logger';

/** Logs one line through a logger made with `options` and returns what it wrote. */
function written(options: CreateLoggerOptions): string {
  let text = '';
  const logger = createLogger('info', { ...options, destination: { write: (line) => (text += line) } });
  logger.info(
    { runId: 'r-1', agent: 'forecaster', config: { smtp: { password: 'hunter2' } } },
    'run started',
  );
  return text;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the ANSI escape is the point
const ansi = /\u001b\[/;

describe('createLogger formats', () => {
  it('writes one JSON line by default, with secrets censored', () => {
    const text = written({});
    expect(text.endsWith('\n')).toBe(true);
    expect(JSON.parse(text)).toMatchObject({
      level: 30,
      msg: 'run started',
      runId: 'r-1',
      config: { smtp: { password: '[redacted]' } },
    });
  });

  it('writes one readable line in pretty format, secrets still censored', () => {
    const text = written({ format: 'pretty', isTerminal: false });
    expect(() => JSON.parse(text)).toThrow();
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    expect(text).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO.*: run started /);
    expect(text).toContain('"agent":"forecaster"');
    expect(text).toContain('[redacted]');
    expect(text).not.toContain('hunter2');
    expect(text).not.toMatch(ansi);
  });

  it('is pretty and coloured on a terminal in auto format, and plain JSON elsewhere', () => {
    const terminal = written({ format: 'auto', isTerminal: true, env: {} });
    expect(terminal).toMatch(ansi);
    expect(terminal).toContain('run started');
    expect(JSON.parse(written({ format: 'auto', isTerminal: false }))).toMatchObject({ msg: 'run started' });
  });

  it('drops colour on a terminal when NO_COLOR is set', () => {
    const text = written({ format: 'pretty', isTerminal: true, env: { NO_COLOR: '1' } });
    expect(text).toContain('INFO');
    expect(text).not.toMatch(ansi);
  });
});

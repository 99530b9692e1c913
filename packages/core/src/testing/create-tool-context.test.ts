import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logging/logger';
import { createToolContext } from './create-tool-context';

describe('createToolContext', () => {
  it('gives empty config and scope, a live signal and a silent logger by default', () => {
    const context = createToolContext();
    expect(context.config).toEqual({});
    expect(context.scope).toEqual({});
    expect(context.signal.aborted).toBe(false);
    expect(context.logger).toBe(silentLogger);
  });

  it('passes the given config, scope and signal through to the tool', () => {
    const controller = new AbortController();
    const context = createToolContext({
      config: { apiKey: 'k' },
      scope: { agent: 'mailer' },
      signal: controller.signal,
    });
    controller.abort();
    expect(context.config.apiKey).toBe('k');
    expect(context.scope.agent).toBe('mailer');
    expect(context.signal.aborted).toBe(true);
  });
});

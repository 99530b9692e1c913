import { describe, expect, it } from 'vitest';
import { emptyScheduleDraft, scheduleBody, scheduleTiming } from './schedule-draft';

describe('scheduleBody', () => {
  it('sends an agent target with its task and only the chosen cron expression', () => {
    const result = scheduleBody({
      ...emptyScheduleDraft,
      targetName: 'helper',
      cron: '0 9 * * 1-5',
      every: '5m',
      timezone: 'Europe/Berlin',
      task: ' Check the news ',
    });
    expect(result).toEqual({
      ok: true,
      body: {
        target: { kind: 'agent', name: 'helper' },
        input: { task: 'Check the news' },
        cron: '0 9 * * 1-5',
        timezone: 'Europe/Berlin',
        misfire: 'once',
        overlap: 'skip',
        maxRetries: 0,
      },
    });
  });

  it('sends a workflow its inputs as JSON, and a one-off time as an ISO instant', () => {
    const result = scheduleBody({
      ...emptyScheduleDraft,
      targetKind: 'workflow',
      targetName: 'digest',
      kind: 'at',
      at: '2030-01-02T03:04',
      inputs: '{"to":"a@example.com"}',
    });
    expect(result.ok && result.body).toMatchObject({
      target: { kind: 'workflow', name: 'digest' },
      input: { to: 'a@example.com' },
      at: new Date('2030-01-02T03:04').toISOString(),
    });
    expect(result.ok && 'cron' in result.body).toBe(false);
  });

  it('names what the form can tell is wrong: no target, inputs not an object, no time', () => {
    expect(
      scheduleBody({ ...emptyScheduleDraft, targetKind: 'workflow', kind: 'at', inputs: '[1]' }),
    ).toEqual({
      ok: false,
      errors: {
        target: 'Pick an agent or a workflow.',
        input: 'Inputs must be a JSON object.',
        at: 'Pick a date and time.',
      },
    });
  });
});

describe('scheduleTiming', () => {
  it('asks for a preview of only the chosen timing, in the zone (UTC when empty)', () => {
    const draft = { ...emptyScheduleDraft, cron: ' 0 9 * * * ', every: '5m', timezone: '' };
    expect(scheduleTiming(draft)).toEqual({ cron: '0 9 * * *', timezone: 'UTC' });
    expect(scheduleTiming({ ...draft, kind: 'every', timezone: 'Europe/Berlin' })).toEqual({
      every: '5m',
      timezone: 'Europe/Berlin',
    });
    const at = scheduleTiming({ ...draft, kind: 'at', at: '2031-03-04T05:06' });
    expect(at).toEqual({ at: new Date('2031-03-04T05:06').toISOString(), timezone: 'UTC' });
  });

  it('asks for nothing while the chosen field is empty or not a complete time', () => {
    expect(scheduleTiming({ ...emptyScheduleDraft, cron: '  ' })).toBeNull();
    expect(scheduleTiming({ ...emptyScheduleDraft, kind: 'every' })).toBeNull();
    expect(scheduleTiming({ ...emptyScheduleDraft, kind: 'at', at: 'not yet' })).toBeNull();
  });
});

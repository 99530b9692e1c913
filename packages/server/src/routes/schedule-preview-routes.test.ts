import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/start-test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ scheduler: { enabled: false } });
});
afterAll(async () => {
  await server.close();
});

const preview = (json: unknown) => server.request('/api/v1/schedules/preview', { method: 'POST', json });

interface Problem {
  status: number;
  errors: { pointer: string; message: string }[];
}

async function nextRuns(json: unknown): Promise<string[]> {
  const response = await preview(json);
  expect(response.status).toBe(200);
  return ((await response.json()) as { nextRuns: string[] }).nextRuns;
}

describe('POST /api/v1/schedules/preview', () => {
  it('answers the next five cron fire times, read in the time zone', async () => {
    const times = await nextRuns({ cron: '30 9 * * *', timezone: 'Asia/Kolkata' });
    expect(times).toHaveLength(5);
    for (const time of times) expect(time).toMatch(/T04:00:00\.000Z$/);
    const gaps = times.slice(1).map((time, i) => Date.parse(time) - Date.parse(times[i] as string));
    expect(new Set(gaps)).toEqual(new Set([86_400_000]));
    expect(Date.parse(times[0] as string)).toBeGreaterThan(Date.now());
  });

  it('answers five times an interval apart for every, and the one time for at', async () => {
    const before = Date.now();
    const every = await nextRuns({ every: '15m' });
    expect(every).toHaveLength(5);
    const first = Date.parse(every[0] as string);
    expect(first).toBeGreaterThanOrEqual(before + 15 * 60_000);
    expect(Date.parse(every[4] as string) - first).toBe(4 * 15 * 60_000);
    const at = new Date(Date.now() + 3_600_000).toISOString();
    expect(await nextRuns({ at })).toEqual([at]);
  });

  it('uses the same computation as a created schedule', async () => {
    const timing = { cron: '0 0 1 * *', timezone: 'Europe/Berlin' };
    const direct = server.agentry.scheduler.preview(timing);
    expect(await nextRuns(timing)).toEqual(direct.nextRuns);
    expect(direct.nextRuns[0]).toMatch(/T2[23]:00:00\.000Z$/);
  });

  it.each([
    ['a bad cron', { cron: '61 * * * *' }, '/cron'],
    ['an unknown time zone', { cron: '0 9 * * *', timezone: 'Mars/Olympus_Mons' }, '/timezone'],
    ['a past at', { at: '2020-01-01T00:00:00Z' }, '/at'],
    ['a bad interval', { every: '10 minutes' }, '/every'],
    ['two timings', { cron: '0 9 * * *', every: '1h' }, '/every'],
    ['no timing', {}, '/cron'],
  ])('answers 400 problem+json naming the field for %s, storing nothing', async (_case, timing, pointer) => {
    const response = await preview(timing);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as Problem).errors.map((error) => error.pointer)).toContain(pointer);
    const list = (await (await server.request('/api/v1/schedules')).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { RECENT_READ_TTL_MS, RecentReads } from './recent-reads';

describe('RecentReads', () => {
  it('answers a repeated read from the cache until the entry is forgotten', async () => {
    const reads = new RecentReads<{ n: number }>();
    let loads = 0;
    const load = async () => ({ n: ++loads });
    expect(await reads.read('a', load)).toEqual({ n: 1 });
    expect(await reads.read('a', load)).toEqual({ n: 1 });
    reads.forget('a');
    expect(await reads.read('a', load)).toEqual({ n: 2 });
    reads.clear();
    expect(await reads.read('a', load)).toEqual({ n: 3 });
  });

  it('does not cache a missing value', async () => {
    const reads = new RecentReads<{ n: number }>();
    let loads = 0;
    const load = async () => {
      loads++;
      return undefined;
    };
    await reads.read('a', load);
    await reads.read('a', load);
    expect(loads).toBe(2);
  });

  it('does not keep a value whose read started before a write forgot its key', async () => {
    const reads = new RecentReads<{ v: string }>();
    let release: (value: { v: string }) => void = () => undefined;
    const slow = reads.read('a', () => new Promise((resolve) => (release = resolve)));
    reads.forget('a');
    release({ v: 'before the write' });
    expect(await slow).toEqual({ v: 'before the write' });
    expect(await reads.read('a', async () => ({ v: 'after the write' }))).toEqual({ v: 'after the write' });
  });

  it('freezes what it caches, deeply, so callers cannot change what others share', async () => {
    const reads = new RecentReads<{ list: string[] }>();
    const value = await reads.read('a', async () => ({ list: ['x'] }));
    expect(Object.isFrozen(value)).toBe(true);
    expect(() => value?.list.push('y')).toThrow(TypeError);
  });

  it('reads again once the entry is older than RECENT_READ_TTL_MS', async () => {
    const reads = new RecentReads<{ n: number }>();
    let loads = 0;
    const load = async () => ({ n: ++loads });
    await reads.read('a', load);
    await new Promise((resolve) => setTimeout(resolve, RECENT_READ_TTL_MS + 50));
    expect(await reads.read('a', load)).toEqual({ n: 2 });
  });
});

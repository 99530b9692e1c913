import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dialects, useTestDatabase } from '../dialect-suites.test-support';
import { nowIso } from '../queryable';
import { RunRepository } from './run-repository';

describe.each(dialects)('RunClaims by owner on $dialect', ({ dialect, available }) => {
  describe.skipIf(!available)('with a migrated database', () => {
    const target = useTestDatabase(dialect, 'run_claims');
    const replica = (owner: string) => new RunRepository(target.db, owner);
    const running = { kind: 'agent' as const, target: 'a', input: {}, status: 'running' as const };

    it('of several replicas claiming a dead owner’s run, exactly one gets it and becomes its owner', async () => {
      const [dead, one, two] = [randomUUID(), randomUUID(), randomUUID()];
      const run = await replica(dead).create({ ...running, startedAt: nowIso() });
      expect(await replica(one).claims.ownersOfUnfinished()).toContain(dead);
      expect((await replica(one).claims.listOwnedBy(dead)).map((r) => r.id)).toEqual([run.id]);
      const claims = await Promise.all(
        [one, two, one, two].map((owner) =>
          replica(owner).claims.claimOwnedBy(run.id, dead, 'running', { heartbeatAt: nowIso() }),
        ),
      );
      expect(claims.filter((claim) => claim !== undefined)).toHaveLength(1);
      expect(await replica(one).claims.listOwnedBy(dead)).toEqual([]);
      expect(await replica(one).claims.ownersOfUnfinished()).not.toContain(dead);
    });

    it('a heartbeat keeps only runs still owned here: a run taken over elsewhere is let go', async () => {
      const [first, second] = [randomUUID(), randomUUID()];
      const run = await replica(first).create({ ...running, startedAt: nowIso() });
      expect(await replica(first).claims.touch(run.id, ['running'], nowIso())).toBe(true);
      expect(await replica(second).claims.claimOwnedBy(run.id, first, 'running', {})).toBeDefined();
      expect(await replica(first).claims.touch(run.id, ['running'], nowIso())).toBe(false);
      expect(await replica(second).claims.touch(run.id, ['running'], nowIso())).toBe(true);
    });
  });
});

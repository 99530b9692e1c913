import { describe, expect, it } from 'vitest';
import { dialects, useTestDatabase } from '../dialect-suites.test-support';
import { McpServerRepository } from './mcp-server-repository';

describe.each(dialects)('McpServerRepository on $dialect', ({ dialect, available }) => {
  describe.skipIf(!available)('with a migrated database', () => {
    const target = useTestDatabase(dialect, 'mcp_servers');
    const servers = () => new McpServerRepository(target.db);

    it('round-trips the transport JSON, encrypted secrets, booleans and optional fields', async () => {
      const created = await servers().create({
        name: 'fs',
        transport: { type: 'stdio', command: 'node', args: ['server.js', '/data'], envKeys: ['TOKEN'] },
        secrets: 'v1:opaque',
        enabled: true,
        timeoutSeconds: 20,
      });
      expect(created).toMatchObject({ name: 'fs', enabled: true, timeoutSeconds: 20, secrets: 'v1:opaque' });
      const read = await servers().get('fs');
      expect(read.transport).toEqual({
        type: 'stdio',
        command: 'node',
        args: ['server.js', '/data'],
        envKeys: ['TOKEN'],
      });
      expect(typeof read.createdAt).toBe('string');
    });

    it('patches only the named fields; null removes an optional one', async () => {
      await servers().create({
        name: 'remote',
        transport: { type: 'http', url: 'https://mcp.example.com/mcp', headerKeys: [] },
        enabled: true,
        timeoutSeconds: 5,
      });
      const updated = await servers().update('remote', { enabled: false, timeoutSeconds: null });
      expect(updated.enabled).toBe(false);
      expect(updated.timeoutSeconds).toBeUndefined();
      expect(updated.transport).toEqual({ type: 'http', url: 'https://mcp.example.com/mcp', headerKeys: [] });
    });

    it('refuses a taken name, lists in name order with a cursor, and deletes', async () => {
      await expect(
        servers().create({
          name: 'fs',
          transport: { type: 'http', url: 'https://x', headerKeys: [] },
          enabled: true,
        }),
      ).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
      const first = await servers().list({}, { limit: 1 });
      expect(first.items.map((server) => server.name)).toEqual(['fs']);
      const second = await servers().list({}, { limit: 1, cursor: first.nextCursor ?? undefined });
      expect(second.items.map((server) => server.name)).toEqual(['remote']);
      expect((await servers().list({ enabled: true })).items.map((server) => server.name)).toEqual(['fs']);
      await servers().delete('remote');
      await expect(servers().get('remote')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});

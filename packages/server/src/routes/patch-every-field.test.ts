import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dropSchema,
  postgresAvailable,
  postgresSchemaUrl,
  uniqueSchemaName,
} from '../../../../test-support/postgres';
import { startTestServer, type TestServer } from '../testing/start-test-server';
import { apiRoutes } from './index';
import { type Json, nest, patchCases, type Send, settingsBaseline } from './patch-table.test-support';

const postgresUp = await postgresAvailable('@agentry/server PATCH table on PostgreSQL');

/** One row of the table: a route, one of its fields, and the value it is PATCHed to. */
const rows = patchCases.flatMap((patchCase) =>
  Object.entries(patchCase.values).flatMap(([field, values]) =>
    values.map((value) => ({ patchCase, field, value, label: JSON.stringify(value) })),
  ),
);

/** A resource as field → its JSON text: top-level keys, or for a nested document its dotted leaves. */
function fieldsOf(resource: Json, nested = false, prefix = ''): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(resource)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (nested && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      Object.assign(fields, fieldsOf(value as Json, true, path));
    } else {
      fields[path] = JSON.stringify(value);
    }
  }
  return fields;
}

const dialects = [
  { dialect: 'sqlite', available: true },
  { dialect: 'postgres', available: postgresUp },
];

for (const { dialect, available } of dialects) {
  describe.skipIf(!available)(`every PATCH route on ${dialect} changes only the field it names`, () => {
    let server: TestServer;
    const schema = uniqueSchemaName('patch_table');
    let made = 0;

    const send: Send = async (method, path, json) => {
      const response = await server.request(path, { method, json });
      const text = await response.text();
      expect(response.status, `${method} ${path} ${JSON.stringify(json)} → ${text}`).toBeLessThan(300);
      return JSON.parse(text) as Json;
    };

    beforeAll(async () => {
      const database = dialect === 'postgres' ? { database: { url: await postgresSchemaUrl(schema) } } : {};
      server = await startTestServer({ ...nest(settingsBaseline), ...database });
      for (const name of ['reporter', 'editor']) {
        await send('POST', '/api/v1/agents', { name, role: 'Reporter', goals: ['Report'], backstory: 'B.' });
      }
    }, 120_000);
    afterAll(async () => {
      await server?.close();
      if (dialect === 'postgres') await dropSchema(schema);
    });

    it('has a row for every PATCH route and for every field its schema accepts', () => {
      const routes = apiRoutes(server.agentry).filter((route) => route.method === 'PATCH');
      expect(routes.map((route) => route.path).sort()).toEqual(patchCases.map((entry) => entry.path).sort());
      for (const route of routes) {
        const patchCase = patchCases.find((entry) => entry.path === route.path);
        const fields = patchCase?.fields(route) ?? [];
        expect(fields.length, route.path).toBeGreaterThan(0);
        expect(Object.keys(patchCase?.values ?? {}).sort(), `fields of PATCH ${route.path}`).toEqual(
          fields.sort(),
        );
      }
    });

    it.each(rows)('PATCH $patchCase.path with only $field = $label keeps every other field', async (row) => {
      const { patchCase, field, value } = row;
      const url = await patchCase.create(send, made++);
      const before = fieldsOf(await send('GET', url), patchCase.nested);
      const body = patchCase.nested ? nest({ [field]: value }) : { [field]: value };
      await send('PATCH', url, body);
      const after = fieldsOf(await send('GET', url), patchCase.nested);

      const changed = new Set([field, ...patchCase.derived, ...(patchCase.coupled?.[field] ?? [])]);
      const others = (fields: Record<string, string>) =>
        Object.fromEntries(Object.entries(fields).filter(([key]) => !changed.has(key)));
      expect(others(after)).toEqual(others(before));
      // null removes the field (merge-patch): it is gone, or shown as null where the resource keeps it.
      // Compared as JSON, not text: PostgreSQL's jsonb keeps object keys in an order of its own.
      expect(JSON.parse(after[field] ?? 'null')).toEqual(value);
      expect(after[field], 'the table must change the field').not.toBe(before[field]);
    });
  });
}

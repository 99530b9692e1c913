import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { DatabaseUnreachableError } from './database-unreachable-error';
import { maskDatabaseUrl } from './mask-database-url';

describe('DATABASE_UNREACHABLE', () => {
  it('masks the password of a database URL, in the userinfo and in a password parameter', () => {
    expect(maskDatabaseUrl('postgres://app:p%40ss@db:5432/agentry')).toBe(
      'postgres://app:***@db:5432/agentry',
    );
    expect(maskDatabaseUrl('postgresql://db/agentry?user=app&password=x&ssl=true')).toBe(
      'postgresql://db/agentry?user=app&password=***&ssl=true',
    );
    expect(maskDatabaseUrl('postgres://app@db/agentry')).toBe('postgres://app@db/agentry');
    expect(maskDatabaseUrl('./data/agentry.db')).toBe('./data/agentry.db');
  });

  it('is raised when no PostgreSQL answers, naming the URL without its password', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as { port: number };
    await new Promise<void>((resolve) => holder.close(() => resolve()));
    const url = `postgres://agentry:hunter2hunter2@127.0.0.1:${port}/test`;
    const error = await openDatabase({ url }).catch((caught: unknown) => caught);
    expect(DatabaseUnreachableError.isInstance(error)).toBe(true);
    const unreachable = error as DatabaseUnreachableError;
    expect(unreachable.code).toBe('DATABASE_UNREACHABLE');
    expect(unreachable.url).toBe(`postgres://agentry:***@127.0.0.1:${port}/test`);
    expect(unreachable.message).toContain('ECONNREFUSED');
    expect(unreachable.message).not.toContain('hunter2');
  });

  it('is raised when the PostgreSQL server refuses the database, with the reason it gave', async () => {
    const url = 'postgres://postgres:hunter2hunter2@127.0.0.1:5432/no_such_database_for_agentry';
    const error = await openDatabase({ url }).catch((caught: unknown) => caught);
    expect(DatabaseUnreachableError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('does not exist');
    expect((error as Error).message).not.toContain('hunter2');
  });
});

import type { Run } from '../../models/run';
import type { Dialect } from '../database-url';
import { RowCodec } from '../row-codec';

/** The codec of the `runs` table (every field of {@link Run}) for `dialect`. */
export function runCodec(dialect: Dialect): RowCodec<Run> {
  return new RowCodec<Run>(
    {
      id: 'text',
      kind: 'text',
      target: 'text',
      status: 'text',
      input: 'json',
      output: 'json',
      error: 'json',
      scheduleId: 'text',
      firingId: 'text',
      parentRunId: 'text',
      model: 'text',
      promptTokens: 'integer',
      completionTokens: 'integer',
      toolCalls: 'integer',
      toolErrors: 'integer',
      createdAt: 'timestamp',
      startedAt: 'timestamp',
      finishedAt: 'timestamp',
      heartbeatAt: 'timestamp',
    },
    dialect,
  );
}

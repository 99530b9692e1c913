import { type Static, Type } from 'typebox';
import { JsonObject, Name, Timestamp, Uuid } from './common';

/** Who or what produced a memory entry. */
export const MemoryRole = Type.Union(
  [
    Type.Literal('user'),
    Type.Literal('assistant'),
    Type.Literal('thought'),
    Type.Literal('tool_call'),
    Type.Literal('tool_output'),
    Type.Literal('system'),
  ],
  { title: 'MemoryRole' },
);
/** Who or what produced a memory entry. */
export type MemoryRole = Static<typeof MemoryRole>;

/** One remembered turn of an agent's run. */
export const MemoryEntry = Type.Object(
  {
    id: Type.Integer({ minimum: 1, description: 'Monotonic id; later entries have larger ids.' }),
    agent: Name,
    runId: Uuid,
    seq: Type.Integer({ minimum: 0, description: 'Order within the run.' }),
    createdAt: Timestamp,
    role: MemoryRole,
    content: Type.String(),
    metadata: JsonObject,
  },
  { title: 'MemoryEntry', description: 'One remembered turn of an agent run.' },
);
/** One remembered turn. */
export type MemoryEntry = Static<typeof MemoryEntry>;

/** A memory entry to append (id is assigned by the database; createdAt and metadata default). */
export const MemoryEntryInput = Type.Object(
  {
    agent: Name,
    runId: Uuid,
    seq: Type.Integer({ minimum: 0 }),
    role: MemoryRole,
    content: Type.String(),
    metadata: Type.Optional(JsonObject),
    createdAt: Type.Optional(Timestamp),
  },
  { title: 'MemoryEntryInput' },
);
/** A memory entry to append. */
export type MemoryEntryInput = Static<typeof MemoryEntryInput>;

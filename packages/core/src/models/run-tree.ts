import { type Static, Type } from 'typebox';
import { Uuid } from './common';
import { RunKind, RunStatus } from './run';

/** A run started by another run (an agent asked by delegation, or a workflow's agent step). */
export const RunChild = Type.Object(
  {
    id: Uuid,
    kind: RunKind,
    agent: Type.String({ description: 'The agent it runs (for a workflow run: the workflow).' }),
    status: RunStatus,
  },
  { title: 'RunChild', description: 'A run started by another run.' },
);
/** A run started by another run. */
export type RunChild = Static<typeof RunChild>;

/** A run and, nested, every run it started, down the whole tree. */
export interface RunTreeNode extends RunChild {
  /** The runs this run started, oldest first. */
  children: RunTreeNode[];
}

/**
 * JSON Schema of a {@link RunTreeNode}. Recursive: `children` refers to the schema itself as the OpenAPI
 * component `RunTreeNode`, which the OpenAPI document must publish under that name.
 */
export const RunTreeNode = Type.Unsafe<RunTreeNode>({
  type: 'object',
  title: 'RunTreeNode',
  description: 'A run and, nested in `children`, the runs it started (delegation, workflow steps).',
  properties: {
    ...RunChild.properties,
    children: { type: 'array', items: { $ref: '#/components/schemas/RunTreeNode' } },
  },
  required: ['id', 'kind', 'agent', 'status', 'children'],
});

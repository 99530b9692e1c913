import { type Static, Type } from 'typebox';
import { OutputSchema } from './agent-definition';
import { JsonObject } from './common';

/** A request to run an agent on a task. */
export const AgentExecutionRequest = Type.Object(
  {
    task: Type.String({ minLength: 1, description: 'What the agent should do.' }),
    context: Type.Optional(
      Type.Union([JsonObject, Type.String()], { description: 'Extra information for the task.' }),
    ),
    outputSchema: Type.Optional(OutputSchema),
    async: Type.Optional(
      Type.Boolean({ description: 'Answer 202 with the run at once instead of waiting for the result.' }),
    ),
  },
  { title: 'AgentExecutionRequest', description: 'Run an agent on a task.' },
);
/** A request to run an agent. */
export type AgentExecutionRequest = Static<typeof AgentExecutionRequest>;

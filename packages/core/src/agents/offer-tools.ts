import type { Logger } from '../logging/logger';
import type { RunSetup } from './prepare-run';
import type { Transcript } from './transcript';

/**
 * The setup for one model turn with the tools offered this turn: when the agent's tool definitions
 * exceed `agent.toolBudgetTokens`, only the tools the run's selector picks for the conversation so far
 * (the text of the task, the replies and the tool results) and the tools already `used` go to the model, natively or
 * in the text protocol's system prompt; the choice is logged at debug. Otherwise `setup` is returned
 * as it is.
 */
export function offerTools(
  setup: RunSetup,
  transcript: Transcript,
  used: ReadonlySet<string>,
  log: { logger: Logger; runId: string; iteration: number },
): RunSetup {
  if (!setup.toolSelector.limited) return setup;
  const conversation = transcript.messages.map((message) => message.content).join('\n');
  const selection = setup.toolSelector.select(conversation, used);
  log.logger.debug(
    {
      runId: log.runId,
      iteration: log.iteration,
      offered: selection.offered.map((tool) => tool.name),
      leftOut: selection.leftOut.length,
      estimatedTokens: selection.estimatedTokens,
      budgetTokens: setup.toolBudgetTokens,
    },
    'Tools offered to the model (tool budget).',
  );
  return {
    ...setup,
    system: setup.systemFor(selection.offered),
    wireTools: setup.mode === 'native' ? selection.offered : undefined,
  };
}

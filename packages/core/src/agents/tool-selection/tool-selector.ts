import type { LlmToolDefinition } from '../../llm/index';
import { Bm25Index } from './bm25-index';
import { estimateToolTokens } from './tool-cost';

/** The tools offered for one model turn. */
export interface ToolSelection {
  /** Tools offered, in the agent's order. */
  offered: LlmToolDefinition[];
  /** Names of the tools left out this turn (empty when everything fits). */
  leftOut: string[];
  /** Estimated tokens of the offered tools' definitions. */
  estimatedTokens: number;
  /** Whether the budget made a choice (the agent's tools did not all fit). */
  limited: boolean;
}

/**
 * Chooses, turn by turn, which of an agent's tools the model is offered when their definitions exceed
 * a token budget. The tools are indexed once (name, description and parameter names and descriptions);
 * each turn ranks them by BM25 against the conversation so far. Tools already used in the run come first
 * and are always offered, even past the budget; then the best-ranked tools that still fit, in rank order
 * (a tool too large for what is left is skipped for a smaller one; ties keep the agent's order). At
 * least one tool is offered (the best-ranked, when none fits). A budget of 0, or tools that fit, offers
 * every tool.
 */
export class ToolSelector {
  private readonly costs: number[];
  private readonly total: number;
  private index: Bm25Index | undefined;

  /** Prepares a selector over `tools` for `budgetTokens` (0: no limit). */
  constructor(
    private readonly tools: readonly LlmToolDefinition[],
    private readonly budgetTokens: number,
  ) {
    this.costs = tools.map(estimateToolTokens);
    this.total = this.costs.reduce((sum, cost) => sum + cost, 0);
  }

  /** Whether the tools exceed the budget, so {@link select} chooses among them. */
  get limited(): boolean {
    return this.budgetTokens > 0 && this.total > this.budgetTokens;
  }

  /** The tools to offer for a turn whose conversation so far is `conversation`. */
  select(conversation: string, used: ReadonlySet<string>): ToolSelection {
    if (!this.limited) {
      return { offered: [...this.tools], leftOut: [], estimatedTokens: this.total, limited: false };
    }
    this.index ??= new Bm25Index(this.tools.map(searchText));
    const scores = this.index.score(conversation);
    const chosen = new Set<number>();
    let spent = 0;
    this.tools.forEach((tool, position) => {
      if (!used.has(tool.name)) return;
      chosen.add(position);
      spent += this.costs[position] ?? 0;
    });
    const ranked = this.tools
      .map((_, position) => position)
      .filter((position) => !chosen.has(position))
      .sort((left, right) => (scores[right] ?? 0) - (scores[left] ?? 0) || left - right);
    for (const position of ranked) {
      const cost = this.costs[position] ?? 0;
      if (spent + cost > this.budgetTokens) continue;
      chosen.add(position);
      spent += cost;
    }
    const [best] = ranked;
    if (chosen.size === 0 && best !== undefined) {
      chosen.add(best);
      spent += this.costs[best] ?? 0;
    }
    const offered = this.tools.filter((_, position) => chosen.has(position));
    const leftOut = this.tools.filter((_, position) => !chosen.has(position)).map((tool) => tool.name);
    return { offered, leftOut, estimatedTokens: spent, limited: true };
  }
}

/** What a tool is searched by: its name, description, and each parameter's name and description. */
function searchText(tool: LlmToolDefinition): string {
  const parts = [tool.name, tool.description ?? ''];
  const properties = (tool.parameters as { properties?: unknown }).properties;
  if (typeof properties === 'object' && properties !== null) {
    for (const [name, schema] of Object.entries(properties as Record<string, { description?: unknown }>)) {
      parts.push(name);
      if (typeof schema?.description === 'string') parts.push(schema.description);
    }
  }
  return parts.join(' ');
}

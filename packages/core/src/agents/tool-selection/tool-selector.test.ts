import { describe, expect, it } from 'vitest';
import { estimateTokens } from '../context-budget/index';
import { manyTools } from './many-tools.test-support';
import { estimateToolTokens } from './tool-cost';
import { ToolSelector } from './tool-selector';

const TASK = 'How much is 250 euros in Japanese yen? Convert the amount.';

describe('ToolSelector', () => {
  const tools = manyTools(40);
  const total = tools.reduce((sum, tool) => sum + estimateToolTokens(tool), 0);

  it('offers every tool when they fit, or when the budget is 0', () => {
    expect(new ToolSelector(tools, total).select(TASK, new Set()).offered).toHaveLength(40);
    const unlimited = new ToolSelector(tools, 0);
    expect(unlimited.limited).toBe(false);
    expect(unlimited.select(TASK, new Set()).offered).toHaveLength(40);
  });

  it('keeps the offered definitions of 40 tools within the budget, with the relevant tool first in rank', () => {
    expect(total).toBeGreaterThan(1500 * 2);
    const selection = new ToolSelector(tools, 1500).select(TASK, new Set());
    expect(selection.limited).toBe(true);
    expect(selection.offered.length).toBeLessThan(40);
    expect(selection.offered.map((tool) => tool.name)).toContain('tool_37_currency_exchange');
    expect(estimateTokens(JSON.stringify(selection.offered))).toBeLessThanOrEqual(1500);
    expect(selection.estimatedTokens).toBeLessThanOrEqual(1500);
    expect(selection.leftOut).toHaveLength(40 - selection.offered.length);
  });

  it('offers only the best-ranked tool when the budget holds one tool, and always the tools already used', () => {
    const selector = new ToolSelector(tools, estimateToolTokens(tools[36]!));
    expect(selector.select(TASK, new Set()).offered.map((tool) => tool.name)).toEqual([
      'tool_37_currency_exchange',
    ]);
    const used = new Set(['tool_05_moon_phase']);
    const names = selector.select(TASK, used).offered.map((tool) => tool.name);
    expect(names).toContain('tool_05_moon_phase');
  });

  it('follows the conversation: a later message about tides brings the tide tool in', () => {
    const selector = new ToolSelector(tools, 500);
    const before = selector.select(TASK, new Set()).offered.map((tool) => tool.name);
    expect(before).not.toContain('tool_21_tide_table');
    const after = selector.select(`${TASK}\nAlso, when is high tide? Check the tide table.`, new Set());
    expect(after.offered.map((tool) => tool.name)).toContain('tool_21_tide_table');
  });

  it('offers the best-ranked tool even when no tool fits the budget', () => {
    const selection = new ToolSelector(tools, 1).select('moon phase tonight', new Set());
    expect(selection.offered.map((tool) => tool.name)).toEqual(['tool_05_moon_phase']);
  });
});

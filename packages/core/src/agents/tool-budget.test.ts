import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../logging/logger';
import { reply } from '../testing/index';
import { BaseTool } from '../tools/base-tool';
import { definePlugin } from '../tools/define-plugin';
import type { JsonSchema } from '../tools/tool-types';
import { useAgentKit } from './agent-test-kit.test-support';
import { estimateTokens } from './context-budget/index';
import { manyTools } from './tool-selection/many-tools.test-support';

const BUDGET = 1500;
const TOOLS = manyTools(40);
const CURRENCY = 'tool_37_currency_exchange';
const HOLIDAY = 'tool_20_holiday_date';
const TASK = 'How much is 250 euros in Japanese yen? Convert the amount.';

const toolClasses = TOOLS.map(
  (definition) =>
    class extends BaseTool<Record<string, unknown>> {
      readonly name = definition.name;
      readonly description = definition.description ?? '';
      readonly parameters = definition.parameters as JsonSchema;
      async execute() {
        return definition.name === CURRENCY ? '250 EUR = 40500 JPY (rate 162)' : 'done';
      }
    },
);

const debugLines: Array<{ data: Record<string, unknown>; message?: string }> = [];
const capturingLogger: Logger = {
  debug: (data, message) => {
    if (typeof data === 'object') debugLines.push({ data: data as Record<string, unknown>, message });
  },
  info() {},
  warn() {},
  error() {},
  child: () => capturingLogger,
};

const kit = useAgentKit({
  logger: capturingLogger,
  overrides: { agent: { toolBudgetTokens: BUDGET } },
  plugins: [definePlugin({ name: 'forty-tools', version: '1.0.0', tools: toolClasses })],
});

beforeAll(async () => {
  const base = { role: 'Assistant', goals: [], backstory: '', tools: TOOLS.map((tool) => tool.name) };
  await kit.agentry.agents.create({ ...base, name: 'many-native', memoryTurns: 0 });
  await kit.agentry.agents.create({ ...base, name: 'many-text', model: 'tiny', memoryTurns: 0 });
});

beforeEach(() => {
  debugLines.length = 0;
});

function offeredNames(request: { tools?: Array<{ function: { name: string } }> } | undefined): string[] {
  return (request?.tools ?? []).map((tool) => tool.function.name);
}

describe('tool budget (native tools)', () => {
  it('offers tool #37 within the budget when the task needs it, and the model calls it', async () => {
    const totalTokens = estimateTokens(JSON.stringify(TOOLS));
    expect(totalTokens).toBeGreaterThan(BUDGET);
    kit.ollama.enqueue(
      reply.toolCalls([{ name: CURRENCY, arguments: { amount: 250, from: 'EUR', to: 'JPY' } }]),
      reply.text('250 euros are 40500 yen.'),
    );
    const run = await kit.agentry.agents.run('many-native', { task: TASK });
    expect(run.status).toBe('succeeded');
    expect(run.output).toBe('250 euros are 40500 yen.');
    const [first, second] = kit.ollama.chatRequests();
    const offered = offeredNames(first);
    expect(offered).toContain(CURRENCY);
    expect(offered.length).toBeLessThan(TOOLS.length);
    expect(estimateTokens(JSON.stringify(first?.tools))).toBeLessThanOrEqual(BUDGET);
    expect(offeredNames(second)).toContain(CURRENCY);
    const { steps } = await kit.agentry.runs.get(run.id);
    expect(steps.filter((step) => step.kind === 'tool').map((step) => [step.name, step.status])).toEqual([
      [CURRENCY, 'succeeded'],
    ]);
    const logged = debugLines.filter(
      (line) => line.data.runId === run.id && Array.isArray(line.data.offered),
    );
    expect(logged).toHaveLength(2);
    expect(logged[0]?.data).toMatchObject({
      iteration: 1,
      budgetTokens: BUDGET,
      leftOut: 40 - offered.length,
    });
    expect(logged[0]?.data.offered).toEqual(offered);
  });

  it('keeps a tool the run used offered on later turns, though it is unrelated to the task', async () => {
    kit.ollama.enqueue(
      reply.toolCalls([{ name: HOLIDAY, arguments: { query: 'next' } }]),
      reply.toolCalls([{ name: CURRENCY, arguments: { amount: 250, from: 'EUR', to: 'JPY' } }]),
      reply.text('40500 yen.'),
    );
    const run = await kit.agentry.agents.run('many-native', { task: TASK });
    expect(run.status).toBe('succeeded');
    const [first, second, third] = kit.ollama.chatRequests().map(offeredNames);
    expect(first).not.toContain(HOLIDAY);
    expect(second).toContain(HOLIDAY);
    expect(third).toEqual(expect.arrayContaining([HOLIDAY, CURRENCY]));
  });
});

describe('tool budget (text protocol)', () => {
  it('lists only the chosen tools in the system prompt, tool #37 among them', async () => {
    kit.ollama.enqueue(
      reply.text(`{"tool": "${CURRENCY}", "arguments": {"amount": 250, "from": "EUR", "to": "JPY"}}`),
      reply.text('{"final_answer": "40500 yen."}'),
    );
    const run = await kit.agentry.agents.run('many-text', { task: TASK });
    expect(run.status).toBe('succeeded');
    const [first] = kit.ollama.chatRequests();
    expect(first?.tools).toBeUndefined();
    const system = first?.messages?.[0]?.content ?? '';
    const listed = system.split('\n').filter((line) => line.startsWith('- tool_'));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThan(TOOLS.length);
    expect(system).toContain(`- ${CURRENCY}:`);
  });
});

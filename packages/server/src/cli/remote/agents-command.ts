import type { AgentDefinition } from '@agentry/core';
import type { Command } from 'commander';
import {
  type AgentDefinitionFlags,
  agentCreateBody,
  collect,
  readJsonObject,
} from './agent-definition-flags';
import { printJson, printTable } from './output';
import { apiClient, type RemoteOptions, withRemoteOptions } from './remote-options';
import { oneLine } from './run-format';
import { type StartRunOptions, startRun } from './start-run';

/** Registers `agentry agents list|show|create|run` (docs/cli.md). */
export function registerAgentCommands(program: Command): void {
  const agents = program.command('agents').description('Agents on a running server');
  withRemoteOptions(agents.command('list').description('List agents')).action(listAgents);
  withRemoteOptions(agents.command('show <name>').description('Show one agent')).action(showAgent);
  withRemoteOptions(
    agents
      .command('create <name>')
      .description('Create an agent from flags and/or a JSON file, or draft it from --description alone')
      .option('--file <file>', 'JSON file with the definition (flags override its fields)')
      .option('--description <text>', 'what the agent is for (alone: the model drafts the rest)')
      .option('--role <text>', 'the role it plays')
      .option('--goal <text>', 'a goal (repeat for more)', collect)
      .option('--backstory <text>', 'background that shapes how it works')
      .option('--tool <name>', 'a tool it may call (repeat for more)', collect)
      .option('--model <model>', 'preferred Ollama model')
      .option('--max-iterations <n>', 'most reasoning/tool steps in one run'),
  ).action(createAgent);
  withRemoteOptions(
    agents
      .command('run <name> <task>')
      .description('Run an agent on a task; --follow streams it live (default on a terminal)')
      .option('--follow', 'stream the run live: thoughts, tool calls and results, the answer')
      .option('--no-follow', 'wait for the end and print the answer only')
      .option('--output-schema <file>', 'JSON Schema file the answer must follow (a typed answer)'),
  ).action(runAgent);
}

async function listAgents(flags: RemoteOptions): Promise<void> {
  const items = await apiClient(flags).all<AgentDefinition>('/api/v1/agents');
  if (flags.json) return printJson(items);
  const rows = items.map((agent) => [
    agent.name,
    agent.tools.join(',') || '-',
    oneLine(agent.description || agent.role, 80),
  ]);
  printTable(
    ['NAME', 'TOOLS', 'DESCRIPTION'],
    rows,
    'No agents yet: create one with `agentry agents create`.',
  );
}

async function showAgent(name: string, flags: RemoteOptions): Promise<void> {
  const agent = await apiClient(flags).get<AgentDefinition>(`/api/v1/agents/${encodeURIComponent(name)}`);
  if (flags.json) return printJson(agent);
  printAgent(agent);
}

async function createAgent(name: string, flags: RemoteOptions & AgentDefinitionFlags): Promise<void> {
  const agent = await apiClient(flags).post<AgentDefinition>('/api/v1/agents', agentCreateBody(name, flags));
  if (flags.json) return printJson(agent);
  process.stderr.write(`Created agent ${agent.name}.\n`);
  printAgent(agent);
}

function runAgent(
  name: string,
  task: string,
  flags: RemoteOptions & StartRunOptions & { outputSchema?: string },
): Promise<void> {
  const body: Record<string, unknown> = { task };
  if (flags.outputSchema) body.outputSchema = readJsonObject(flags.outputSchema, '/outputSchema');
  return startRun(apiClient(flags), `/api/v1/agents/${encodeURIComponent(name)}/run`, body, flags);
}

function printAgent(agent: AgentDefinition): void {
  const lines = [
    ['name', agent.name],
    ['description', agent.description ?? ''],
    ['role', agent.role],
    ['goals', agent.goals.map((goal) => `\n  - ${goal}`).join('')],
    ['backstory', agent.backstory],
    ['tools', agent.tools.join(', ') || '(none)'],
    ['model', agent.model ?? '(server default)'],
    ['maxIterations', agent.maxIterations === undefined ? '(server default)' : String(agent.maxIterations)],
    ['outputSchema', agent.outputSchema ? JSON.stringify(agent.outputSchema) : ''],
  ];
  for (const [label, value] of lines) {
    if (value) process.stdout.write(`${label}:${value.startsWith('\n') ? '' : ' '}${value}\n`);
  }
}

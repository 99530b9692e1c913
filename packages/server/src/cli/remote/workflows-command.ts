import type { WorkflowDefinition } from '@agentry/core';
import { type Command, InvalidArgumentError } from 'commander';
import { printJson, printTable } from './output';
import { apiClient, type RemoteOptions, withRemoteOptions } from './remote-options';
import { oneLine } from './run-format';
import { type StartRunOptions, startRun } from './start-run';

/** Registers `agentry workflows list|run` (docs/cli.md). */
export function registerWorkflowCommands(program: Command): void {
  const workflows = program.command('workflows').description('Workflows on a running server');
  withRemoteOptions(workflows.command('list').description('List workflows')).action(listWorkflows);
  withRemoteOptions(
    workflows
      .command('run <name>')
      .description('Run a workflow; --follow streams it live (default on a terminal)')
      .option(
        '--input <key=value>',
        'an input as text; key:=json for a JSON value (repeat for more)',
        addInput,
        {},
      )
      .option('--follow', 'stream the run live')
      .option('--no-follow', 'wait for the end and print the result only'),
  ).action(runWorkflow);
}

/**
 * Adds one `--input` to the inputs: `key=value` sets the text `value`, `key:=value` parses `value` as JSON
 * (`count:=3`, `tags:='["a","b"]'`). Anything else is a usage error (exit code 2).
 */
export function addInput(text: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const match = /^([^=:]+)(:?=)([\s\S]*)$/.exec(text);
  if (!match) throw new InvalidArgumentError(`expected key=value or key:=json, got '${text}'.`);
  const [, key = '', operator, value = ''] = match;
  if (operator === '=') return { ...inputs, [key]: value };
  try {
    return { ...inputs, [key]: JSON.parse(value) };
  } catch {
    throw new InvalidArgumentError(`the value of ${key}:= is not JSON: ${value}`);
  }
}

async function listWorkflows(flags: RemoteOptions): Promise<void> {
  const items = await apiClient(flags).all<WorkflowDefinition>('/api/v1/workflows');
  if (flags.json) return printJson(items);
  const rows = items.map((workflow) => [
    workflow.name,
    workflow.enabled ? 'enabled' : 'disabled',
    String(workflow.steps.length),
    Object.keys(workflow.inputs ?? {}).join(',') || '-',
    oneLine(workflow.description, 80),
  ]);
  printTable(
    ['NAME', 'STATE', 'STEPS', 'INPUTS', 'DESCRIPTION'],
    rows,
    'No workflows yet: create one with POST /api/v1/workflows (docs/workflows.md).',
  );
}

function runWorkflow(
  name: string,
  flags: RemoteOptions & StartRunOptions & { input: Record<string, unknown> },
): Promise<void> {
  const path = `/api/v1/workflows/${encodeURIComponent(name)}/run`;
  return startRun(apiClient(flags), path, { inputs: flags.input }, flags);
}

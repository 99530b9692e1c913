import type { Approval } from '@agentry/core';
import type { Command } from 'commander';
import { printJson, printTable } from './output';
import { apiClient, type RemoteOptions, withRemoteOptions } from './remote-options';

/** Flags of `agentry approvals list`. */
interface ListFlags extends RemoteOptions {
  status?: string;
  run?: string;
}

/** Flags of `agentry approvals reject`. */
interface RejectFlags extends RemoteOptions {
  reason?: string;
}

/** Registers `agentry approvals list|approve <id>|reject <id> --reason` (docs/approvals.md). */
export function registerApprovalCommands(program: Command): void {
  const approvals = program.command('approvals').description('Tool calls waiting for a decision');
  withRemoteOptions(
    approvals
      .command('list')
      .description('List approvals (pending unless --status or --run)')
      .option('--status <status>', 'pending, approved, rejected or expired')
      .option('--run <id>', 'only the approvals of this run'),
  ).action(listApprovals);
  withRemoteOptions(
    approvals
      .command('approve <id>')
      .description('Approve a pending call; the run goes on')
      .option('--reason <text>', 'why (recorded)'),
  ).action((id: string, flags: RejectFlags) => decide(id, 'approve', flags));
  withRemoteOptions(
    approvals
      .command('reject <id>')
      .description('Reject a pending call; the model gets the reason')
      .option('--reason <text>', 'why (the model sees it)'),
  ).action((id: string, flags: RejectFlags) => decide(id, 'reject', flags));
}

async function listApprovals(flags: ListFlags): Promise<void> {
  const query = {
    ...(flags.status ? { status: flags.status } : {}),
    ...(flags.run ? { runId: flags.run } : {}),
  };
  const items = await apiClient(flags).all<Approval>('/api/v1/approvals', query);
  if (flags.json) return printJson(items);
  const rows = items.map((approval) => [
    approval.id,
    approval.status,
    `${approval.agent} → ${approval.tool}`,
    JSON.stringify(approval.editedArguments ?? approval.arguments),
    approval.decidedBy ?? '-',
  ]);
  printTable(['ID', 'STATUS', 'CALL', 'ARGUMENTS', 'DECIDED BY'], rows, 'No approvals.');
}

async function decide(id: string, decision: 'approve' | 'reject', flags: RejectFlags): Promise<void> {
  const path = `/api/v1/approvals/${encodeURIComponent(id)}`;
  const body = { decision, ...(flags.reason ? { reason: flags.reason } : {}) };
  const approval = await apiClient(flags).post<Approval>(path, body);
  if (flags.json) return printJson(approval);
  const verb = approval.status === 'approved' ? 'Approved' : 'Rejected';
  process.stdout.write(`${verb} ${approval.tool} call ${approval.id} of run ${approval.runId}.\n`);
}

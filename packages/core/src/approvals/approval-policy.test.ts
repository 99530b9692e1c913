import { describe, expect, it } from 'vitest';
import type { AgentApproval, ApprovalPolicy } from '../models/approval';
import { approvalPolicyFor, toolsNeedingApproval } from './approval-policy';

type Row = {
  case: string;
  step?: AgentApproval;
  workflow?: AgentApproval;
  agent?: AgentApproval;
  setting: ApprovalPolicy;
  expected: ApprovalPolicy;
};

const rows: Row[] = [
  { case: 'nothing set: the setting', setting: 'destructive', expected: 'destructive' },
  {
    case: 'agent default over the setting',
    agent: { default: 'always' },
    setting: 'never',
    expected: 'always',
  },
  {
    case: "agent's per-tool policy over its default",
    agent: { default: 'always', tools: { send: 'never' } },
    setting: 'destructive',
    expected: 'never',
  },
  {
    case: 'workflow over agent',
    workflow: { default: 'never' },
    agent: { tools: { send: 'always' } },
    setting: 'always',
    expected: 'never',
  },
  {
    case: "workflow's per-tool policy over its default",
    workflow: { default: 'never', tools: { send: 'always' } },
    setting: 'never',
    expected: 'always',
  },
  {
    case: 'step over workflow and agent',
    step: { default: 'always' },
    workflow: { tools: { send: 'never' } },
    agent: { default: 'never' },
    setting: 'never',
    expected: 'always',
  },
  {
    case: 'a step override of another tool leaves the workflow deciding',
    step: { tools: { other: 'always' } },
    workflow: { default: 'destructive' },
    setting: 'never',
    expected: 'destructive',
  },
  {
    case: 'empty overrides fall through',
    step: {},
    workflow: {},
    agent: {},
    setting: 'always',
    expected: 'always',
  },
];

describe('approvalPolicyFor: step > workflow > agent > setting', () => {
  it.each(rows)('$case', (row) => {
    const agent = row.agent === undefined ? {} : { approval: row.agent };
    expect(approvalPolicyFor('send', agent, row.setting, [row.step, row.workflow])).toBe(row.expected);
  });

  it('a workflow tool step (no agent) uses the step, then the workflow, then the setting', () => {
    expect(approvalPolicyFor('send', undefined, 'never', [undefined, { default: 'always' }])).toBe('always');
    expect(approvalPolicyFor('send', undefined, 'never', [])).toBe('never');
  });
});

describe('toolsNeedingApproval with workflow overrides', () => {
  const tools = [
    { name: 'send', description: '', parameters: {}, annotations: { destructiveHint: true } },
    { name: 'read', description: '', parameters: {}, annotations: { readOnlyHint: true } },
  ];

  it('the workflow turns off the wait a destructive tool has by default', () => {
    const names = toolsNeedingApproval(tools, {}, 'destructive', [undefined, { default: 'never' }]);
    expect([...names]).toEqual([]);
  });

  it('a step makes even a read-only tool wait', () => {
    const names = toolsNeedingApproval(tools, {}, 'destructive', [{ tools: { read: 'always' } }]);
    expect([...names].sort()).toEqual(['read', 'send']);
  });
});

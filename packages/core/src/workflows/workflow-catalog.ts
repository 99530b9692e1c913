import type { FieldIssue } from '../errors/validation-error';
import type { AgentApproval } from '../models/approval';
import type { JsonSchema } from '../tools/tool-types';

/** An agent a workflow step may use, as shown to the model that drafts steps. */
export interface CatalogAgent {
  /** Agent name. */
  name: string;
  /** What the agent is for (description or role). */
  description: string;
  /** Tools the agent may call. */
  tools: string[];
  /** The JSON Schema its answers follow (typed answers), if it has one. */
  outputSchema?: Record<string, unknown>;
  /** Its approval overrides, if any (which of its calls wait for a person). */
  approval?: AgentApproval;
}

/** A tool a workflow step may call, as shown to the model that drafts steps. */
export interface CatalogTool {
  /** Tool name. */
  name: string;
  /** What the tool does. */
  description: string;
  /** JSON Schema of its parameters. */
  inputSchema: JsonSchema;
  /** Whether it is annotated `destructiveHint` (its calls wait for approval under policy `destructive`). */
  destructive: boolean;
}

/** What workflow validation and drafting need to know about the registered agents and tools. */
export interface WorkflowCatalog {
  /** Whether an agent called `name` exists. */
  hasAgent(name: string): Promise<boolean>;
  /** The `outputSchema` of agent `name`, when it exists and has one. */
  agentOutputSchema(name: string): Promise<Record<string, unknown> | undefined>;
  /** Whether a tool called `name` is registered. */
  hasTool(name: string): Promise<boolean>;
  /** Names of the config fields a tool marks secret (empty for an unknown tool). */
  secretConfigFields(tool: string): Promise<string[]>;
  /** Problems of `parameters` against the tool's schema; pointers relative to the parameters object. */
  parameterIssues(tool: string, parameters: Record<string, unknown>): Promise<FieldIssue[]>;
  /** Agents that drafted steps may use. */
  listAgents(): Promise<CatalogAgent[]>;
  /** Enabled, available tools that drafted steps may call. */
  listTools(): Promise<CatalogTool[]>;
}

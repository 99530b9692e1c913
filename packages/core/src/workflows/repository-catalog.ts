import type { FieldIssue } from '../errors/validation-error';
import type { Repositories } from '../storage/repositories';
import { secretFields } from '../validation/secret-fields';
import type { CatalogAgent, CatalogTool, WorkflowCatalog } from './workflow-catalog';

/** Checks a tool's parameters against its schema (the tool manager's `validateParameters`). */
export type ParameterCheck = (
  tool: string,
  parameters: Record<string, unknown>,
) => FieldIssue[] | Promise<FieldIssue[]>;

const PAGE = 200;

/** The {@link WorkflowCatalog} of the stored agents and tools. */
export class RepositoryCatalog implements WorkflowCatalog {
  /** Creates the catalog over the agents and tools tables. */
  constructor(
    private readonly repositories: Pick<Repositories, 'agents' | 'tools'>,
    private readonly checkParameters: ParameterCheck,
  ) {}

  /** Whether an agent called `name` exists. */
  async hasAgent(name: string): Promise<boolean> {
    return (await this.repositories.agents.find(name)) !== undefined;
  }

  /** The `outputSchema` of agent `name`, when it exists and has one. */
  async agentOutputSchema(name: string): Promise<Record<string, unknown> | undefined> {
    return (await this.repositories.agents.find(name))?.outputSchema;
  }

  /** Whether a tool called `name` is registered. */
  async hasTool(name: string): Promise<boolean> {
    return (await this.repositories.tools.find(name)) !== undefined;
  }

  /** Names of the config fields the tool marks secret. */
  async secretConfigFields(tool: string): Promise<string[]> {
    const registration = await this.repositories.tools.find(tool);
    return secretFields(registration?.configSchema ?? undefined);
  }

  /** Problems of `parameters` against the tool's schema. */
  async parameterIssues(tool: string, parameters: Record<string, unknown>): Promise<FieldIssue[]> {
    return this.checkParameters(tool, parameters);
  }

  /** Every agent. */
  async listAgents(): Promise<CatalogAgent[]> {
    const agents: CatalogAgent[] = [];
    let cursor: string | null = null;
    do {
      const page = await this.repositories.agents.list({ limit: PAGE, cursor });
      for (const agent of page.items) {
        agents.push({
          name: agent.name,
          description: agent.description ?? agent.role,
          tools: agent.tools,
          ...(agent.outputSchema ? { outputSchema: agent.outputSchema } : {}),
          ...(agent.approval ? { approval: agent.approval } : {}),
        });
      }
      cursor = page.nextCursor;
    } while (cursor);
    return agents;
  }

  /** Every enabled tool whose plugin is loaded. */
  async listTools(): Promise<CatalogTool[]> {
    const tools: CatalogTool[] = [];
    let cursor: string | null = null;
    do {
      const page = await this.repositories.tools.list(
        { enabled: true, available: true },
        { limit: PAGE, cursor },
      );
      for (const tool of page.items) {
        tools.push({
          name: tool.name,
          description: tool.descriptionOverride ?? tool.description,
          inputSchema: tool.inputSchema,
          destructive: tool.annotations.destructiveHint === true,
        });
      }
      cursor = page.nextCursor;
    } while (cursor);
    return tools;
  }
}

import { UnprocessableError } from '../errors/index';
import type { FieldIssue } from '../errors/validation-error';
import type { ChatMessage } from '../llm/index';
import type { OllamaClient } from '../llm/ollama-client';
import type { ToolRepository } from '../storage/repositories/tool-repository';
import { compileValidator } from '../validation/index';

/** An agent definition proposed by the model, for review before saving. */
export interface AgentDraft {
  /** Suggested name (lower-case, dashes); the caller may choose another. */
  name?: string;
  /** The description it was drafted from. */
  description: string;
  /** The role the agent plays. */
  role: string;
  /** What it tries to achieve. */
  goals: string[];
  /** Background that shapes how it works. */
  backstory: string;
  /** Tools chosen from the registered ones. */
  tools: string[];
  /** What was corrected in the model's proposal (e.g. unknown tools dropped). */
  notes: string[];
}

/** A registered tool the model may choose. */
export interface DraftableTool {
  /** Tool name. */
  name: string;
  /** What it does. */
  description: string;
}

/** How to ask for a draft. */
export interface DraftAgentOptions {
  /** Model to ask; default the client's default model. */
  model?: string;
  /** Context window to send as `num_ctx`. */
  numCtx: number;
  /** Aborts the request. */
  signal?: AbortSignal;
}

const NAME_PATTERN = '^[a-z0-9][a-z0-9-]{0,63}$';

/**
 * Asks the model for an agent definition matching `description`, with a JSON-schema `format` so the
 * answer is structured. Unknown tools are dropped (and noted); an answer that is not valid gets one
 * retry with the problems listed, then an {@link UnprocessableError}.
 */
export async function draftAgent(
  ollama: OllamaClient,
  description: string,
  tools: readonly DraftableTool[],
  options: DraftAgentOptions,
): Promise<AgentDraft> {
  const schema = draftSchema(tools);
  const validator = compileValidator<Omit<AgentDraft, 'description' | 'notes'>>(schema);
  const messages: ChatMessage[] = [
    { role: 'system', content: instructions(tools) },
    { role: 'user', content: description },
  ];
  let issues: FieldIssue[] = [];
  for (let attempt = 1; attempt <= 2; attempt++) {
    const result = await ollama.chat({
      model: options.model,
      messages,
      format: schema,
      options: { num_ctx: options.numCtx, temperature: 0 },
      signal: options.signal,
    });
    const parsed = parseJson(result.message.content);
    const known = new Set(tools.map((tool) => tool.name));
    const notes: string[] = [];
    if (isRecord(parsed) && Array.isArray(parsed.tools)) {
      const unknown = parsed.tools.filter((tool) => !known.has(String(tool)));
      if (unknown.length > 0) notes.push(`Dropped tools that are not registered: ${unknown.join(', ')}.`);
      parsed.tools = parsed.tools.filter((tool) => known.has(String(tool)));
    }
    if (
      isRecord(parsed) &&
      parsed.name !== undefined &&
      !new RegExp(NAME_PATTERN).test(String(parsed.name))
    ) {
      notes.push(`Dropped the suggested name "${String(parsed.name)}": not a valid name.`);
      delete parsed.name;
    }
    issues =
      parsed === undefined ? [{ pointer: '', message: 'The answer is not JSON.' }] : validator.issues(parsed);
    if (issues.length === 0) {
      const draft = parsed as Omit<AgentDraft, 'description' | 'notes'>;
      return { ...draft, tools: [...new Set(draft.tools)], description, notes };
    }
    messages.push(
      { role: 'assistant', content: result.message.content },
      {
        role: 'user',
        content: `That is not a valid definition: ${issues.map((issue) => `${issue.pointer || '/'} ${issue.message}`).join('; ')}. Answer again with the whole JSON object.`,
      },
    );
  }
  throw new UnprocessableError(
    'The model did not produce a valid agent definition; describe the agent more precisely.',
    issues,
  );
}

function draftSchema(tools: readonly DraftableTool[]) {
  return {
    type: 'object',
    properties: {
      name: { type: 'string', pattern: NAME_PATTERN },
      role: { type: 'string', minLength: 1 },
      goals: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
      backstory: { type: 'string' },
      tools: {
        type: 'array',
        items: tools.length > 0 ? { enum: tools.map((tool) => tool.name) } : { type: 'string' },
      },
    },
    required: ['role', 'goals', 'backstory', 'tools'],
  };
}

function instructions(tools: readonly DraftableTool[]): string {
  const list =
    tools.length > 0 ? tools.map((tool) => `- ${tool.name}: ${tool.description}`).join('\n') : '(none)';
  return [
    'You design AI agents. From the description the user gives, write the agent definition as JSON with:',
    '"name" (short, lower-case, dashes), "role" (one line), "goals" (a list of short goals),',
    '"backstory" (two or three sentences), "tools" (only names from the list below that the agent needs).',
    '',
    `Available tools:\n${list}`,
  ].join('\n');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every enabled, available registered tool, as the drafter offers them to the model. */
export async function draftableTools(registry: ToolRepository): Promise<DraftableTool[]> {
  const tools: DraftableTool[] = [];
  let cursor: string | null = null;
  do {
    const page = await registry.list({ enabled: true, available: true }, { limit: 200, cursor });
    tools.push(
      ...page.items.map((tool) => ({
        name: tool.name,
        description: tool.descriptionOverride ?? tool.description,
      })),
    );
    cursor = page.nextCursor;
  } while (cursor);
  return tools;
}

import { readFileSync } from 'node:fs';
import { ValidationError } from '@agentry/core';

/** Flags of `agentry agents create`. */
export interface AgentDefinitionFlags {
  /** JSON file with (part of) the definition. */
  file?: string;
  /** What the agent is for; alone (no role), the server has the model draft the rest. */
  description?: string;
  /** The role it plays. */
  role?: string;
  /** Goals (repeatable flag). */
  goal?: string[];
  /** Background. */
  backstory?: string;
  /** Tool names (repeatable flag). */
  tool?: string[];
  /** Preferred model. */
  model?: string;
  /** Most iterations per run. */
  maxIterations?: string;
}

/** Collects a repeatable option into an array (commander `argParser`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * The `POST /api/v1/agents` body: the `--file` definition (if any), overridden by the flags given, named
 * `name`. With only a description the server drafts role, goals, backstory and tools with the model.
 */
export function agentCreateBody(name: string, flags: AgentDefinitionFlags): Record<string, unknown> {
  const fromFlags: Record<string, unknown> = {
    description: flags.description,
    role: flags.role,
    goals: flags.goal,
    backstory: flags.backstory,
    tools: flags.tool,
    model: flags.model,
    maxIterations: flags.maxIterations === undefined ? undefined : Number(flags.maxIterations),
  };
  const given = Object.fromEntries(Object.entries(fromFlags).filter(([, value]) => value !== undefined));
  return { ...(flags.file ? readJsonObject(flags.file) : {}), ...given, name };
}

/** The JSON object in `file`; a `ValidationError` at `pointer` when it cannot be read or is no object. */
export function readJsonObject(file: string, pointer = '/file'): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ValidationError([{ pointer, message: `${file}: ${(error as Error).message}` }]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ValidationError([{ pointer, message: `${file} must hold a JSON object.` }]);
  }
  return parsed as Record<string, unknown>;
}

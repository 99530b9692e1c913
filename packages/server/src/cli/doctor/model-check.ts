import { type CheckResult, fail, pass, warn } from './check-result';
import type { DoctorContext } from './doctor-context';
import { DEMO_MODE } from './ollama-check';

/** `model`: the default model (`ollama.model`) is pulled. Nothing when Ollama does not answer. */
export async function checkModel(ctx: DoctorContext): Promise<CheckResult[]> {
  if (ctx.server?.demo) return [pass('model', DEMO_MODE)];
  const model = ctx.settings.ollama.model;
  const names = await ctx.models().then(
    (models) => models.map((summary) => summary.name),
    () => undefined,
  );
  if (!names) return [];
  const wanted = model.includes(':') ? model : `${model}:latest`;
  if (names.includes(model) || names.includes(wanted)) return [pass('model', `${model} is pulled`)];
  const others = names.length > 0 ? ` (pulled: ${names.join(', ')})` : ' (no model is pulled)';
  return [
    fail(
      'model',
      `the default model ${model} is not pulled${others}`,
      `run \`ollama pull ${model}\`, or set AGENTRY_OLLAMA_MODEL (ollama.model) to a pulled model`,
    ),
  ];
}

/**
 * `model.capabilities`: how the default model calls tools (native, or the text protocol) and its context
 * size against `ollama.contextTokens`. Nothing when the model is not there.
 */
export async function checkModelCapabilities(ctx: DoctorContext): Promise<CheckResult[]> {
  if (ctx.server?.demo) return [];
  const { model, contextTokens } = ctx.settings.ollama;
  const info = await ctx.ollama.showModel(model).catch(() => undefined);
  if (!info) return [];
  const context = `context ${info.contextLength} tokens (ollama.contextTokens ${contextTokens})`;
  const name = 'model.capabilities';
  if (contextTokens > info.contextLength) {
    return [
      warn(
        name,
        `${model}: ${info.supportsTools ? 'native tool calling' : 'text protocol'}, ${context}`,
        `lower AGENTRY_OLLAMA_CONTEXT_TOKENS (ollama.contextTokens) to ${info.contextLength} or less`,
      ),
    ];
  }
  if (info.supportsTools) return [pass(name, `${model}: native tool calling, ${context}`)];
  return [
    warn(
      name,
      `${model}: no native tool calling, tools go through the text protocol; ${context}`,
      'that works; for steadier tool calls pick a model with the `tools` capability (e.g. llama3.1, qwen3)',
    ),
  ];
}

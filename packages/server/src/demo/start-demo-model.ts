import {
  defaultScriptedModels,
  type ScriptedModel,
  type ScriptedOllama,
  startScriptedOllama,
} from '@agentry/core/testing';
import { planDemoReply } from './plan-demo-reply';

/**
 * Starts the simulated model of demo mode: the scripted Ollama server (the real Ollama HTTP API on an
 * ephemeral loopback port) answering every chat with {@link planDemoReply}. It serves `model` besides the
 * usual `llama3` and `llama3.2:1b`, and keeps no request history.
 */
export async function startDemoModel(model: string): Promise<ScriptedOllama> {
  const models: ScriptedModel[] = [...defaultScriptedModels];
  if (!models.some((known) => known.name === model || `${known.name}:latest` === model))
    models.push({ name: model, tools: true, contextLength: 8192 });
  const ollama = await startScriptedOllama({ models, recordRequests: false });
  ollama.respondWith(planDemoReply);
  return ollama;
}

/**
 * Entry of a plugin worker thread (built as `dist/plugin-worker.js`). It loads one third-party plugin with
 * the same checks as the host, then runs the tool calls the host sends, one message each way. An uncaught
 * throw or `process.exit` in the plugin ends this thread only; the host sees it and fails the calls.
 */
import { parentPort } from 'node:worker_threads';
import type { ToolLike } from '../base-tool';
import type { AgentryPlugin } from '../define-plugin';
import { candidateStamp, importPlugin, instantiateTools, runSetup } from '../import-plugin';
import { keptOutput } from '../kept-output';
import { remoteLogger } from './remote-logger';
import {
  fromErrorData,
  type HostMessage,
  type ToolDescriptor,
  toErrorData,
  type WorkerMessage,
} from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('plugin-worker.js runs only as a worker thread');
const post = (message: WorkerMessage) => port.postMessage(message);
const calls = new Map<number, AbortController>();
// Schemas are compiled by the host only (ajv stays out of the worker; it is the costliest import).
let loaded: { plugin: AgentryPlugin; tools: ToolLike[] } | undefined;

// As in the host process (same code), a stray rejection is logged and never ends the plugin.
process.on('unhandledRejection', (reason) =>
  remoteLogger(post, undefined).error(
    { code: 'UNHANDLED_REJECTION', err: toErrorData(reason) },
    'Unhandled promise rejection in a plugin worker (a tool forgot to await or catch a promise); the plugin keeps running',
  ),
);

port.on('message', (message: HostMessage) => {
  if (message.type === 'load') void load(message);
  else if (message.type === 'call') void call(message);
  else if (message.type === 'abort') calls.get(message.id)?.abort(fromErrorData(message.reason));
  else void dispose();
});

async function load(message: Extract<HostMessage, { type: 'load' }>): Promise<void> {
  try {
    const options = {
      coreVersion: message.coreVersion,
      timeoutMs: message.timeoutMs,
      logger: remoteLogger(post, undefined),
    };
    const stamp = await candidateStamp(message.candidate);
    const plugin = await importPlugin(message.candidate, stamp, options);
    const instances = instantiateTools(plugin);
    await runSetup(plugin, options);
    loaded = { plugin, tools: instances };
    const tools = instances.map(
      (tool): ToolDescriptor => ({
        name: tool.name,
        description: tool.description,
        parameters: tool.parameters,
        configSchema: tool.configSchema,
        annotations: tool.annotations ? { ...tool.annotations } : undefined,
        timeoutMs: tool.timeoutMs,
      }),
    );
    post({
      type: 'loaded',
      plugin: { name: plugin.name, version: plugin.version, configSchema: plugin.configSchema },
      tools: structuredClone(tools),
    });
  } catch (error) {
    post({ type: 'load-failed', message: error instanceof Error ? error.message : String(error) });
  }
}

async function call(message: Extract<HostMessage, { type: 'call' }>): Promise<void> {
  const { id, tool: name, params, config, scope } = message;
  const controller = new AbortController();
  calls.set(id, controller);
  try {
    const tool = loaded?.tools.find((entry) => entry.name === name);
    if (!tool) throw new Error(`plugin ${loaded?.plugin.name ?? '(not loaded)'} has no tool '${name}'`);
    const logger = remoteLogger(post, id);
    const output = await tool.execute(params, {
      config: config as never,
      signal: controller.signal,
      logger,
      scope,
    });
    // Capped and checked here, so a huge or unclonable value never crosses to the host whole.
    post({ type: 'result', id, output: keptOutput(name, output, message.maxOutputBytes) });
  } catch (error) {
    post({ type: 'error', id, error: toErrorData(error) });
  } finally {
    calls.delete(id);
  }
}

async function dispose(): Promise<void> {
  try {
    await loaded?.plugin.dispose?.();
  } catch (error) {
    remoteLogger(post, undefined).warn({ err: toErrorData(error) }, 'Plugin dispose failed');
  }
  post({ type: 'disposed' });
}

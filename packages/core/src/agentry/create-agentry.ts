import { isAbsolute, resolve } from 'node:path';
import { AgentManager } from '../agents/agent-manager';
import { approvalRecovery } from '../approvals/approval-recovery';
import { ApprovalService } from '../approvals/approval-service';
import { ConfigManager } from '../config/config-manager';
import { type LoadConfigOptions, loadConfig } from '../config/load-config';
import type { Settings } from '../config/settings-schema';
import { OllamaClient } from '../llm/ollama-client';
import { createLogger } from '../logging/create-logger';
import type { Logger } from '../logging/logger';
import { MemoryManager } from '../memory/memory-manager';
import { acquireRunOwnerLock, type RunOwnerLock } from '../runs/ownership/run-owner-lock';
import { RunManager } from '../runs/run-manager';
import { Scheduler } from '../scheduler/scheduler';
import { SecretBox } from '../secrets/secret-box';
import { loadSecretKey } from '../secrets/secret-key';
import { verifySecretKey } from '../secrets/verify-secret-key';
import { type Database, openDatabase } from '../storage/database';
import { migrateLatest } from '../storage/migrate';
import { createRepositories, type Repositories } from '../storage/repositories';
import type { AgentryPlugin } from '../tools/define-plugin';
import type { PluginWorkerTuning } from '../tools/isolation/crash-backoff';
import { ToolManager } from '../tools/tool-manager';
import { createTriggers } from '../triggers/create-triggers';
import type { WatchTiming } from '../triggers/email/watch-timing';
import type { TriggerService } from '../triggers/trigger-service';
import type { WebhookReceiver } from '../triggers/webhook-receiver';
import { createWorkflowManager } from '../workflows/create-workflow-manager';
import type { WorkflowManager } from '../workflows/workflow-manager';
import { ApiKeyService } from './api-key-service';
import { DatabaseSettingsStore } from './database-settings-store';
import { checkReadiness, type ReadinessReport } from './readiness';

/** Options of {@link createAgentry}: where settings come from, plus an optional logger. */
export interface CreateAgentryOptions extends LoadConfigOptions {
  /** Logger to use; default a pino logger to stderr at `log.level`, in the `log.format` format. */
  logger?: Logger;
  /** Plugins given in code (bundled), loaded besides those discovered; they claim their tool names first. */
  plugins?: readonly AgentryPlugin[];
  /** Time limit for each plugin's import, setup and dispose (default: the setting `plugins.loadTimeoutMs`). */
  pluginLoadTimeoutMs?: number;
  /** Timing of third-party plugin workers (crash back-off, abort grace, clock); defaults suit production. */
  pluginWorkers?: PluginWorkerTuning;
  /** Timing of email trigger watchers (heartbeat, backoff, lease); defaults suit production. */
  emailWatchTiming?: Partial<WatchTiming>;
}

/**
 * A running Agentry: the managers and services an application (or the REST server) calls. Made by
 * {@link createAgentry}; call `start()` to begin background work and `stop()` to end it and close the
 * database.
 */
export interface Agentry {
  /** Settings in force, runtime changes. */
  readonly config: ConfigManager;
  /** The logger every part writes to. */
  readonly logger: Logger;
  /** The database (SQLite file or PostgreSQL). */
  readonly database: Database;
  /** One repository per stored resource. */
  readonly repositories: Repositories;
  /** The Ollama client, following `ollama.*` settings live. */
  readonly ollama: OllamaClient;
  /** Encrypts and decrypts secret fields (tool configs) with the secret key. */
  readonly secrets: SecretBox;
  /** Runs of agents and workflows: records, cancellation, event streams, heartbeats. */
  readonly runs: RunManager;
  /** Agents: definitions, natural-language drafts, runs. */
  readonly agents: AgentManager;
  /** Approvals of tool calls that wait for a person: list, decide, resume, expire. */
  readonly approvals: ApprovalService;
  /** Agents' long-term memory. */
  readonly memory: MemoryManager;
  /** API keys: create, list, revoke, verify. */
  readonly apiKeys: ApiKeyService;
  /** Tools: plugin discovery, registry, per-scope configs, execution. */
  readonly tools: ToolManager;
  /** Workflows: definitions (natural language compiled to steps), durable runs, scheduled tasks. */
  readonly workflows: WorkflowManager;
  /** Schedules (cron, one-off, interval) and the engine that fires each due time exactly once. */
  readonly scheduler: Scheduler;
  /** Triggers: webhook (and email) events that start agent or workflow runs, each exactly once. */
  readonly triggers: TriggerService;
  /** Receives webhook calls for triggers (`POST /hooks/{id}` in the server). */
  readonly webhooks: WebhookReceiver;
  /** Whether the database and Ollama answer and the default model is present. */
  readiness(): Promise<ReadinessReport>;
  /** Starts background work (plugin discovery, scheduler, resuming interrupted runs). */
  start(): Promise<void>;
  /** Stops background work, waits for it, and closes the database. Safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * Creates an Agentry: loads and validates settings, opens the database and brings its schema up to date,
 * re-applies settings changed at run time, loads the secret key (refusing a key that does not match the
 * stored secrets), and builds the managers. Nothing runs in the background until
 * `start()`.
 *
 * @example
 * ```ts
 * const agentry = await createAgentry({ overrides: { database: { url: './data/app.db' } } });
 * await agentry.start();
 * // ... agentry.agents.run('researcher', { task: 'What changed on example.com today?' })
 * await agentry.stop();
 * ```
 */
export async function createAgentry(options: CreateAgentryOptions = {}): Promise<Agentry> {
  const cwd = options.cwd ?? process.cwd();
  const config = new ConfigManager(loadConfig(options));
  const baseLogger =
    options.logger ?? createLogger(config.settings.log.level, { format: config.settings.log.format });
  // Demo mode: every line (run start/end included) says the model is simulated.
  const logger = config.settings.demo ? baseLogger.child({ demo: 'simulated-model' }) : baseLogger;
  const database = await openDatabase({ url: databaseUrl(config.settings, cwd), logger });
  let ownership: RunOwnerLock | undefined;
  try {
    await migrateLatest(database);
    ownership = await acquireRunOwnerLock(database, logger);
    const repositories = createRepositories(database, ownership.ownerId);
    await config.attachStore(new DatabaseSettingsStore(database, repositories.settings));
    const settings = config.settings;
    (logger as { level?: string }).level = settings.log.level; // a level stored at run time applies now
    const secretKey = await loadSecretKey({
      secretKey: settings.security.secretKey,
      dataDir: resolve(cwd, settings.data.dir),
    });
    const secrets = new SecretBox(secretKey.key);
    await verifySecretKey(database, secrets);
    if (secretKey.source === 'generated')
      logger.info({ path: secretKey.path }, 'Generated a new secret key file; back it up');
    const ollama = new OllamaClient({
      url: settings.ollama.url,
      defaultModel: settings.ollama.model,
      timeoutMs: settings.ollama.timeoutMs,
      maxConnections: settings.ollama.maxConnections,
      logger,
    });
    config.onChange((next) => {
      ollama.configure({
        url: next.ollama.url,
        defaultModel: next.ollama.model,
        timeoutMs: next.ollama.timeoutMs,
        maxConnections: next.ollama.maxConnections,
      });
      (logger as { level?: string }).level = next.log.level;
    });
    const runs = new RunManager({
      runs: repositories.runs,
      steps: repositories.runSteps,
      memory: repositories.memory,
      approvals: repositories.approvals,
      logger,
      ownership,
    });
    const apiKeys = new ApiKeyService(repositories.apiKeys, config);
    const tools = new ToolManager({
      database,
      repositories,
      config,
      secrets,
      logger,
      cwd,
      plugins: options.plugins,
      pluginLoadTimeoutMs: options.pluginLoadTimeoutMs,
      pluginWorkers: options.pluginWorkers,
    });
    const memory = new MemoryManager(repositories.memory);
    const agents = new AgentManager({
      agents: repositories.agents,
      toolRegistry: repositories.tools,
      toolConfigs: repositories.toolConfigs,
      tools,
      runs,
      memory,
      ollama,
      config,
      logger,
      approvals: repositories.approvals,
    });
    runs.recovery.recoverWith(
      approvalRecovery({ approvals: repositories.approvals, steps: repositories.runSteps }),
    );
    const approvals = new ApprovalService({
      approvals: repositories.approvals,
      runs,
      agents,
      workflows: () => workflows,
      tools,
      config,
      logger,
    });

    const workflows = createWorkflowManager({
      repositories,
      runs,
      tools,
      ollama,
      config,
      logger,
      agents: () => agents,
    });

    const scheduler = new Scheduler({
      database,
      repositories,
      runner: workflows,
      enabled: settings.scheduler.enabled,
      intervalMs: settings.scheduler.intervalMs,
      logger,
    });
    config.onChange((next) => {
      void scheduler
        .configure(next.scheduler)
        .catch((error) => logger.error({ err: error }, 'scheduler reconfigure failed'));
    });

    const triggers = createTriggers({
      repositories,
      secrets,
      runner: workflows,
      instanceId: scheduler.instanceId,
      tools,
      config,
      logger,
      emailWatchTiming: options.emailWatchTiming,
    });

    let stopped = false;
    const runOwnerLock = ownership;
    const agentry: Agentry = {
      config,
      logger,
      database,
      repositories,
      ollama,
      secrets,
      apiKeys,
      runs,
      agents,
      approvals,
      memory,
      tools,
      workflows,
      scheduler,
      triggers: triggers.service,
      webhooks: triggers.receiver,
      readiness: () => checkReadiness(database, ollama, config.settings.ollama.model),
      async start() {
        await tools.start();
        await runs.start();
        await workflows.start();
        await approvals.start();
        await scheduler.start();
        triggers.start();
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        // Stop claiming first; runs it started end with the managers below, then it records them.
        const schedulerStopped = scheduler.stop();
        const triggersStopped = triggers.stop();
        await workflows.stop();
        await runs.stop();
        await approvals.stop();
        await agents.stop();
        await tools.stop();
        await schedulerStopped;
        await triggersStopped;
        // Runs left resumable here (workflow runs) are taken over by the next process at once.
        const left = await repositories.runs.claims.listOwnedBy(runOwnerLock.ownerId);
        await runOwnerLock.release(left.length > 0);
        await database.close();
      },
    };
    return agentry;
  } catch (error) {
    await database.close();
    await ownership?.release();
    throw error;
  }
}

/** SQLite paths are relative to the working directory; PostgreSQL URLs are used as they are. */
function databaseUrl(settings: Settings, cwd: string): string {
  const url = settings.database.url;
  if (/^postgres(ql)?:\/\//.test(url) || url === ':memory:' || isAbsolute(url)) return url;
  if (url.startsWith('sqlite:')) return `sqlite:${resolve(cwd, url.slice('sqlite:'.length))}`;
  return resolve(cwd, url);
}

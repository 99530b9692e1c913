import type { ConfigManager } from '../config/config-manager';
import type { Logger } from '../logging/logger';
import type { SecretBox } from '../secrets/secret-box';
import type { Repositories } from '../storage/repositories';
import type { ToolManager } from '../tools/tool-manager';
import { afterEmailSuccess } from './email/after-success';
import { EmailWatchSupervisor } from './email/email-watch-supervisor';
import { failureNotifier } from './email/failure-notice';
import { imapOptionsFrom } from './email/imap-options';
import type { WatchTiming } from './email/watch-timing';
import { TriggerDispatcher, type TriggerTaskRunner } from './trigger-dispatcher';
import { TriggerService } from './trigger-service';
import { WebhookReceiver } from './webhook-receiver';

/** The trigger parts `createAgentry` composes. */
export interface TriggerParts {
  /** CRUD and event history (`agentry.triggers`). */
  service: TriggerService;
  /** Webhook calls (`agentry.webhooks`). */
  receiver: WebhookReceiver;
  /** Starts dispatching and watching mailboxes when `scheduler.enabled`, and follows that setting live. */
  start(): void;
  /** Stops watching (leases given up) and dispatching, and waits for the firings being started. */
  stop(): Promise<void>;
}

/**
 * Builds the trigger service, the webhook receiver, the dispatcher and the email watchers. Dispatching
 * and watching follow the scheduler's settings: they run where `scheduler.enabled` (so an API-only replica
 * records events and another replica runs them) and tick every `scheduler.intervalMs`. Email triggers
 * connect with the `read_emails` configuration `tools` resolves; a failing one is mailed with `send_email`
 * to `triggers.email.notifyTo`.
 */
export function createTriggers(deps: {
  repositories: Repositories;
  secrets: SecretBox;
  runner: TriggerTaskRunner;
  instanceId: string;
  tools: Pick<ToolManager, 'resolveConfig' | 'execute'>;
  config: ConfigManager;
  logger: Logger;
  /** Email watcher timing (tests shorten it). */
  emailWatchTiming?: Partial<WatchTiming>;
}): TriggerParts {
  const { repositories, secrets, config, logger } = deps;
  const imapOptions = imapOptionsFrom(deps.tools);
  const intervalMs = () => config.settings.scheduler.intervalMs;
  const dispatcher = new TriggerDispatcher({
    repositories,
    runner: deps.runner,
    instanceId: deps.instanceId,
    intervalMs,
    logger,
    onExecuted: afterEmailSuccess(imapOptions, logger),
  });
  const watchers = new EmailWatchSupervisor({
    repositories,
    owner: deps.instanceId,
    imapOptions,
    dispatch: (firingId) => dispatcher.dispatch(firingId),
    intervalMs,
    settings: () => config.settings.triggers.email,
    logger,
    notifyFailing: failureNotifier({
      tools: deps.tools,
      recipients: () => config.settings.triggers.email.notifyTo,
      logger,
    }),
    timing: deps.emailWatchTiming,
  });
  let started = false;
  config.onChange((next) => {
    if (!started) return;
    if (next.scheduler.enabled) {
      dispatcher.start();
      watchers.start();
    } else {
      void watchers.stop();
      void dispatcher.stop();
    }
  });
  return {
    service: new TriggerService({ repositories, secrets }),
    receiver: new WebhookReceiver({ repositories, secrets, dispatcher }),
    start() {
      started = true;
      if (!config.settings.scheduler.enabled) return;
      dispatcher.start();
      watchers.start();
    },
    async stop() {
      started = false;
      await watchers.stop();
      await dispatcher.stop();
    },
  };
}

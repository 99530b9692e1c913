import type { ConfigManager } from '../config/config-manager';
import type { Logger } from '../logging/logger';
import type { SecretBox } from '../secrets/secret-box';
import type { Repositories } from '../storage/repositories';
import { TriggerDispatcher, type TriggerTaskRunner } from './trigger-dispatcher';
import { TriggerService } from './trigger-service';
import { WebhookReceiver } from './webhook-receiver';

/** The trigger parts `createAgentry` composes. */
export interface TriggerParts {
  /** CRUD and event history (`agentry.triggers`). */
  service: TriggerService;
  /** Webhook calls (`agentry.webhooks`). */
  receiver: WebhookReceiver;
  /** Starts dispatching when `scheduler.enabled`, and follows that setting live. */
  start(): void;
  /** Stops dispatching and waits for the firings being started. */
  stop(): Promise<void>;
}

/**
 * Builds the trigger service, the webhook receiver and the dispatcher. Dispatching follows the scheduler's
 * settings: it runs where `scheduler.enabled` (so an API-only replica records events and another replica
 * runs them) and ticks every `scheduler.intervalMs`.
 */
export function createTriggers(deps: {
  repositories: Repositories;
  secrets: SecretBox;
  runner: TriggerTaskRunner;
  instanceId: string;
  config: ConfigManager;
  logger: Logger;
}): TriggerParts {
  const { repositories, secrets, config } = deps;
  const dispatcher = new TriggerDispatcher({
    repositories,
    runner: deps.runner,
    instanceId: deps.instanceId,
    intervalMs: () => config.settings.scheduler.intervalMs,
    logger: deps.logger,
  });
  let started = false;
  config.onChange((next) => {
    if (!started) return;
    if (next.scheduler.enabled) dispatcher.start();
    else void dispatcher.stop();
  });
  return {
    service: new TriggerService({ repositories, secrets }),
    receiver: new WebhookReceiver({ repositories, secrets, dispatcher }),
    start() {
      started = true;
      if (config.settings.scheduler.enabled) dispatcher.start();
    },
    async stop() {
      started = false;
      await dispatcher.stop();
    },
  };
}

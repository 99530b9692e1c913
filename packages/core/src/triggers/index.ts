export { createTriggers, type TriggerParts } from './create-triggers';
export { checkEventVariables, EVENT_FIELDS, renderEventVariables } from './event-variables';
export { RateWindow } from './rate-window';
export {
  TriggerDispatcher,
  type TriggerDispatcherOptions,
  type TriggerTaskRunner,
} from './trigger-dispatcher';
export { TriggerService, type TriggerServiceDeps } from './trigger-service';
export {
  WEBHOOK_TOLERANCE_SECONDS,
  type WebhookCall,
  WebhookReceiver,
  type WebhookReceiverDeps,
} from './webhook-receiver';
export { WebhookRejectedError, type WebhookRejectionCode } from './webhook-rejected-error';

export { createTriggers, type TriggerParts } from './create-triggers';
export { EMAIL_BODY_MAX_CHARS } from './email/email-event';
export { EmailWatchError, type EmailWatchErrorCode } from './email/email-watch-error';
export { DEFAULT_WATCH_TIMING, type WatchTiming } from './email/watch-timing';
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

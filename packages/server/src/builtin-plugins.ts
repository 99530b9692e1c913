import type { AgentryPlugin } from '@agentry/core';
import emailReader from '@agentry/plugin-email-reader';
import emailSender from '@agentry/plugin-email-sender';
import http from '@agentry/plugin-http';

/** The plugins the server bundles: `http_get`, `send_email` and `read_emails`. */
export const builtinPlugins: readonly AgentryPlugin[] = [http, emailSender, emailReader];

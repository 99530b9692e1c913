/**
 * @packageDocumentation
 * `@agentry/plugin-email-sender`: the `send_email` tool, which sends mail over SMTP with nodemailer.
 */
import { createRequire } from 'node:module';
import { definePlugin } from '@agentry/core';
import { SendEmailTool } from './send-email/index';

export * from './send-email/index';

// Same relative path from src/ (tests) and dist/ (published build).
const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** The plugin: one tool, `send_email`. */
export default definePlugin({
  name: '@agentry/plugin-email-sender',
  version,
  tools: [SendEmailTool],
});

/**
 * @packageDocumentation
 * `@agentry/plugin-email-reader`: the `read_emails` tool, which reads mail over IMAP with imapflow.
 */
import { createRequire } from 'node:module';
import { definePlugin } from '@agentry/core';
import { ReadEmailsTool } from './read-emails/index';

export * from './read-emails/index';

// Same relative path from src/ (tests) and dist/ (published build).
const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** The plugin: one tool, `read_emails`. */
export default definePlugin({
  name: '@agentry/plugin-email-reader',
  version,
  tools: [ReadEmailsTool],
});

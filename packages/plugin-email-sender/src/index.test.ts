import { isAgentryPlugin, secretFields } from '@agentry/core';
import { describe, expect, it } from 'vitest';
import plugin, { SendEmailTool } from './index';

describe('@agentry/plugin-email-sender', () => {
  it('is a branded plugin that provides send_email', () => {
    expect(isAgentryPlugin(plugin)).toBe(true);
    expect(plugin.name).toBe('@agentry/plugin-email-sender');
    expect(plugin.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(plugin.tools).toEqual([SendEmailTool]);
    expect(new SendEmailTool().name).toBe('send_email');
  });

  it('marks the SMTP password as a secret config field', () => {
    expect(secretFields(new SendEmailTool().configSchema)).toEqual(['password']);
  });

  it('declares that it sends mail to the outside world', () => {
    expect(new SendEmailTool().annotations).toMatchObject({ destructiveHint: true, openWorldHint: true });
  });
});

import { isAgentryPlugin, secretFields } from '@agentry/core';
import { describe, expect, it } from 'vitest';
import plugin, { ReadEmailsTool } from './index';

describe('@agentry/plugin-email-reader', () => {
  it('is a branded plugin that provides read_emails', () => {
    expect(isAgentryPlugin(plugin)).toBe(true);
    expect(plugin.name).toBe('@agentry/plugin-email-reader');
    expect(plugin.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(plugin.tools).toEqual([ReadEmailsTool]);
    expect(new ReadEmailsTool().name).toBe('read_emails');
  });

  it('marks the IMAP password as a secret config field', () => {
    expect(secretFields(new ReadEmailsTool().configSchema)).toEqual(['password']);
  });

  it('declares that it only reads', () => {
    expect(new ReadEmailsTool().annotations).toMatchObject({ readOnlyHint: true });
  });
});

/**
 * @packageDocumentation
 * `@agentry/plugin-http`: the `http_get` tool, an SSRF-safe HTTP GET for agents.
 */
import { definePlugin } from '@agentry/core';
import { HttpGetTool } from './http-get-tool';
import { PLUGIN_VERSION } from './plugin-version';

export { type AddressClass, classifyAddress, HostPolicy, type HostPolicyConfig } from './address/index';
export { type AddressCheck, createGuardedFetch, type GuardedFetch } from './fetching/index';
export {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_TIMEOUT_MS,
  HttpGetConfig,
  HttpGetParameters,
  type HttpGetResult,
  MAX_TIMEOUT_MS,
} from './http-get-schemas';
export { HttpGetTool } from './http-get-tool';

/** The plugin: one tool, `http_get`. */
export default definePlugin({ name: '@agentry/plugin-http', version: PLUGIN_VERSION, tools: [HttpGetTool] });

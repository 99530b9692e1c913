import { definePlugin } from '@agentry/core';
import { serverVersion } from '../server-version';
import { CalculateTool } from './calculate-tool';
import { ClockNowTool } from './clock-now-tool';

/** The demo-only tools `clock_now` and `calculate`, registered only when demo mode is on. */
export const demoPlugin = definePlugin({
  name: '@agentry/demo-tools',
  version: serverVersion,
  tools: [ClockNowTool, CalculateTool],
});

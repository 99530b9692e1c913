import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const coreSource = (path: string) => fileURLToPath(new URL(`../packages/core/src/${path}`, import.meta.url));

/**
 * The Vitest settings of a workspace package whose tests import `@agentry/core`: the tests run against
 * core's source, so a change in core is tested without a rebuild. `globalSetup` files run once per run.
 */
export function packageTestConfig(options: { globalSetup?: string[] } = {}) {
  return defineConfig({
    resolve: {
      alias: [
        { find: /^@agentry\/core\/testing$/, replacement: coreSource('testing/index.ts') },
        { find: /^@agentry\/core$/, replacement: coreSource('index.ts') },
      ],
    },
    test: {
      include: ['src/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      ...(options.globalSetup ? { globalSetup: options.globalSetup } : {}),
    },
  });
}

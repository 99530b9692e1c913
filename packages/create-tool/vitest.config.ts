import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const coreSource = (path: string) => fileURLToPath(new URL(`../core/src/${path}`, import.meta.url));

export default defineConfig({
  // Tests run against core's source, so a change in core is tested without a rebuild.
  resolve: {
    alias: [
      { find: /^@agentry\/core\/testing$/, replacement: coreSource('testing/index.ts') },
      { find: /^@agentry\/core$/, replacement: coreSource('index.ts') },
    ],
  },
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

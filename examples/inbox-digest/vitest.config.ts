import { defineConfig } from 'vitest/config';

// The test spawns the built `agentry` CLI and setup.mjs as a user would (turbo builds the server first).
export default defineConfig({
  test: {
    include: ['*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

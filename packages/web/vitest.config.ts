import { defineConfig } from 'vitest/config';

/** Unit tests beside the code (`src/`) and end-to-end tests in a real Chromium (`e2e/`). */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});

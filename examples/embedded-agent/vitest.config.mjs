import { defineConfig } from 'vitest/config';

// The example runs against the built @agentry/core (turbo builds it before `test`), as a user's app would.
export default defineConfig({
  test: {
    include: ['*.test.mjs'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

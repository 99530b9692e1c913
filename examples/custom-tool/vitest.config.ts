import { defineConfig } from 'vitest/config';

// Tests use the built @agentry/core, as an installed plugin does (turbo builds core and this plugin first).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

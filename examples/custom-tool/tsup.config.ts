import { defineConfig } from 'tsup';

// @agentry/core is a peer dependency, so tsup leaves it external: the host's copy is used at run time.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
});

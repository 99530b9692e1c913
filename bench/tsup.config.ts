import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    main: 'src/main.ts',
    'bare-koa-server': 'src/baselines/bare-koa-server.ts',
    'scripted-ollama-server': 'src/baselines/scripted-ollama-server.ts',
  },
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'node20',
});

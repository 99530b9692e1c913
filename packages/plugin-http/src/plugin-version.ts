import { createRequire } from 'node:module';

/** This plugin's version, read from its package.json (one level above both `src/` and `dist/`). */
export const PLUGIN_VERSION: string = createRequire(import.meta.url)('../package.json').version;

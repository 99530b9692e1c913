import { createRequire } from 'node:module';

/** This package's version, as published in the OpenAPI document and `agentry --version`. */
export const serverVersion: string = (
  createRequire(import.meta.url)('../package.json') as { version: string }
).version;

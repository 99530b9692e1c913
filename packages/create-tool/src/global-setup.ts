import { buildCli } from './built-cli';

/** Vitest global setup: builds the CLI once, before any test file spawns it (a rebuild mid-run would race). */
export default async function setup(): Promise<void> {
  await buildCli();
}

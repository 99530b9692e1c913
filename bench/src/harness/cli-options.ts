/** What the command line asks for. */
export interface CommandLine {
  /** Benchmarks named on the command line (empty: all). */
  names: string[];
  /** Smaller N and shorter durations. */
  quick: boolean;
  /** Whether PostgreSQL may be used (it is still skipped when nothing listens on its port). */
  postgres: boolean;
}

/**
 * Reads `[names...] [--quick] [--no-postgres]`. Flags are also read from the environment, because the
 * root script forwards them through a second `npm run`, which turns `--quick` into `npm_config_quick`;
 * `BENCH_QUICK=1` and `BENCH_POSTGRES=0` work too.
 */
export function parseCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv): CommandLine {
  const names = argv.filter((arg) => !arg.startsWith('-'));
  const flag = (name: string) => argv.includes(`--${name}`);
  const truthy = (value: string | undefined) => value !== undefined && !['', '0', 'false'].includes(value);
  const falsy = (value: string | undefined) => value !== undefined && ['', '0', 'false'].includes(value);
  return {
    names,
    quick: flag('quick') || truthy(env.npm_config_quick) || truthy(env.BENCH_QUICK),
    postgres: !(flag('no-postgres') || falsy(env.npm_config_postgres) || falsy(env.BENCH_POSTGRES)),
  };
}

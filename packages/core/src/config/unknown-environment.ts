import { environmentBindings } from './environment';

/**
 * `AGENTRY_*` variables read outside the settings schema: the settings file path, the server address the
 * CLI's remote commands talk to, the model variable of docker-compose.yml, and the PostgreSQL URLs of the
 * test suites and benchmarks (docs/configuration.md).
 */
export const nonSettingEnvironmentVariables: readonly string[] = [
  'AGENTRY_CONFIG',
  'AGENTRY_URL',
  'AGENTRY_MODEL',
  'AGENTRY_TEST_POSTGRES_URL',
  'AGENTRY_BENCH_POSTGRES_URL',
];

/** Every `AGENTRY_*` variable Agentry reads. */
export const knownEnvironmentVariables: readonly string[] = [
  ...environmentBindings.map((binding) => binding.variable),
  ...nonSettingEnvironmentVariables,
];

/** An `AGENTRY_*` variable nothing reads, probably a typo. */
export interface UnknownEnvironmentVariable {
  /** The variable as set, e.g. `AGENTRY_OLAMA_URL`. */
  variable: string;
  /** The closest known variable, when one is close enough to be the intended one. */
  suggestion?: string;
}

/** Finds `AGENTRY_*` variables in `env` that Agentry does not read, each with a did-you-mean when one is close. */
export function findUnknownEnvironmentVariables(
  env: Record<string, string | undefined>,
): UnknownEnvironmentVariable[] {
  return Object.keys(env)
    .filter((name) => name.startsWith('AGENTRY_') && !knownEnvironmentVariables.includes(name))
    .sort()
    .map((variable) => {
      const suggestion = closestKnownVariable(variable);
      return suggestion ? { variable, suggestion } : { variable };
    });
}

/** Describes an unknown variable in one line, e.g. `AGENTRY_OLAMA_URL is not a known variable; did you mean AGENTRY_OLLAMA_URL?`. */
export function describeUnknownEnvironmentVariable(unknown: UnknownEnvironmentVariable): string {
  const hint = unknown.suggestion
    ? `did you mean ${unknown.suggestion}?`
    : 'see docs/configuration.md for the variables Agentry reads.';
  return `${unknown.variable} is not a known Agentry variable and is ignored; ${hint}`;
}

function closestKnownVariable(variable: string): string | undefined {
  const maxDistance = Math.max(2, Math.floor(variable.length / 4));
  let best: { name: string; distance: number } | undefined;
  for (const name of knownEnvironmentVariables) {
    const distance = editDistance(variable, name);
    if (distance <= maxDistance && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Levenshtein distance: insertions, deletions and substitutions needed to turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

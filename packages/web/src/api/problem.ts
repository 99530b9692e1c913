/** One bad field of a problem answer: its JSON pointer and what is wrong. */
export interface FieldProblem {
  /** JSON pointer of the field, e.g. `/name`. */
  path: string;
  /** What is wrong with it. */
  message: string;
}

/** An error answer of the API (RFC 9457 problem+json), thrown by {@link unwrap}. */
export class ApiProblem extends Error {
  /** Stable code, e.g. `AGENT_NOT_FOUND`. */
  readonly code: string;
  /** HTTP status. */
  readonly status: number;
  /** The fields the API named. */
  readonly fields: FieldProblem[];

  constructor(status: number, body: unknown) {
    const problem = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const detail = typeof problem.detail === 'string' ? problem.detail : `The server answered ${status}.`;
    super(detail);
    this.name = 'ApiProblem';
    this.status = status;
    this.code = typeof problem.code === 'string' ? problem.code : `HTTP_${status}`;
    this.fields = Array.isArray(problem.errors)
      ? problem.errors.flatMap((issue: unknown) => fieldProblem(issue))
      : [];
  }

  /** Whether `error` is an {@link ApiProblem}. */
  static isInstance(error: unknown): error is ApiProblem {
    return error instanceof Error && error.name === 'ApiProblem';
  }
}

function fieldProblem(issue: unknown): FieldProblem[] {
  if (typeof issue !== 'object' || issue === null) return [];
  const { path, pointer, message } = issue as Record<string, unknown>;
  const where = typeof path === 'string' ? path : typeof pointer === 'string' ? pointer : '';
  return [{ path: where, message: typeof message === 'string' ? message : 'Invalid value.' }];
}

/** The answer of an openapi-fetch call: its data, or an {@link ApiProblem} thrown from its error body. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    throw new ApiProblem(result.response.status, result.error);
  }
  return result.data as T;
}

/** A message to show for any error: the problem's `detail`, or the error's message. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * The API's field messages keyed by the last segment of each pointer under `prefix` (e.g. prefix
 * `/inputs` turns `/inputs/url` into `url`), for showing each message at its form field.
 */
export function fieldErrors(error: unknown, prefix = ''): Record<string, string> {
  if (!ApiProblem.isInstance(error)) return {};
  const result: Record<string, string> = {};
  for (const field of error.fields) {
    if (!field.path.startsWith(`${prefix}/`)) continue;
    const name = field.path.slice(prefix.length + 1).split('/')[0];
    if (name) result[name] = field.message;
  }
  return result;
}

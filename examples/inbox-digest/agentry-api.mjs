/**
 * A small client for the Agentry REST API: JSON in and out, the API key as a bearer token, and problem+json
 * answers turned into errors that name each bad field.
 */

/** An error answer of the API (RFC 9457 problem details). */
export class AgentryApiError extends Error {
  /**
   * @param {string} request   e.g. `POST /api/v1/workflows`
   * @param {number} status    HTTP status
   * @param {{ title?: string, detail?: string, errors?: { pointer: string, message: string }[] }} problem
   */
  constructor(request, status, problem) {
    const fields = (problem.errors ?? []).map(
      (issue) => `\n  ${issue.pointer || '(body)'}: ${issue.message}`,
    );
    super(
      `${request} answered ${status}: ${problem.detail ?? problem.title ?? 'no detail'}${fields.join('')}`,
    );
    this.name = 'AgentryApiError';
    this.status = status;
    this.problem = problem;
  }
}

/**
 * Makes a client for the server at `baseUrl`.
 * @param {string} baseUrl  e.g. `http://127.0.0.1:8080`
 * @param {string | undefined} apiKey  sent as `Authorization: Bearer <key>` when set
 */
export function agentryApi(baseUrl, apiKey) {
  /**
   * Sends one request; resolves with the parsed body (undefined for 204 or 404 when `allowMissing`).
   * @param {string} method
   * @param {string} path  below `/api/v1`, e.g. `/agents`
   * @param {{ body?: unknown, allowMissing?: boolean }} [options]
   * @returns {Promise<any>}
   */
  async function request(method, path, options = {}) {
    /** @type {Record<string, string>} */
    const headers = { accept: 'application/json' };
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const url = new URL(`/api/v1${path}`, baseUrl);
    let response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch (cause) {
      const reason = /** @type {{ message: string, cause?: { code?: string } }} */ (cause);
      throw new Error(`Cannot reach Agentry at ${baseUrl} (${reason.cause?.code ?? reason.message}).`, {
        cause,
      });
    }
    if (response.status === 404 && options.allowMissing) return undefined;
    if (response.status === 204) return undefined;
    const text = await response.text();
    const body = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw new AgentryApiError(`${method} ${url.pathname}`, response.status, body ?? {});
    return body;
  }

  return {
    /** @param {string} path @param {{ allowMissing?: boolean }} [options] */
    get: (path, options) => request('GET', path, options),
    /** @param {string} path @param {unknown} body */
    post: (path, body) => request('POST', path, { body }),
    /** @param {string} path @param {unknown} body */
    put: (path, body) => request('PUT', path, { body }),
    /** @param {string} path @param {unknown} body */
    patch: (path, body) => request('PATCH', path, { body }),

    /**
     * Creates the resource `collection/name`, or replaces it when it exists, so setup can run again.
     * @param {string} collection  e.g. `/agents`
     * @param {{ name: string }} definition
     */
    async save(collection, { name, ...rest }) {
      const path = `${collection}/${encodeURIComponent(name)}`;
      const existing = await request('GET', path, { allowMissing: true });
      return existing
        ? request('PUT', path, { body: rest })
        : request('POST', collection, { body: { name, ...rest } });
    },
  };
}

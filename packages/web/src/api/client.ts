import createClient from 'openapi-fetch';
import { connection } from './connection';
import type { paths } from './schema';

/**
 * Every request the console makes goes through this fetch: same origin, the session cookie (if any), a
 * CSRF header on state-changing requests, and the connection banner updated from what happened.
 */
async function consoleFetch(input: Request): Promise<Response> {
  if (input.method !== 'GET' && input.method !== 'HEAD') input.headers.set('X-Agentry-Console', '1');
  try {
    const response = await fetch(input, { credentials: 'same-origin' });
    connection.reached();
    if (response.status === 401) connection.unauthorized();
    return response;
  } catch (error) {
    connection.lost();
    throw error;
  }
}

/** The typed API client: paths, parameters and bodies checked against the server's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '', fetch: consoleFetch });

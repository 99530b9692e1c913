import type { FieldIssue } from '@agentry/core';

/** An RFC 9457 problem document as the API sends it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code?: string;
  errors?: FieldIssue[];
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Builds a problem document; `type` is `urn:agentry:problem:<code>`, each code listed in docs/errors.md. */
export function problem(
  status: number,
  detail: string,
  extra: { code?: string; errors?: FieldIssue[] } = {},
): Problem {
  const code = extra.code ?? (titles[status] ?? 'Error').toUpperCase().replaceAll(' ', '_');
  return {
    type: `urn:agentry:problem:${code.toLowerCase()}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    code,
    ...(extra.errors && extra.errors.length > 0 ? { errors: extra.errors } : {}),
  };
}

/** The problem+json media type. */
export const PROBLEM_JSON = 'application/problem+json';

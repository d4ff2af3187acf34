import type { ErrorCode } from './error-catalogue.js';
import { describeError } from './error-catalogue.js';

/** RFC 9457 problem details, with the stable `code` clients branch on. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  requestId?: string;
  errors?: unknown[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function problemTypeUri(code: ErrorCode): string {
  return `urn:account-risk:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

export function buildProblem(
  code: ErrorCode,
  detail: string,
  extra: { instance?: string; requestId?: string; details?: Record<string, unknown> } = {},
): ProblemDetails {
  const { status, title } = describeError(code);
  const problem: ProblemDetails = { type: problemTypeUri(code), title, status, detail, code };
  if (extra.instance) problem.instance = extra.instance;
  if (extra.requestId) problem.requestId = extra.requestId;
  if (extra.details) {
    for (const [k, v] of Object.entries(extra.details)) {
      if (!(k in problem)) problem[k] = v;
    }
  }
  return problem;
}

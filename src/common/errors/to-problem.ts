import { HttpException } from '@nestjs/common';
import { DomainError } from '../../domain/domain-error.js';
import { isKnownErrorCode, type ErrorCode } from './error-catalogue.js';
import { buildProblem, type ProblemDetails } from './problem.js';

const IDENTIFIER_CODES = new Set(['INVALID_RESIDENT_ID', 'INVALID_USCC', 'INVALID_PHONE']);

function statusToCode(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'ROUTE_NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'RATE_LIMITED';
    case 503:
      return 'SERVICE_UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST';
  }
}

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/**
 * Maps anything thrown while serving a request to problem details. Domain errors keep their
 * code; identifier errors from the domain validators answer 422; framework and body-parser
 * errors get the common codes. Unknown errors are 500 with no internals shown.
 */
export function toProblem(error: unknown, ctx: { instance?: string; requestId?: string }): { problem: ProblemDetails; unexpected: boolean } {
  if (error instanceof DomainError) {
    if (isKnownErrorCode(error.code)) {
      return { problem: buildProblem(error.code, error.message, { ...ctx, details: error.details }), unexpected: false };
    }
    if (IDENTIFIER_CODES.has(error.code)) {
      return {
        problem: buildProblem('INVALID_IDENTIFIER', error.message, { ...ctx, details: { ...error.details, reason: error.code } }),
        unexpected: false,
      };
    }
    return { problem: buildProblem('INTERNAL_ERROR', 'An unexpected error occurred.', ctx), unexpected: true };
  }
  if (error instanceof HttpException && error.cause && typeof (error.cause as FastifyLikeError).code === 'string') {
    return toProblem(error.cause, ctx);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? error.message);
    const detail = Array.isArray(message) ? message.join('; ') : String(message);
    return { problem: buildProblem(statusToCode(status), detail, ctx), unexpected: status >= 500 };
  }
  const fe = error as FastifyLikeError;
  if (fe && typeof fe === 'object' && typeof fe.statusCode === 'number' && fe.statusCode < 500) {
    let code: ErrorCode = statusToCode(fe.statusCode);
    let detail = fe.message ?? 'Bad request';
    if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (fe.statusCode === 400 && fe instanceof SyntaxError)) {
      code = 'MALFORMED_JSON';
      detail = 'The request body could not be parsed as JSON.';
    } else if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      code = 'PAYLOAD_TOO_LARGE';
      detail = 'The request body exceeds the size limit.';
    } else if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      code = 'UNSUPPORTED_MEDIA_TYPE';
      detail = 'The content type of the request body is not supported.';
    }
    return { problem: buildProblem(code, detail, ctx), unexpected: false };
  }
  return { problem: buildProblem('INTERNAL_ERROR', 'An unexpected error occurred.', ctx), unexpected: true };
}

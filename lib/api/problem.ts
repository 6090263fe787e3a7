import { requestLog } from "@/lib/log";
import { HTTP_STATUS, isAppError, type AppError, type AppErrorCode, type FieldErrors } from "@/lib/errors";

// Errors of the REST API (/api/v1) as RFC 9457 problem details (application/problem+json):
// `type`, `title`, `status`, `detail`, plus two extension members: `code` (the AppError code a
// client can branch on) and `errors` (field -> messages, for INVALID). `type` is "about:blank":
// the HTTP status and `code` carry the meaning; `title` is then the status's reason phrase, as
// RFC 9457 section 4.2.1 asks.

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/**
 * Codes a client can branch on: the AppError codes, plus the API's own (IDEMPOTENCY_KEY_REUSED:
 * an Idempotency-Key sent again with another request, 422; IDEMPOTENCY_KEY_IN_USE: its first
 * request is still being answered, 409; TOO_LARGE: a body or file over the limit, 413; INTERNAL: a bug, 500).
 */
export const PROBLEM_CODES = [
  "INVALID",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "RATE_LIMITED",
  "IDEMPOTENCY_KEY_REUSED",
  "IDEMPOTENCY_KEY_IN_USE",
  "TOO_LARGE",
  "INTERNAL",
] as const satisfies readonly (AppErrorCode | string)[];

export type ProblemCode = AppErrorCode | (typeof PROBLEM_CODES)[number];

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  errors?: FieldErrors;
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Content Too Large",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

export function problem(
  status: number,
  code: Problem["code"],
  detail: string,
  extra: { errors?: FieldErrors; details?: Record<string, unknown>; headers?: HeadersInit } = {},
): Response {
  const body: Problem = { type: "about:blank", title: TITLES[status] ?? "Error", status, detail, code };
  if (extra.errors && Object.keys(extra.errors).length > 0) body.errors = extra.errors;
  if (extra.details) body.details = extra.details;
  const headers = new Headers(extra.headers);
  headers.set("Content-Type", PROBLEM_CONTENT_TYPE);
  headers.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(body), { status, headers });
}

export function problemFromAppError(error: AppError): Response {
  const status = HTTP_STATUS[error.code];
  return problem(status, error.code, error.message, {
    errors: error.fieldErrors,
    details: error.details,
    // RFC 6750: a 401 names the scheme the client should use.
    headers: status === 401 ? { "WWW-Authenticate": 'Bearer realm="persona-scorecard"' } : undefined,
  });
}

/** Any error thrown by an API handler: AppErrors as their status, anything else a plain 500 (the cause is logged, never sent). */
export function problemFrom(error: unknown, request?: Request): Response {
  if (isAppError(error)) return problemFromAppError(error);
  requestLog(request).error({ err: error }, "Unhandled error in an API route handler");
  return problem(500, "INTERNAL", "Something went wrong on our side.");
}

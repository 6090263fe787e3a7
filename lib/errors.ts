// One typed error for everything a user or a caller can be told about. Boundaries map it:
// a page to notFound()/forbidden(), a form to { ok: false, message, fieldErrors }, a route to
// a JSON status. Anything that is not an AppError is a bug and is not shown to users.

export type AppErrorCode = "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "INVALID" | "UNAUTHENTICATED" | "RATE_LIMITED";

/** Field name (dotted path for nested fields) -> plain-language messages for that field. */
export type FieldErrors = Record<string, string[]>;

/**
 * Structured facts a caller needs to act on a refusal, beyond the message: plain JSON, so they
 * cross the server/client boundary and go into API error bodies as they are. Used by CONFLICT
 * refusals that carry the current state (e.g. save-measurement: the value saved meanwhile,
 * its version, who saved it and when).
 */
export type ErrorDetails = { [key: string]: unknown };

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors: FieldErrors;
  readonly details: ErrorDetails | undefined;

  constructor(code: AppErrorCode, message: string, fieldErrors: FieldErrors = {}, details?: ErrorDetails) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.details = details;
  }
}

/** Thrown by lib/auth/policy `authorize` when the actor may not do something. */
export class ForbiddenError extends AppError {
  constructor(message = "You do not have permission to do that.") {
    super("FORBIDDEN", message);
    this.name = "ForbiddenError";
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** HTTP status of each code, for route handlers. */
export const HTTP_STATUS: Record<AppErrorCode, number> = {
  INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

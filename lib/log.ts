import pino from "pino";
import { env } from "./env";
import { acceptableRequestId, REQUEST_ID_HEADER } from "./log-request-id";

// The web server's logs: pino, one JSON object per line on stdout (LOG_LEVEL, default info), like
// the worker's (lib/jobs/logger.ts). Every line about a request carries its request id (the
// x-request-id header proxy.ts sets on the request and the response), so a user's "request id
// ..." finds the line. Secrets never reach a log line: pino censors the paths below wherever an
// object logged carries them (headers, bodies, credentials, token sets), up to three levels deep.
// Free text is not inspected, so never interpolate a secret into a message.

export { acceptableRequestId, REQUEST_ID_HEADER };

const SECRET_KEYS = [
  "password",
  "currentPassword",
  "newPassword",
  "confirmPassword",
  "passwordHash",
  "token",
  "tokenHash",
  "secret",
  "accessToken",
  "refreshToken",
  "idToken",
  "access_token",
  "refresh_token",
  "id_token",
  "client_secret",
  "code_verifier",
  "authorization",
  "Authorization",
  "cookie",
  "Cookie",
  "set-cookie",
  "Set-Cookie",
  "sessionToken",
  "next-auth.session-token",
  "__Secure-next-auth.session-token",
] as const;

/** Every secret key at the top level and up to three levels down (pino's `*` is one level). */
export const REDACT_PATHS: string[] = SECRET_KEYS.flatMap((key) => {
  const step = /^[A-Za-z_]\w*$/.test(key) ? `.${key}` : `["${key}"]`;
  return [step.replace(/^\./, ""), `*${step}`, `*.*${step}`, `*.*.*${step}`];
});

export const REDACTED = "[redacted]";

export type Logger = pino.Logger;

export function createWebLogger(level: string = "info", destination?: pino.DestinationStream): Logger {
  return pino(
    {
      name: "persona-scorecard-web",
      level,
      base: { pid: process.pid },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}

let shared: Logger | undefined;

/** The process's web logger (LOG_LEVEL from the environment, validated by lib/env). */
export function log(): Logger {
  shared ??= createWebLogger(env().LOG_LEVEL);
  return shared;
}

/** The request id of a request (set by proxy.ts), or null outside one. */
export function requestIdOf(request: Request | undefined): string | null {
  const value = request?.headers.get(REQUEST_ID_HEADER);
  return acceptableRequestId(value) ? value : null;
}

/** A child logger for one request: its id, method and path on every line. */
export function requestLog(request: Request | undefined): Logger {
  if (!request) return log();
  let path: string | undefined;
  try {
    path = new URL(request.url).pathname;
  } catch {
    path = undefined;
  }
  return log().child({ requestId: requestIdOf(request), method: request.method, path });
}

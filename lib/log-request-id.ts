// The request id header and its check, without pino: proxy.ts imports this (it must stay free of
// Node-only modules), lib/log.ts re-exports it for route handlers.

export const REQUEST_ID_HEADER = "x-request-id";

/** A request id as sent by a client or a load balancer: kept only when short and plain (no log injection). */
export function acceptableRequestId(value: string | null | undefined): value is string {
  return typeof value === "string" && /^[A-Za-z0-9._:-]{8,128}$/.test(value);
}

import "server-only";
import { createHash } from "node:crypto";
import { getDb } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors";
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_MAX, IDEMPOTENCY_REPLAYED_HEADER } from "./idempotency-header";
import { problem, problemFromAppError } from "./problem";
import type { ApiHandler } from "./with-api-actor";

// `Idempotency-Key` for the REST API's write endpoints (after the IETF httpapi draft
// "The Idempotency-Key HTTP Header Field"). A client that may retry a write sends a unique key;
// the first request with that key runs, and its answer is kept (IdempotencyKey table, per user
// and key, 24 hours). Then:
//   - the same key with the same request (method, path, query and body) replays the first
//     answer, status and body, with `Idempotent-Replayed: true`; nothing runs twice;
//   - the same key with another request: 422 problem+json, code IDEMPOTENCY_KEY_REUSED;
//   - the same key while its first request is still running: 409, IDEMPOTENCY_KEY_IN_USE
//     (Retry-After: 1); a claim left by a crashed server is taken over after 10 minutes;
//   - a refusal (a thrown AppError: 400, 404, 409 version conflict...) is kept and replayed too;
//   - a 5xx answer (or an unexpected error) is not kept: the key is released and a retry runs again.
// Without the header a request runs as usual. Keys older than 24 hours are pruned by later
// requests with a key (indexed by createdAt), and never replayed.
//
// Applying it to a write endpoint is one wrapper inside withApiActor (which has already
// authenticated, rate-limited and authorized the caller; a 401/403/429 is never stored):
//
//   export const PUT = withApiActor("measurement.enter", withIdempotency(async (actor, request) => {
//     const body = await request.json();               // the handler reads the body as usual
//     ...call the command, return Response.json(...) or throw AppError...
//   }));
//
// Multipart bodies (POST /api/v1/imports) are fingerprinted by their fields and files, not by
// their bytes, so the same file sent again with a new multipart boundary still matches.

export { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_MAX, IDEMPOTENCY_REPLAYED_HEADER };
/** How long a key and its answer are kept. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** After this long, a key whose first request never finished (a crashed server) may be taken over. */
export const IDEMPOTENCY_STALE_CLAIM_MS = 10 * 60 * 1000;

const KEY_MESSAGE = `Idempotency-Key must be 1 to ${IDEMPOTENCY_KEY_MAX} visible ASCII characters (a UUID is a good key).`;

/** The key of a request: null without the header; a 400 (AppError INVALID) for a malformed one. */
export function idempotencyKeyOf(request: Request): string | null {
  const raw = request.headers.get(IDEMPOTENCY_HEADER);
  if (raw === null) return null;
  // The draft writes the key as a structured-field string ("..."); a bare token is accepted too.
  const trimmed = raw.trim();
  const key = /^".*"$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
  if (key.length < 1 || key.length > IDEMPOTENCY_KEY_MAX || !/^[\x21-\x7E]+$/.test(key)) {
    throw new AppError("INVALID", KEY_MESSAGE, { [IDEMPOTENCY_HEADER]: [KEY_MESSAGE] });
  }
  return key;
}

/** sha-256 of what makes two requests "the same": method, path and query, and the body. */
export async function requestFingerprint(request: Request): Promise<string> {
  const url = new URL(request.url);
  const hash = createHash("sha256");
  hash.update(`${request.method.toUpperCase()} ${url.pathname}${url.search}\n`);
  const type = request.headers.get("content-type") ?? "";
  if (/^multipart\/form-data/i.test(type)) {
    try {
      const form = await request.clone().formData();
      for (const [name, value] of form.entries()) {
        hash.update(`${JSON.stringify(name)}=`);
        if (typeof value === "string") hash.update(`s:${JSON.stringify(value)}\n`);
        else hash.update(`f:${JSON.stringify([value.name, value.type])}:${createHash("sha256").update(Buffer.from(await value.arrayBuffer())).digest("hex")}\n`);
      }
      return hash.digest("hex");
    } catch {
      // Not parseable as multipart: the bytes decide, below.
    }
  }
  hash.update(`${type.toLowerCase()}\n`);
  hash.update(Buffer.from(await request.clone().arrayBuffer()));
  return hash.digest("hex");
}

function replay(row: { status: number; contentType: string | null; body: string | null }): Response {
  const headers = new Headers({ [IDEMPOTENCY_REPLAYED_HEADER]: "true", "Cache-Control": "no-store" });
  if (row.contentType) headers.set("Content-Type", row.contentType);
  return new Response(row.body, { status: row.status, headers });
}

export function withIdempotency<C>(handler: ApiHandler<C>, clock: () => Date = () => new Date()): ApiHandler<C> {
  return async (actor, request, context, caller) => {
    const key = idempotencyKeyOf(request);
    if (key === null) return handler(actor, request, context, caller);

    const db = await getDb();
    const now = clock();
    const requestHash = await requestFingerprint(request);
    await db.idempotencyKey.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_TTL_MS) } } });

    const claim = await db.idempotencyKey.createMany({
      data: [{ userId: actor.id, tokenId: caller.tokenId, key, requestHash, createdAt: now }],
      skipDuplicates: true,
    });
    let claimId: string;
    if (claim.count === 1) {
      claimId = (await db.idempotencyKey.findUniqueOrThrow({ where: { userId_key: { userId: actor.id, key } }, select: { id: true } })).id;
    } else {
      const existing = await db.idempotencyKey.findUnique({ where: { userId_key: { userId: actor.id, key } } });
      const inUse = () =>
        problem(409, "IDEMPOTENCY_KEY_IN_USE", "A request with this Idempotency-Key is still being answered; retry shortly.", { headers: { "Retry-After": "1" } });
      if (!existing) return inUse(); // released or pruned between the two statements
      if (existing.requestHash !== requestHash) {
        return problem(
          422,
          "IDEMPOTENCY_KEY_REUSED",
          "This Idempotency-Key was already used with a different request (method, path, query or body) in the last 24 hours; send a new key for a new request.",
          { errors: { [IDEMPOTENCY_HEADER]: ["Already used with a different request."] } },
        );
      }
      if (existing.status !== null) return replay({ status: existing.status, contentType: existing.contentType, body: existing.body });
      if (now.getTime() - existing.createdAt.getTime() < IDEMPOTENCY_STALE_CLAIM_MS) return inUse();
      // A claim nobody finished: take it over, unless another retry just did.
      const taken = await db.idempotencyKey.updateMany({
        where: { id: existing.id, status: null, createdAt: existing.createdAt },
        data: { createdAt: now, tokenId: caller.tokenId },
      });
      if (taken.count !== 1) return inUse();
      claimId = existing.id;
    }

    const release = () => db.idempotencyKey.deleteMany({ where: { id: claimId, status: null } });
    let response: Response;
    try {
      response = await handler(actor, request, context, caller);
    } catch (error) {
      // A refusal (AppError) is an answer like any other and is kept; a bug is not.
      if (!isAppError(error)) {
        await release();
        throw error;
      }
      response = problemFromAppError(error);
    }
    if (response.status >= 500) {
      await release();
      return response;
    }
    const body = await response.text();
    const contentType = response.headers.get("content-type");
    await db.idempotencyKey.update({ where: { id: claimId }, data: { status: response.status, contentType, body, completedAt: clock() } });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/** Deletes keys older than 24 hours (later requests with a key do it too); returns how many. */
export async function pruneIdempotencyKeys(now: Date = new Date()): Promise<number> {
  const db = await getDb();
  const { count } = await db.idempotencyKey.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_TTL_MS) } } });
  return count;
}

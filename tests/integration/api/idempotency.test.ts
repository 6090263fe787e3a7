import { beforeAll, describe, expect, it } from "vitest";
import { IDEMPOTENCY_REPLAYED_HEADER, IDEMPOTENCY_STALE_CLAIM_MS, IDEMPOTENCY_TTL_MS, withIdempotency } from "@/lib/api/idempotency";
import { withApiActor } from "@/lib/api/with-api-actor";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { apiRequest, expectProblem, tokenFor } from "./helpers";

// withIdempotency, on a test-only write handler: it creates a department named in the body (or
// refuses, or fails, as the body asks), and counts how often it really ran.

let runs = 0;
const handler = withApiActor(
  null,
  withIdempotency(async (_actor, request) => {
    runs++;
    const type = request.headers.get("content-type") ?? "";
    const name = type.startsWith("multipart/") ? String((await request.formData()).get("name")) : ((await request.json()) as { name: string }).name;
    if (name === "refuse") throw new AppError("CONFLICT", "Someone else saved it.", {}, { current: { version: 2 } });
    if (name === "crash") throw new Error("boom");
    const db = await getDb();
    const department = await db.department.create({ data: { name } });
    return Response.json({ id: department.id, name }, { status: 201 });
  }),
);

let alice: Awaited<ReturnType<typeof tokenFor>>;
let bob: Awaited<ReturnType<typeof tokenFor>>;

const put = (secret: string, body: unknown, key: string | null, path = "/test-writes") =>
  handler(
    apiRequest(path, secret, {
      method: "PUT",
      headers: { "content-type": "application/json", ...(key === null ? {} : { "idempotency-key": key }) },
      body: JSON.stringify(body),
    }),
    {},
  );
const departments = async (name: string) => (await getDb()).department.count({ where: { name } });

beforeAll(async () => {
  alice = await tokenFor("KPI_OWNER");
  bob = await tokenFor("ADMIN");
});

describe("Idempotency-Key", () => {
  it("replays the first answer for the same key and body, marked as replayed, without running again", async () => {
    const first = await put(alice.secret, { name: "Replayed" }, "key-1");
    expect(first.status).toBe(201);
    expect(first.headers.get(IDEMPOTENCY_REPLAYED_HEADER)).toBeNull();
    const firstBody = await first.json();
    const before = runs;
    const second = await put(alice.secret, { name: "Replayed" }, "key-1");
    expect(second.status).toBe(201);
    expect(second.headers.get(IDEMPOTENCY_REPLAYED_HEADER)).toBe("true");
    expect(second.headers.get("content-type")).toContain("application/json");
    expect(await second.json()).toEqual(firstBody);
    expect(runs).toBe(before);
    expect(await departments("Replayed")).toBe(1);
  });

  it("answers 422 problem+json when the key comes back with another body, path or query, and writes nothing", async () => {
    await put(alice.secret, { name: "First body" }, "key-2");
    for (const response of [
      await put(alice.secret, { name: "Second body" }, "key-2"),
      await put(alice.secret, { name: "First body" }, "key-2", "/other-path"),
      await put(alice.secret, { name: "First body" }, "key-2", "/test-writes?dryRun=true"),
    ]) {
      const body = await expectProblem(response, 422, "IDEMPOTENCY_KEY_REUSED");
      expect(body.title).toBe("Unprocessable Content");
      expect(Object.keys(body.errors)).toEqual(["Idempotency-Key"]);
    }
    expect(await departments("Second body")).toBe(0);
    expect(await departments("First body")).toBe(1);
  });

  it("keeps keys per user, and runs every request sent without a key", async () => {
    expect((await put(alice.secret, { name: "Per user A" }, "shared")).status).toBe(201);
    expect((await put(bob.secret, { name: "Per user B" }, "shared")).status).toBe(201);
    expect((await put(alice.secret, { name: "No key" }, null)).status).toBe(201);
    const before = runs;
    await put(alice.secret, { name: "No key 2" }, null);
    await put(alice.secret, { name: "No key 3" }, null);
    expect(runs).toBe(before + 2);
    expect(await departments("Per user B")).toBe(1);
    expect(await departments("No key")).toBe(1);
  });

  it("replays a refusal (a 409 with its details) too, but releases the key after a 500", async () => {
    const refused = await expectProblem(await put(alice.secret, { name: "refuse" }, "key-3"), 409, "CONFLICT");
    expect(refused.details).toEqual({ current: { version: 2 } });
    const replay = await put(alice.secret, { name: "refuse" }, "key-3");
    expect(replay.headers.get(IDEMPOTENCY_REPLAYED_HEADER)).toBe("true");
    expect(replay.headers.get("content-type")).toBe("application/problem+json");
    expect(await replay.json()).toEqual(refused);

    const before = runs;
    await expectProblem(await put(alice.secret, { name: "crash" }, "key-4"), 500, "INTERNAL");
    await expectProblem(await put(alice.secret, { name: "crash" }, "key-4"), 500, "INTERNAL");
    expect(runs).toBe(before + 2);
    expect(await (await getDb()).idempotencyKey.count({ where: { key: "key-4" } })).toBe(0);
  });

  it("answers 409 while the first request is still running, and takes over a claim nobody finished", async () => {
    const db = await getDb();
    const first = await put(alice.secret, { name: "Claimed" }, "key-5");
    expect(first.status).toBe(201);
    const row = await db.idempotencyKey.findFirstOrThrow({ where: { key: "key-5" } });
    // As if the first request were still running...
    await db.idempotencyKey.update({ where: { id: row.id }, data: { status: null, body: null, completedAt: null } });
    const busy = await put(alice.secret, { name: "Claimed" }, "key-5");
    await expectProblem(busy, 409, "IDEMPOTENCY_KEY_IN_USE");
    expect(busy.headers.get("retry-after")).toBe("1");
    // ...or had crashed long ago: the retry runs.
    await db.idempotencyKey.update({ where: { id: row.id }, data: { createdAt: new Date(Date.now() - IDEMPOTENCY_STALE_CLAIM_MS - 1000) } });
    await db.department.deleteMany({ where: { name: "Claimed" } });
    expect((await put(alice.secret, { name: "Claimed" }, "key-5")).status).toBe(201);
    expect(await departments("Claimed")).toBe(1);
  });

  it("runs concurrent retries of one key once: the others get 409 or the replay", async () => {
    const before = runs;
    const responses = await Promise.all(Array.from({ length: 4 }, () => put(alice.secret, { name: "Concurrent" }, "key-8")));
    expect(runs).toBe(before + 1);
    const fresh = responses.filter((r) => r.status === 201 && r.headers.get(IDEMPOTENCY_REPLAYED_HEADER) === null);
    expect(fresh).toHaveLength(1);
    for (const r of responses.filter((x) => !fresh.includes(x))) {
      expect(r.status === 409 || r.headers.get(IDEMPOTENCY_REPLAYED_HEADER) === "true").toBe(true);
    }
    expect(await departments("Concurrent")).toBe(1);
  });

  it("forgets keys after 24 hours (pruned, and the request runs again)", async () => {
    const db = await getDb();
    await put(alice.secret, { name: "Expired" }, "key-6");
    await db.idempotencyKey.updateMany({ where: { key: "key-6" }, data: { createdAt: new Date(Date.now() - IDEMPOTENCY_TTL_MS - 1000) } });
    await db.department.deleteMany({ where: { name: "Expired" } });
    const again = await put(alice.secret, { name: "Expired" }, "key-6");
    expect(again.status).toBe(201);
    expect(again.headers.get(IDEMPOTENCY_REPLAYED_HEADER)).toBeNull();
    expect(await departments("Expired")).toBe(1);
    expect(await db.idempotencyKey.count({ where: { createdAt: { lt: new Date(Date.now() - IDEMPOTENCY_TTL_MS) } } })).toBe(0);
  });

  it("refuses a malformed key with 400 naming Idempotency-Key", async () => {
    for (const key of ["", " ", "x".repeat(256), "é"]) {
      const body = await expectProblem(await put(alice.secret, { name: "Bad key" }, key), 400, "INVALID");
      expect(Object.keys(body.errors)).toEqual(["Idempotency-Key"]);
    }
    expect(await departments("Bad key")).toBe(0);
  });

  it("matches a multipart body by its fields and files, whatever the boundary", async () => {
    const send = (name: string) => {
      const form = new FormData();
      form.set("name", name);
      form.set("file", new File(["kpi_code,persona_slug\n"], "values.csv", { type: "text/csv" }));
      return handler(apiRequest("/test-writes", alice.secret, { method: "POST", headers: { "idempotency-key": "key-7" }, body: form }), {});
    };
    expect((await send("Multipart")).status).toBe(201);
    const again = await send("Multipart");
    expect(again.headers.get(IDEMPOTENCY_REPLAYED_HEADER)).toBe("true");
    await expectProblem(await send("Multipart other"), 422, "IDEMPOTENCY_KEY_REUSED");
    expect(await departments("Multipart")).toBe(1);
  });
});

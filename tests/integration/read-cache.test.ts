import { beforeAll, describe, expect, it, vi } from "vitest";
import { PERSONA_SCOPE_SELECT, restrictionOf, type Actor } from "@/lib/auth/actor";
import { saveMeasurement } from "@/lib/commands/measurements/save-measurement";
import { getDatabase, getDb } from "@/lib/db";
import { seedDemoData } from "@/lib/demo/seed-demo";
import { getKpiDetail } from "@/lib/queries/kpi-detail";
import { getPersonaScorecard } from "@/lib/queries/persona-scorecard";
import {
  cachedKpiDetail,
  cachedPersonaScorecard,
  cachedScorecardOverview,
  currentStamp,
  encodeModel,
  pruneReadCache,
  readThrough,
  settleCacheWrites,
  type ReadModelKind,
} from "@/lib/queries/read-cache";
import { getScorecardOverview } from "@/lib/queries/scorecard-overview";

// The read-model cache (lib/queries/read-cache.ts) on the demo data: what it gives back is exactly
// what the query functions compute, a write changes the data stamp in its own transaction (and a
// rolled-back one does not), the next read shows the write, and persona scopes never share entries.

// Tables the stamp triggers leave out on purpose (see the migration read_model_cache): nothing a
// dashboard shows, or (UserPersonaAccess) part of every key. Any other table must be tracked.
const UNTRACKED = [
  "SignInAttempt",
  "AuditEvent",
  "Notification",
  "PairEvaluationRequest",
  "ApiToken",
  "ApiRateLimit",
  "IdempotencyKey",
  "UserPersonaAccess",
  "ReadModelChange",
  "ReadModelValueChange",
  "ReadModelCache",
  "_prisma_migrations",
];

async function actorOf(email: string): Promise<Actor> {
  const user = await (await getDb()).user.findUniqueOrThrow({
    where: { email },
    select: { id: true, role: true, departmentId: true, name: true, email: true, ...PERSONA_SCOPE_SELECT },
  });
  return { id: user.id, role: user.role, departmentId: user.departmentId, name: user.name, email: user.email, restrictedToPersonaIds: restrictionOf(user) };
}

async function entries(kind?: ReadModelKind): Promise<{ kind: string; key: string; stamp: string; model: string }[]> {
  // A view does not wait for its entry to be written; the test does.
  await settleCacheWrites();
  const { pool } = await getDatabase();
  const sql = `SELECT kind, key, stamp::text AS stamp, model FROM "ReadModelCache"${kind ? " WHERE kind = $1" : ""} ORDER BY "createdAt"`;
  return (await pool.query(sql, kind ? [kind] : [])).rows;
}

async function clearCache(): Promise<void> {
  await settleCacheWrites();
  await (await getDatabase()).pool.query(`DELETE FROM "ReadModelCache"`);
}

let admin: Actor;
let exec: Actor;
let restricted: Actor;
let scorecards: string[];
let personas: { slug: string; id: string; status: string }[];
let kpiCodes: string[];

beforeAll(async () => {
  const db = await getDb();
  await seedDemoData(db, { endPeriod: "2026-10-01" }); // pinned: the periods below lie in its window
  [admin, exec, restricted] = await Promise.all([actorOf("admin@demo.test"), actorOf("exec@demo.test"), actorOf("exec.restricted@demo.test")]);
  scorecards = (await db.scorecard.findMany({ orderBy: { slug: "asc" }, select: { slug: true } })).map((s) => s.slug);
  personas = await db.persona.findMany({ where: { status: { in: ["ACTIVE", "SUNSET"] } }, orderBy: { slug: "asc" }, select: { slug: true, id: true, status: true } });
  kpiCodes = (await db.kpi.findMany({ where: { status: { in: ["ACTIVE", "RETIRED"] } }, orderBy: { code: "asc" }, select: { code: true } })).map((k) => k.code);
}, 240_000);

describe("the data stamp", () => {
  it("is kept by a trigger on every table except those left out on purpose", async () => {
    const { pool } = await getDatabase();
    const tables = (await pool.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`)).rows.map(
      (r) => r.name,
    );
    const tracked = (
      await pool.query<{ name: string }>(
        `SELECT DISTINCT c.relname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
          WHERE p.proname = 'read_model_changed' AND NOT t.tgisinternal`,
      )
    ).rows.map((r) => r.name);
    // A new table must be classified: shown on a dashboard (add it to the migration's list) or not.
    expect(tables.filter((t) => !tracked.includes(t) && !UNTRACKED.includes(t)).sort()).toEqual([]);
    expect(tracked.filter((t) => UNTRACKED.includes(t))).toEqual([]);
    expect(tracked).toEqual(expect.arrayContaining(["Measurement", "MeasurementRevision", "KpiTarget", "PersonaWeight", "Persona", "Kpi", "User", "Escalation"]));
  });

  it("changes with a command's write, in its transaction, and the next read shows the new value", async () => {
    const db = await getDb();
    const scorecard = scorecards[0]!;
    const persona = personas.find((p) => p.status === "ACTIVE")!;
    const before = await cachedPersonaScorecard(exec, { scorecardSlug: scorecard, personaSlug: persona.slug });
    const line = before!.perspectives.flatMap((p) => [...p.objectives.flatMap((o) => o.kpis), ...p.otherKpis]).find((k) => k.value !== null)!;
    const saved = await db.measurement.findFirstOrThrow({ where: { kpi: { code: line.code }, personaId: persona.id, period: new Date(`${line.period}T00:00:00Z`) } });
    const newValue = line.value! + 1.5;
    const stamp = await currentStamp();

    const result = await saveMeasurement(admin, {
      kpiCode: line.code,
      personaSlug: persona.slug,
      period: line.period,
      value: String(newValue),
      comment: "Corrected after the source system's restatement.",
      reason: "Source restated",
      version: saved.version,
    });
    expect(result).toMatchObject({ ok: true });
    const after = await currentStamp();
    expect(BigInt(after)).toBeGreaterThan(BigInt(stamp));

    const cached = await cachedPersonaScorecard(exec, { scorecardSlug: scorecard, personaSlug: persona.slug });
    const shown = cached!.perspectives.flatMap((p) => [...p.objectives.flatMap((o) => o.kpis), ...p.otherKpis]).find((k) => k.code === line.code)!;
    expect(shown.value).toBe(newValue);
    expect(cached).toStrictEqual(await getPersonaScorecard(exec, { scorecardSlug: scorecard, personaSlug: persona.slug, today: new Date() }));
    // The entry of the old stamp was deleted when the new one was stored.
    expect((await entries("persona")).map((e) => e.stamp)).toEqual([await currentStamp(undefined, { kind: "persona", personaSlug: persona.slug })]);
  });

  it("does not change when the write rolls back, or when a command is refused", async () => {
    const db = await getDb();
    const stamp = await currentStamp();
    const any = await db.measurement.findFirstOrThrow({ where: { value: { not: null } }, select: { id: true } });
    await expect(
      db.$transaction(async (tx) => {
        await tx.measurement.update({ where: { id: any.id }, data: { comment: "never committed" } });
        await tx.kpiTarget.deleteMany({ where: { id: "no-such-target" } });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await currentStamp()).toBe(stamp);

    // A stale version: refused with CONFLICT, nothing written.
    const persona = personas.find((p) => p.status === "ACTIVE")!;
    const row = await db.measurement.findFirstOrThrow({ where: { personaId: persona.id, value: { not: null } }, include: { kpi: { select: { code: true } } } });
    const refused = await saveMeasurement(admin, {
      kpiCode: row.kpi.code,
      personaSlug: persona.slug,
      period: row.period.toISOString().slice(0, 10),
      value: "1",
      comment: "x",
      reason: "stale edit",
      version: row.version + 7,
    });
    expect(refused).toMatchObject({ ok: false });
    expect(await currentStamp()).toBe(stamp);
  });

  it("does not change when a user only signs in, and changes when their name changes (owner names are shown)", async () => {
    const db = await getDb();
    const stamp = await currentStamp();
    await db.user.update({ where: { id: exec.id }, data: { lastSignInAt: new Date() } });
    expect(await currentStamp()).toBe(stamp);
    await db.user.update({ where: { id: exec.id }, data: { name: `${exec.name}` } });
    expect(BigInt(await currentStamp())).toBeGreaterThan(BigInt(stamp));
  });
});

describe("cached read models", () => {
  it("give back exactly what the query functions return (demo data, every scorecard and persona, several views)", async () => {
    await clearCache();
    const cases: { kind: ReadModelKind; cached: () => Promise<unknown>; fresh: () => Promise<unknown> }[] = [];
    for (const scorecardSlug of scorecards) {
      for (const actor of [exec, restricted]) {
        for (const input of [{ scorecardSlug }, { scorecardSlug, period: "2026-06", compareWith: "2025-06", showSunset: true }, { scorecardSlug, period: "2026-09" }]) {
          cases.push({ kind: "overview", cached: () => cachedScorecardOverview(actor, input), fresh: () => getScorecardOverview(actor, input) });
        }
      }
      for (const persona of personas) {
        const input = { scorecardSlug, personaSlug: persona.slug };
        cases.push({ kind: "persona", cached: () => cachedPersonaScorecard(exec, input), fresh: () => getPersonaScorecard(exec, { ...input, today: new Date() }) });
      }
      const departmentId = (await (await getDb()).department.findFirstOrThrow({ orderBy: { name: "asc" } })).id;
      const input = { scorecardSlug, personaSlug: "smb-owner", period: "2026-03", departmentId };
      cases.push({ kind: "persona", cached: () => cachedPersonaScorecard(restricted, input), fresh: () => getPersonaScorecard(restricted, { ...input, today: new Date() }) });
    }
    for (const kpiCode of kpiCodes.slice(0, 12)) {
      cases.push({ kind: "kpi", cached: () => cachedKpiDetail(exec, { kpiCode }), fresh: () => getKpiDetail(exec, { kpiCode }) });
      cases.push({ kind: "kpi", cached: () => cachedKpiDetail(restricted, { kpiCode, personaSlug: "smb-owner" }), fresh: () => getKpiDetail(restricted, { kpiCode, personaSlug: "smb-owner" }) });
    }

    for (const c of cases) {
      const count = (await entries(c.kind)).length;
      const miss = await c.cached();
      const stored = await entries(c.kind);
      // Every one of these models is cacheable: JSON gives it back unchanged.
      expect(stored).toHaveLength(count + 1);
      const hit = await c.cached();
      expect(await entries(c.kind)).toHaveLength(count + 1);
      const fresh = await c.fresh();
      expect(miss).toStrictEqual(fresh);
      expect(hit).toStrictEqual(fresh);
      expect(JSON.parse(stored.at(-1)!.model)).toStrictEqual(fresh);
    }
  }, 240_000);

  it("compute once for concurrent misses of one entry in a process; each caller gets its own copy", async () => {
    let computed = 0;
    const compute = async () => {
      computed++;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { rows: [1, 2, 3], at: "2026-12-01" };
    };
    const parts = { test: `single-flight-${Date.now()}` };
    const results = await Promise.all(Array.from({ length: 5 }, () => readThrough({ kind: "overview" }, parts, compute)));
    expect(computed).toBe(1);
    for (const r of results) expect(r).toStrictEqual({ rows: [1, 2, 3], at: "2026-12-01" });
    expect(new Set(results).size).toBe(5);
    // A later miss of another entry computes again.
    await readThrough({ kind: "overview" }, { test: `${parts.test}-other` }, compute);
    expect(computed).toBe(2);
  });

  it("keep two persona scopes apart", async () => {
    await clearCache();
    const scorecardSlug = scorecards[0]!;
    const everyone = await cachedScorecardOverview(exec, { scorecardSlug });
    const some = await cachedScorecardOverview(restricted, { scorecardSlug });
    expect(await entries("overview")).toHaveLength(2);
    expect(everyone!.otherPersonas).toBeNull();
    expect(some!.otherPersonas).not.toBeNull();
    const allowed = new Set(restricted.restrictedToPersonaIds);
    expect(some!.rows.every((r) => allowed.has(r.persona.id))).toBe(true);
    expect(everyone!.rows.some((r) => !allowed.has(r.persona.id))).toBe(true);
    // And again, from the cache: each scope its own.
    expect(await cachedScorecardOverview(restricted, { scorecardSlug })).toStrictEqual(some);
    expect(await cachedScorecardOverview(exec, { scorecardSlug })).toStrictEqual(everyone);

    // A persona outside the restricted scope is not found, even when the unrestricted view is cached.
    const hidden = personas.find((p) => p.status === "ACTIVE" && !allowed.has(p.id))!;
    expect(await cachedPersonaScorecard(exec, { scorecardSlug, personaSlug: hidden.slug })).not.toBeNull();
    expect(await cachedPersonaScorecard(restricted, { scorecardSlug, personaSlug: hidden.slug })).toBeNull();
  });

  it("are pruned: older stamps' entries go, the stamps' rows fold and every stamp stays", async () => {
    const db = await getDb();
    await clearCache();
    await cachedScorecardOverview(exec, { scorecardSlug: scorecards[0]! });
    await settleCacheWrites();
    const { pool } = await getDatabase();
    // An entry of an older stamp, as a read that lost a race with a write would leave it.
    await pool.query(`INSERT INTO "ReadModelCache" (kind, key, stamp, model) VALUES ('overview', 'old', 0, '{}')`);
    const stamp = await currentStamp();
    const personaStamp = await currentStamp(undefined, { kind: "persona", personaSlug: personas[0]!.slug });
    const kpiStamp = await currentStamp(undefined, { kind: "kpi", kpiCode: kpiCodes[0]! });
    expect(await pruneReadCache(db)).toBe(1);
    expect((await entries("overview")).map((e) => e.stamp)).toEqual([stamp]);
    expect(await currentStamp()).toBe(stamp);
    expect(await currentStamp(undefined, { kind: "persona", personaSlug: personas[0]!.slug })).toBe(personaStamp);
    expect(await currentStamp(undefined, { kind: "kpi", kpiCode: kpiCodes[0]! })).toBe(kpiStamp);
    // One row per scope ("all", "values"), one per (persona, KPI) pair whose values changed.
    expect((await pool.query(`SELECT count(*)::int AS n FROM "ReadModelChange"`)).rows[0].n).toBeLessThanOrEqual(2);
    const pairs = await pool.query(`SELECT count(*)::int AS n, count(DISTINCT ("personaId", "kpiId"))::int AS distinct FROM "ReadModelValueChange"`);
    expect(pairs.rows[0].n).toBe(pairs.rows[0].distinct);
    // Later writes still move it on.
    await db.department.updateMany({ where: { id: "no-such-department" }, data: { name: "x" } });
    expect(BigInt(await currentStamp())).toBe(BigInt(stamp) + 1n);
  });

  it("are pruned: a persona's scorecard computed on an earlier day goes (its key holds the date); other kinds of that age, and today's, stay", async () => {
    const db = await getDb();
    await clearCache();
    const { pool } = await getDatabase();
    const personaStamp = await currentStamp(undefined, { kind: "persona", personaSlug: personas[0]!.slug });
    const kpiStamp = await currentStamp(undefined, { kind: "kpi", kpiCode: kpiCodes[0]! });
    // Entries at their current stamps, so only their age can make them unreachable.
    const file = (kind: string, key: string, stamp: string, age: string) =>
      pool.query(`INSERT INTO "ReadModelCache" (kind, key, stamp, model, "createdAt") VALUES ($1, $2, $3::bigint, '{}', LOCALTIMESTAMP - $4::interval)`, [kind, key, stamp, age]);
    await file("persona", "yesterday", personaStamp, "1 day");
    await file("persona", "today", personaStamp, "0 seconds");
    await file("kpi", "yesterday", kpiStamp, "1 day");
    expect(await pruneReadCache(db)).toBe(1);
    expect((await entries()).map((e) => `${e.kind} ${e.key}`).sort()).toEqual(["kpi yesterday", "persona today"]);
  });
});

describe("stamps per persona and KPI", () => {
  const stampOf = {
    persona: (personaSlug: string) => currentStamp(undefined, { kind: "persona", personaSlug }),
    kpi: (kpiCode: string) => currentStamp(undefined, { kind: "kpi", kpiCode }),
  };
  const linesOf = (card: Awaited<ReturnType<typeof getPersonaScorecard>>) => card!.perspectives.flatMap((p) => [...p.objectives.flatMap((o) => o.kpis), ...p.otherKpis]);

  it("a value saved for one persona and KPI leaves the other personas' scorecards and the other KPIs' details in use, and every view shows what a fresh read shows", async () => {
    await clearCache();
    const db = await getDb();
    const scorecardSlug = scorecards[0]!;
    const [written, other] = personas.filter((p) => p.status === "ACTIVE");
    const before = await cachedPersonaScorecard(exec, { scorecardSlug, personaSlug: written!.slug });
    const line = linesOf(before).find((k) => k.value !== null)!;
    const otherKpi = linesOf(before).find((k) => k.code !== line.code)!.code;
    await cachedPersonaScorecard(exec, { scorecardSlug, personaSlug: other!.slug });
    await Promise.all([cachedKpiDetail(exec, { kpiCode: line.code }), cachedKpiDetail(exec, { kpiCode: otherKpi }), cachedScorecardOverview(exec, { scorecardSlug })]);
    const stamps = async () => ({
      written: await stampOf.persona(written!.slug),
      other: await stampOf.persona(other!.slug),
      kpi: await stampOf.kpi(line.code),
      otherKpi: await stampOf.kpi(otherKpi),
      overview: await currentStamp(),
    });
    const was = await stamps();
    const stored = await entries();
    const totalsBefore = new Map((await entries("totals")).map((e) => [e.key, e.stamp]));
    // The scorecard's data months: one entry, which a value in a month that has values leaves in use.
    const monthsBefore = await entries("months");
    expect(monthsBefore).toHaveLength(1);

    const saved = await db.measurement.findFirstOrThrow({ where: { kpi: { code: line.code }, personaId: written!.id, period: new Date(`${line.period}T00:00:00Z`) } });
    const result = await saveMeasurement(admin, {
      kpiCode: line.code,
      personaSlug: written!.slug,
      period: line.period,
      value: String(line.value! + 2.25),
      comment: "Restated by billing.",
      reason: "Source restated",
      version: saved.version,
    });
    expect(result).toMatchObject({ ok: true });

    const now = await stamps();
    expect(now.other).toBe(was.other);
    expect(now.otherKpi).toBe(was.otherKpi);
    expect(BigInt(now.written)).toBeGreaterThan(BigInt(was.written));
    expect(BigInt(now.kpi)).toBeGreaterThan(BigInt(was.kpi));
    expect(BigInt(now.overview)).toBeGreaterThan(BigInt(was.overview));
    // The untouched entries are still there under the stamps their views look up: hits.
    const keptStamps = stored.map((e) => e.stamp);
    expect(keptStamps).toEqual(expect.arrayContaining([now.other, now.otherKpi]));

    // Every view, hit or miss, is what the query functions compute now.
    const today = new Date();
    const shown = await cachedPersonaScorecard(exec, { scorecardSlug, personaSlug: written!.slug });
    expect(linesOf(shown).find((k) => k.code === line.code)!.value).toBe(line.value! + 2.25);
    expect(shown).toStrictEqual(await getPersonaScorecard(exec, { scorecardSlug, personaSlug: written!.slug, today }));
    expect(await cachedPersonaScorecard(exec, { scorecardSlug, personaSlug: other!.slug })).toStrictEqual(
      await getPersonaScorecard(exec, { scorecardSlug, personaSlug: other!.slug, today }),
    );
    expect(await cachedKpiDetail(exec, { kpiCode: line.code })).toStrictEqual(await getKpiDetail(exec, { kpiCode: line.code }));
    expect(await cachedKpiDetail(exec, { kpiCode: otherKpi })).toStrictEqual(await getKpiDetail(exec, { kpiCode: otherKpi }));
    expect(await cachedScorecardOverview(exec, { scorecardSlug })).toStrictEqual(await getScorecardOverview(exec, { scorecardSlug }));
    // The overview scored the written persona again and read every other persona's totals.
    const totalsAfter = new Map((await entries("totals")).map((e) => [e.key, e.stamp]));
    expect([...totalsAfter.keys()].sort()).toEqual([...totalsBefore.keys()].sort());
    expect(totalsBefore.size).toBeGreaterThan(2);
    expect([...totalsAfter].filter(([key, stamp]) => totalsBefore.get(key) !== stamp)).toHaveLength(1);
    // Storing the written persona's new entry deleted its old one, not the other persona's.
    expect((await entries("persona")).map((e) => e.stamp).sort()).toEqual([now.other, now.written].sort());
    expect(await entries("months")).toEqual(monthsBefore);
  });

  it("a value in a month its scorecard has no value for, a value moved to another month, and a deleted value move every stamp", async () => {
    const { pool } = await getDatabase();
    const scorecardSlug = scorecards[0]!;
    const [persona, other] = personas.filter((p) => p.status === "ACTIVE");
    const kpi = await pool.query<{ id: string; code: string }>(
      `SELECT k.id, k.code FROM "Kpi" k JOIN "Perspective" p ON p.id = k."perspectiveId" JOIN "Scorecard" s ON s.id = p."scorecardId"
        WHERE s.slug = $1 AND k.status = 'ACTIVE' AND k.frequency = 'MONTHLY' ORDER BY k.code LIMIT 2`,
      [scorecardSlug],
    );
    const [written, untouched] = kpi.rows;
    const everyStamp = async () =>
      [await stampOf.persona(other!.slug), await stampOf.kpi(untouched!.code), await currentStamp(), await currentStamp(undefined, { kind: "months" })].map(BigInt);
    const moved = (was: bigint[], now: bigint[]) => now.every((n, i) => n > was[i]!);

    // 2019-01: years before the demo's first month, so the months every screen offers grow.
    let was = await everyStamp();
    await pool.query(
      `INSERT INTO "Measurement" (id, "kpiId", "personaId", period, value) VALUES ('rc-early-value', $1, $2, '2019-01-01', 42)`,
      [written!.id, persona!.id],
    );
    expect(moved(was, await everyStamp())).toBe(true);
    const card = await cachedPersonaScorecard(exec, { scorecardSlug, personaSlug: other!.slug });
    expect(card!.months.at(-1)).toBe("2019-01-01");
    expect(card).toStrictEqual(await getPersonaScorecard(exec, { scorecardSlug, personaSlug: other!.slug, today: new Date() }));

    was = await everyStamp();
    await pool.query(`UPDATE "Measurement" SET period = '2019-02-01' WHERE id = 'rc-early-value'`);
    expect(moved(was, await everyStamp())).toBe(true);

    was = await everyStamp();
    await pool.query(`DELETE FROM "Measurement" WHERE id = 'rc-early-value'`);
    expect(moved(was, await everyStamp())).toBe(true);
    const after = await cachedPersonaScorecard(exec, { scorecardSlug, personaSlug: other!.slug });
    expect(after!.months).not.toContain("2019-02-01");
    expect(after).toStrictEqual(await getPersonaScorecard(exec, { scorecardSlug, personaSlug: other!.slug, today: new Date() }));
  });
});

describe("READ_CACHE=off", () => {
  it("computes every view afresh and stores nothing", async () => {
    await clearCache();
    process.env.READ_CACHE = "off";
    try {
      vi.resetModules(); // lib/env reads the environment once per module instance
      const fresh = await import("@/lib/queries/read-cache");
      const overview = await fresh.cachedScorecardOverview(exec, { scorecardSlug: scorecards[0]! });
      expect(overview).toStrictEqual(await getScorecardOverview(exec, { scorecardSlug: scorecards[0]! }));
      expect(await entries()).toEqual([]);
    } finally {
      delete process.env.READ_CACHE;
      vi.resetModules();
    }
  });
});

describe("encodeModel", () => {
  it("refuses what JSON would not give back unchanged", () => {
    expect(encodeModel({ a: 1, b: [null, "x", { c: true }] })).toBe('{"a":1,"b":[null,"x",{"c":true}]}');
    expect(encodeModel({ at: new Date(0) })).toBeNull();
    expect(encodeModel({ a: undefined })).toBeNull();
    expect(encodeModel([1, undefined])).toBeNull();
    expect(encodeModel({ n: Number.NaN })).toBeNull();
    expect(encodeModel({ n: Number.POSITIVE_INFINITY })).toBeNull();
    expect(encodeModel({ n: -0 })).toBeNull();
    expect(encodeModel({ m: new Map([["a", 1]]) })).toBeNull();
    expect(encodeModel({ s: new Set([1]) })).toBeNull();
  });
});

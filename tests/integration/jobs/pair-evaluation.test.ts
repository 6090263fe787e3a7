import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { saveMeasurement } from "@/lib/commands";
import { getDb } from "@/lib/db";
import { evaluatePairs, runEscalations } from "@/lib/jobs/escalate";
import { drainPairRequests } from "@/lib/jobs/pair-drain";
import { enqueuePairEvaluations, pendingPairRequests } from "@/lib/jobs/pair-requests";
import { actorOf, makeUser } from "../commands/fixtures";
import { makeKpi, makePersona, makeTarget, measure } from "../../helpers/factories";

// Incremental re-evaluation: a value save writes a request for its own KPI x persona pair only,
// in its transaction (a refused save writes none); draining the requests judges that pair alone
// and opens, then (after a correction) resolves, its escalation, leaving every other pair alone.

const TODAY = "2026-11-05"; // October 2026 has ended
const RED = 40;

let owner: Actor;
let kpiId: string;
let otherKpiId: string;
let personaId: string;
let otherPersonaId: string;

beforeAll(async () => {
  const db = await getDb();
  owner = actorOf(await makeUser({ role: "KPI_OWNER" }));
  const scorecard = await db.scorecard.create({ data: { slug: "pairs", name: "Pairs", escalationStreakLength: 2 } });
  const perspective = await db.perspective.create({ data: { scorecardId: scorecard.id, name: "Customer", order: 1 } });
  for (const code of ["PAIR-A", "PAIR-B"]) {
    const kpi = await makeKpi(code, perspective.id, { direction: "HIGHER_IS_BETTER", weight: 1 });
    await db.kpi.update({ where: { id: kpi.id }, data: { ownerId: owner.id, unit: "PERCENT" } });
    await makeTarget(kpi.id, "2024-01-01", { red: 50, green: 70, target: 80 });
    if (code === "PAIR-A") kpiId = kpi.id;
    else otherKpiId = kpi.id;
  }
  personaId = (await makePersona("pair-one", "One", "ACTIVE", 1)).id;
  otherPersonaId = (await makePersona("pair-two", "Two", "ACTIVE", 2)).id;
  // Every pair has a RED September; the full run has not been told about any of them.
  for (const k of [kpiId, otherKpiId]) for (const p of [personaId, otherPersonaId]) await measure(k, p, "2026-09-01", RED);
  // The other pairs are RED in October too: a streak a full run would open, which a pair run must not touch.
  await measure(otherKpiId, personaId, "2026-10-01", RED);
  await measure(kpiId, otherPersonaId, "2026-10-01", RED);
});

describe("a value save re-evaluates only its pair", () => {
  it("a refused save enqueues nothing; a saved one enqueues its pair alone", async () => {
    const refused = await saveMeasurement(owner, { kpiId, personaId, period: "2026-10-01", value: "40" }); // RED needs a comment
    expect(refused.ok).toBe(false);
    expect(await pendingPairRequests(await getDb())).toEqual([]);

    const saved = await saveMeasurement(owner, { kpiId, personaId, period: "2026-10-01", value: "40", comment: "Churn spike" });
    expect(saved).toMatchObject({ ok: true, data: { outcome: "created", status: "RED" } });
    expect(await pendingPairRequests(await getDb())).toEqual([{ kpiId, personaId }]);
  });

  it("draining opens that pair's escalation and nothing else", async () => {
    const db = await getDb();
    const result = await drainPairRequests(db, { today: TODAY });
    expect(result).toMatchObject({ requests: 1, pairs: 1, opened: 1, scorecards: 1 });
    const open = await db.escalation.findMany({ select: { kpiId: true, personaId: true, status: true, streakLength: true } });
    expect(open).toEqual([{ kpiId, personaId, status: "OPEN", streakLength: 2 }]);
    expect(await pendingPairRequests(db)).toEqual([]);
    // Drained again: nothing waits, nothing changes.
    expect(await drainPairRequests(db, { today: TODAY })).toMatchObject({ requests: 0, pairs: 0 });
  });

  it("a correction out of RED resolves it; a comment-only edit enqueues nothing", async () => {
    const db = await getDb();
    const comment = await saveMeasurement(owner, { kpiId, personaId, period: "2026-10-01", value: "40", comment: "Churn spike, see ticket 12", version: 1 });
    expect(comment).toMatchObject({ ok: true, data: { outcome: "updated" } });
    expect(await pendingPairRequests(db)).toEqual([]);

    const corrected = await saveMeasurement(owner, { kpiId, personaId, period: "2026-10-01", value: "80", version: 2, reason: "Source data corrected" });
    expect(corrected).toMatchObject({ ok: true, data: { outcome: "updated", status: "GREEN" } });
    expect(await pendingPairRequests(db)).toEqual([{ kpiId, personaId }]);
    expect(await drainPairRequests(db, { today: TODAY })).toMatchObject({ requests: 1, resolved: 1 });
    const rows = await db.escalation.findMany({ select: { status: true, resolvedPeriod: true } });
    expect(rows.map((r) => [r.status, r.resolvedPeriod?.toISOString().slice(0, 10)])).toEqual([["RESOLVED", "2026-10-01"]]);
  });

  it("judges many pairs in one call the way a full run does (the bulk-import path)", async () => {
    const db = await getDb();
    const pairs = [kpiId, otherKpiId].flatMap((k) => [personaId, otherPersonaId].map((p) => ({ kpiId: k, personaId: p })));
    await db.$transaction(async (tx) => {
      expect(await enqueuePairEvaluations(tx, [...pairs, ...pairs])).toBe(4); // duplicates written once
    });
    expect(await drainPairRequests(db, { today: TODAY })).toMatchObject({ requests: 4, pairs: 4, opened: 2, resolved: 0 });
    // A full run afterwards finds nothing left to do.
    expect(await runEscalations(db, { today: TODAY })).toMatchObject({ opened: 0, raised: 0, updated: 0, resolved: 0, pairs: 4 });
    // Pairs of a KPI or persona that is not ACTIVE are skipped, as in a full run.
    await db.persona.update({ where: { id: otherPersonaId }, data: { status: "DRAFT" } });
    expect(await evaluatePairs(db, [{ kpiId, personaId: otherPersonaId }], { today: TODAY })).toMatchObject({ pairs: 0 });
  });
});

// A bulk enqueue above one INSERT batch, rolled back with its transaction.
describe("enqueuePairEvaluations", () => {
  it("writes nothing when the caller's transaction rolls back", async () => {
    const db = await getDb();
    const many = Array.from({ length: 12_000 }, (_, i) => ({ kpiId: `k${i % 600}`, personaId: `p${Math.floor(i / 600)}` }));
    await expect(
      db.$transaction(async (tx) => {
        expect(await enqueuePairEvaluations(tx, many)).toBe(12_000);
        throw new Error("import refused");
      }),
    ).rejects.toThrow("import refused");
    expect(await pendingPairRequests(db)).toEqual([]);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { getDatabase, getDb } from "@/lib/db";
import { assertDemoSeedAllowed, buildDemoPlan, DemoSeedRefusedError, seedDemoData, type SeedSummary } from "@/lib/demo/seed-demo";
import { parseEnv } from "@/lib/env";
import type { Direction, Frequency } from "@/lib/generated/prisma/enums";
import { periodsBetween } from "@/lib/scoring/periods";

// The demo seed against a real (fresh, migrated) database: what it writes, that a second run
// changes nothing, and that the story the screens rely on (breach streaks, gaps, a draft and a
// sunset persona) is really in the data.

// Pinned, so the dates below hold whatever day the suite runs (the app's default follows the calendar).
const END_PERIOD = "2026-10-01";

const SEEDED_TABLES = [
  "Department",
  "User",
  "Persona",
  "PersonaAttribute",
  "PersonaPainPoint",
  "PersonaWeight",
  "Scorecard",
  "Perspective",
  "StrategicObjective",
  "ObjectiveLink",
  "Kpi",
  "KpiTarget",
  "Measurement",
  "MeasurementRevision",
] as const;

type Dump = Record<string, Record<string, string>>;

/** Every seeded row by table and id, without the timestamps the database generates. */
const JOIN_TABLES: Record<string, string> = {
  ObjectiveDepartment: `"objectiveId" || '|' || "departmentId"`,
  PainPointObjective: `"painPointId" || '|' || "objectiveId"`,
};

async function canonicalDump(): Promise<Dump> {
  const { pool } = await getDatabase();
  const dump: Dump = {};
  for (const table of SEEDED_TABLES) {
    // Join tables have no id of their own: their key is the pair.
    const result = await pool.query<Record<string, unknown>>(
      JOIN_TABLES[table] ? `SELECT *, ${JOIN_TABLES[table]} AS id FROM "${table}" ORDER BY 1, 2` : `SELECT * FROM "${table}" ORDER BY id`,
    );
    dump[table] = Object.fromEntries(
      result.rows.map((row) => {
        const stable = { ...row };
        delete stable.createdAt;
        delete stable.updatedAt;
        return [String(row.id), JSON.stringify(stable)];
      }),
    );
  }
  return dump;
}

/** Readable differences between two dumps: which rows appeared, disappeared or changed. */
function differences(before: Dump, after: Dump): string[] {
  const found: string[] = [];
  for (const table of [...SEEDED_TABLES, ...Object.keys(JOIN_TABLES)]) {
    const a = before[table] ?? {};
    const b = after[table] ?? {};
    for (const id of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (a[id] === undefined) found.push(`${table} ${id} added: ${b[id]}`);
      else if (b[id] === undefined) found.push(`${table} ${id} removed: ${a[id]}`);
      else if (a[id] !== b[id]) found.push(`${table} ${id} changed: ${a[id]} -> ${b[id]}`);
    }
  }
  return found.slice(0, 10);
}

const dateKey = (d: Date) => d.toISOString().slice(0, 10);

interface TargetRow {
  personaId: string | null;
  effectiveFrom: Date;
  red: number;
  redHigh: number | null;
}

/** The persona's own latest row on or before the period, else the default's. */
function inForce(rows: TargetRow[], personaId: string, period: Date): TargetRow | undefined {
  const latest = (candidates: TargetRow[]) =>
    candidates.filter((r) => r.effectiveFrom <= period).sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime())[0];
  return latest(rows.filter((r) => r.personaId === personaId)) ?? latest(rows.filter((r) => r.personaId === null));
}

function beyondRed(value: number, direction: Direction, t: TargetRow): boolean {
  if (direction === "HIGHER_IS_BETTER") return value <= t.red;
  if (direction === "LOWER_IS_BETTER") return value >= t.red;
  return value <= t.red || value >= (t.redHigh ?? Number.POSITIVE_INFINITY);
}

interface TrailingBreach {
  kpi: string;
  persona: string;
  /** RED values at the end of the series. */
  values: number;
  /** Expected periods in that run that have no value. */
  missing: number;
}

/** For every ACTIVE persona x KPI series: the run of RED values it ends with. */
async function trailingBreaches(): Promise<TrailingBreach[]> {
  const db = await getDb();
  const kpis = await db.kpi.findMany({ include: { targets: true } });
  const personas = await db.persona.findMany({ where: { status: "ACTIVE" } });
  const measurements = await db.measurement.findMany({ where: { personaId: { in: personas.map((p) => p.id) } }, orderBy: { period: "asc" } });
  const result: TrailingBreach[] = [];
  for (const kpi of kpis) {
    const targets = kpi.targets.map((t) => ({ ...t, red: t.red.toNumber(), redHigh: t.redHigh?.toNumber() ?? null }));
    for (const persona of personas) {
      const series = measurements.filter((m) => m.kpiId === kpi.id && m.personaId === persona.id);
      const last = series.at(-1);
      if (!last || dateKey(last.period) !== END_PERIOD) continue;
      // A value marked not available (value null) is no data: it neither counts nor breaks the run.
      const valued = series.filter((m) => m.value !== null);
      let values = 0;
      for (let i = valued.length - 1; i >= 0; i--) {
        const m = valued[i]!;
        const t = inForce(targets, persona.id, m.period);
        if (!t || !beyondRed(m.value!.toNumber(), kpi.direction, t)) break;
        values++;
      }
      if (values === 0) continue;
      const first = valued[valued.length - values]!;
      const expected = periodsBetween(first.period, last.period, kpi.frequency as Frequency).length;
      result.push({ kpi: kpi.code, persona: persona.slug, values, missing: expected - values });
    }
  }
  return result;
}

let firstSummary: SeedSummary;

beforeAll(async () => {
  firstSummary = await seedDemoData(await getDb(), { endPeriod: END_PERIOD });
});

describe("demo seed: content", () => {
  it("returns the counts that exist afterwards", async () => {
    const db = await getDb();
    expect(firstSummary).toEqual({
      departments: await db.department.count(),
      users: await db.user.count(),
      personas: await db.persona.count(),
      personaAttributes: await db.personaAttribute.count(),
      personaWeights: await db.personaWeight.count(),
      personaStatusChanges: await db.personaStatusChange.count(),
      personaReviews: await db.personaReview.count(),
      personaPainPoints: await db.personaPainPoint.count(),
      painPointObjectives: await db.painPointObjective.count(),
      scorecards: await db.scorecard.count(),
      perspectives: await db.perspective.count(),
      objectives: await db.strategicObjective.count(),
      objectiveLinks: await db.objectiveLink.count(),
      objectiveDepartments: await db.objectiveDepartment.count(),
      kpis: await db.kpi.count(),
      targets: await db.kpiTarget.count(),
      measurements: await db.measurement.count(),
    });
    expect(firstSummary.measurements).toBeGreaterThan(1000);
  });

  it("creates one demo user per role, with a department, whose password is persona-demo", async () => {
    const db = await getDb();
    const users = await db.user.findMany({ where: { email: { endsWith: "@demo.test" } }, orderBy: { email: "asc" } });
    const demo = Object.fromEntries(users.map((u) => [u.email, u]));
    expect(demo["admin@demo.test"]?.role).toBe("ADMIN");
    expect(demo["analyst@demo.test"]?.role).toBe("ANALYST");
    expect(demo["owner@demo.test"]?.role).toBe("KPI_OWNER");
    expect(demo["exec@demo.test"]?.role).toBe("EXECUTIVE");
    for (const email of ["admin@demo.test", "analyst@demo.test", "owner@demo.test", "exec@demo.test"]) {
      const user = demo[email]!;
      expect(user.departmentId).not.toBeNull();
      expect(user.active).toBe(true);
      expect(await verifyPassword(user.passwordHash!, "persona-demo")).toBe(true);
      expect(await verifyPassword(user.passwordHash!, "wrong-password")).toBe(false);
    }
    // The other KPI owners exist only as owners: they cannot sign in.
    expect(users.filter((u) => u.passwordHash !== null)).toHaveLength(6);
    // Per-persona access: one executive and one analyst see two personas only; everyone else sees all.
    const restricted = demo["exec.restricted@demo.test"]!;
    expect(restricted.role).toBe("EXECUTIVE");
    expect(await verifyPassword(restricted.passwordHash!, "persona-demo")).toBe(true);
    expect(users.filter((u) => u.personaScopeRestricted).map((u) => u.email)).toEqual(["analyst.restricted@demo.test", "exec.restricted@demo.test"]);
    expect(demo["analyst.restricted@demo.test"]?.role).toBe("ANALYST");
    for (const user of [restricted, demo["analyst.restricted@demo.test"]!]) {
      const access = await db.userPersonaAccess.findMany({ where: { userId: user.id }, select: { persona: { select: { slug: true } } } });
      expect(access.map((a) => a.persona.slug).sort()).toEqual(["price-sensitive-shopper", "smb-owner"]);
    }
  });

  it("has six personas: four ACTIVE, one DRAFT, one SUNSET with its rationale and date", async () => {
    const db = await getDb();
    const personas = await db.persona.findMany({ include: { attributes: true, painPoints: true } });
    const statuses = Object.fromEntries(personas.map((p) => [p.slug, p.status]));
    expect(statuses).toEqual({
      "enterprise-it-buyer": "ACTIVE",
      "smb-owner": "ACTIVE",
      "expert-power-user": "ACTIVE",
      "price-sensitive-shopper": "ACTIVE",
      "public-sector-procurement": "DRAFT",
      "legacy-on-prem-admin": "SUNSET",
    });
    const sunset = personas.find((p) => p.status === "SUNSET")!;
    expect(sunset.statusRationale?.length).toBeGreaterThan(40);
    expect(sunset.statusChangedAt).not.toBeNull();
    for (const persona of personas) {
      expect(new Set(persona.attributes.map((a) => a.kind)).size).toBe(4);
      expect(persona.painPoints.length).toBeGreaterThan(0);
    }
  });

  it("maps most pain points to the objectives that address them, and leaves a few unaddressed so the flag shows", async () => {
    const db = await getDb();
    const painPoints = await db.personaPainPoint.findMany({ include: { objectives: true, persona: { select: { status: true } } } });
    const unaddressed = painPoints.filter((p) => p.objectives.length === 0);
    expect(unaddressed.length).toBeGreaterThanOrEqual(1);
    expect(unaddressed.length).toBeLessThanOrEqual(2);
    expect(unaddressed.every((p) => p.persona.status === "ACTIVE")).toBe(true);
    expect(painPoints.length - unaddressed.length).toBeGreaterThan(painPoints.length / 2);
    // Every objective is shared by at least one business unit.
    const objectives = await db.strategicObjective.findMany({ include: { departments: true } });
    for (const o of objectives) expect(o.departments.length, o.title).toBeGreaterThan(0);
  });

  it("gives every persona a lifecycle timeline ending in its current status, with its rationale and date", async () => {
    const db = await getDb();
    const personas = await db.persona.findMany({ include: { statusChanges: { orderBy: { at: "asc" } }, reviews: true } });
    for (const persona of personas) {
      const last = persona.statusChanges.at(-1)!;
      expect(persona.statusChanges[0]!.fromStatus, persona.slug).toBeNull();
      expect(last.toStatus, persona.slug).toBe(persona.status);
      expect(last.rationale, persona.slug).toBe(persona.statusRationale);
      expect(last.at.getTime(), persona.slug).toBe(persona.statusChangedAt!.getTime());
      expect(last.changedById, persona.slug).not.toBeNull();
    }
    expect(personas.find((p) => p.slug === "legacy-on-prem-admin")!.statusChanges.map((c) => c.toStatus)).toEqual(["DRAFT", "ACTIVE", "SUNSET"]);
    expect(personas.filter((p) => p.reviews.length > 0).length).toBeGreaterThanOrEqual(3);
  });

  it("builds Customer Profiling with exactly its 4 perspectives and 16 indicators", async () => {
    const db = await getDb();
    const scorecard = await db.scorecard.findUniqueOrThrow({
      where: { slug: "customer-profiling" },
      include: { perspectives: { orderBy: { order: "asc" }, include: { kpis: { orderBy: { code: "asc" } } } } },
    });
    expect(scorecard.name).toBe("Customer Profiling");
    expect(scorecard.perspectives.map((p) => p.name)).toEqual([
      "Benefits and Performance",
      "Process",
      "Integration and Best Practices",
      "Buying Behavior",
    ]);
    const names = Object.fromEntries(scorecard.perspectives.map((p) => [p.name, p.kpis.map((k) => k.name).sort()]));
    expect(names).toEqual({
      "Benefits and Performance": ["Cost:revenue ratio", "Customer base expansion", "Customer retention ratio", "Issues addressing index"],
      Process: ["Number of areas covered", "Number of methods utilized", "Number of technologies utilized", "Time taken in the process"],
      "Integration and Best Practices": [
        "Best practices abiding ratio",
        "Database alignment index",
        "Interdepartmental cohesion",
        "Staff fraction",
      ].sort(),
      "Buying Behavior": [
        "Increase in recency of purchase",
        "Increase in sales per customer",
        "Level of customization climbing",
        "Share of customers with rising buying frequency",
      ].sort(),
    });
    for (const kpi of scorecard.perspectives.flatMap((p) => p.kpis)) {
      expect(kpi.status).toBe("ACTIVE");
      expect(kpi.ownerId).not.toBeNull();
      expect(kpi.sourceSystem).toBeTruthy();
      expect(kpi.transformation).toBeTruthy();
    }
  });

  it("builds the Persona Balanced Scorecard with objectives linked from Learning and Growth up to Financial", async () => {
    const db = await getDb();
    const scorecard = await db.scorecard.findUniqueOrThrow({
      where: { slug: "persona-bsc" },
      include: { perspectives: { orderBy: { order: "asc" }, include: { objectives: { include: { effects: true } }, kpis: true } } },
    });
    expect(scorecard.perspectives.map((p) => p.name)).toEqual(["Financial", "Customer", "Internal Process", "Learning and Growth"]);
    const orderOf = new Map(scorecard.perspectives.flatMap((p) => p.objectives.map((o) => [o.id, p.order] as const)));
    const links = scorecard.perspectives.flatMap((p) => p.objectives.flatMap((o) => o.effects));
    expect(links.length).toBeGreaterThanOrEqual(6);
    // Every arrow points one perspective up: L&G -> Process -> Customer -> Financial.
    for (const link of links) expect(orderOf.get(link.effectId)).toBe(orderOf.get(link.causeId)! - 1);

    const kpis = scorecard.perspectives.flatMap((p) => p.kpis);
    const nps = kpis.find((k) => k.code === "BSC-NPS")!;
    expect([nps.measureType, nps.scaleMin?.toNumber(), nps.scaleMax?.toNumber()]).toEqual(["QUALITATIVE", -100, 100]);
    expect(kpis.find((k) => k.code === "BSC-CLV")).toMatchObject({ unit: "CURRENCY", currencyCode: "EUR" });
    expect(kpis.some((k) => k.frequency === "QUARTERLY")).toBe(true);
    const proposed = kpis.filter((k) => k.status === "PROPOSED");
    expect(proposed).toHaveLength(1);
    expect(proposed[0]!.justification?.length).toBeGreaterThan(40);
    expect(proposed[0]!.proposedById).not.toBeNull();
    expect(proposed[0]!.evidence).toBeTruthy();
    expect(await db.kpiProposalPersona.count({ where: { kpiId: proposed[0]!.id } })).toBe(2);
    // One retired KPI: its values stop at the month it was retired in, with the reason kept.
    const retired = kpis.filter((k) => k.status === "RETIRED");
    expect(retired.map((k) => k.code)).toEqual(["BSC-PHONE-FCR"]);
    expect(retired[0]!.statusRationale?.length).toBeGreaterThan(40);
    const lastValue = await db.measurement.findFirst({ where: { kpiId: retired[0]!.id }, orderBy: { period: "desc" }, select: { period: true } });
    expect(lastValue?.period.getTime()).toBe(retired[0]!.retiredIn!.getTime());
  });

  it("gives owner@demo.test KPIs in both scorecards", async () => {
    const db = await getDb();
    const owned = await db.kpi.findMany({ where: { owner: { email: "owner@demo.test" } }, include: { perspective: { include: { scorecard: true } } } });
    expect(new Set(owned.map((k) => k.perspective.scorecard.slug))).toEqual(new Set(["customer-profiling", "persona-bsc"]));
  });

  it("keeps a weight history with one recalibration that adds rows", async () => {
    const db = await getDb();
    const weights = await db.personaWeight.findMany({ include: { scorecard: true } });
    const dates = (slug: string) => new Set(weights.filter((w) => w.scorecard.slug === slug).map((w) => dateKey(w.effectiveFrom)));
    expect(dates("customer-profiling").size).toBe(1);
    expect(dates("persona-bsc").size).toBe(2);
    for (const w of weights) expect(w.reason.length).toBeGreaterThan(10);
  });

  it("stores only targets that satisfy the ordering rules of their direction", async () => {
    const db = await getDb();
    const targets = await db.kpiTarget.findMany({ include: { kpi: true } });
    expect(targets.length).toBeGreaterThan(firstSummary.kpis);
    const defaults = targets.filter((t) => t.personaId === null);
    expect(new Set(defaults.map((t) => t.kpiId)).size).toBe(firstSummary.kpis);
    for (const t of targets) {
      const [target, green, red] = [t.target.toNumber(), t.green.toNumber(), t.red.toNumber()];
      const label = `${t.kpi.code} ${t.personaId ?? "default"}`;
      if (t.kpi.direction === "HIGHER_IS_BETTER") {
        expect(red < green && green <= target, label).toBe(true);
        expect([t.greenHigh, t.redHigh], label).toEqual([null, null]);
      } else if (t.kpi.direction === "LOWER_IS_BETTER") {
        expect(red > green && green >= target, label).toBe(true);
        expect([t.greenHigh, t.redHigh], label).toEqual([null, null]);
      } else {
        const [greenHigh, redHigh] = [t.greenHigh!.toNumber(), t.redHigh!.toNumber()];
        expect(red < green && green <= target && target <= greenHigh && greenHigh < redHigh, label).toBe(true);
      }
    }
  });
});

describe("demo seed: measurements", () => {
  it("ends some ACTIVE persona x KPI series with 3+ breached values, one of them with a gap inside the run", async () => {
    const runs = (await trailingBreaches()).filter((r) => r.values >= 3);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.some((r) => r.missing > 0)).toBe(true);
    expect(runs).toContainEqual(expect.objectContaining({ kpi: "BSC-TIME-TO-RESOLUTION", persona: "expert-power-user" }));
  });

  it("leaves some values missing in ACTIVE series and none for the DRAFT persona", async () => {
    const db = await getDb();
    const draft = await db.persona.findUniqueOrThrow({ where: { slug: "public-sector-procurement" } });
    expect(await db.measurement.count({ where: { personaId: draft.id } })).toBe(0);

    const active = await db.persona.findMany({ where: { status: "ACTIVE" } });
    const kpis = await db.kpi.findMany({ where: { status: "ACTIVE" } });
    const expected = kpis.reduce((sum, k) => sum + periodsBetween("2024-11-01", END_PERIOD, k.frequency as Frequency).filter((p) => p >= "2024-11-01").length, 0);
    const activeIds = { in: active.map((p) => p.id) };
    // Values of ACTIVE KPIs (the retired one's history is checked with the Persona Balanced Scorecard).
    const stored = await db.measurement.count({ where: { personaId: activeIds, kpi: { status: "ACTIVE" } } });
    const withValue = await db.measurement.count({ where: { personaId: activeIds, kpi: { status: "ACTIVE" }, value: { not: null } } });
    expect(stored).toBeLessThan(expected * active.length);
    expect(withValue).toBeLessThan(stored);
    expect(withValue).toBeGreaterThan(expected * active.length - 10);

    // "Not entered yet" has no row at all.
    const staff = await db.measurement.findMany({
      where: { kpi: { code: "CP-STAFF-FRACTION" }, persona: { slug: "expert-power-user" }, period: new Date(`${END_PERIOD}T00:00:00Z`) },
    });
    expect(staff).toEqual([]);
  });

  it("marks the values whose source failed as not available, with the reason and no value", async () => {
    const db = await getDb();
    const rows = await db.measurement.findMany({
      where: { value: null },
      include: { kpi: { select: { code: true } }, persona: { select: { slug: true } } },
      orderBy: { period: "asc" },
    });
    expect(rows.map((r) => [r.kpi.code, r.persona.slug, r.notAvailableReason]).sort()).toEqual(
      [
        ["CP-RETENTION", "price-sensitive-shopper", "Billing export failed; not re-run."],
        ["CP-DB-ALIGNMENT", "smb-owner", "Reconciliation job disabled during the warehouse upgrade."],
        ["BSC-ENGAGEMENT-DEPTH", "price-sensitive-shopper", "Analytics tracking outage."],
        ["BSC-SUPPORT-QUALITY", "enterprise-it-buyer", "Survey tool migration."],
        ["BSC-NPS", "legacy-on-prem-admin", "Too few responses to report."],
      ].sort(),
    );
    for (const r of rows) expect([r.source, r.comment, r.enteredById === null]).toEqual(["SEED", null, false]);
    // Every other row has a value and no reason (the database's CHECK holds them to exactly one).
    expect(await db.measurement.count({ where: { value: { not: null }, notAvailableReason: { not: null } } })).toBe(0);
  });

  it("refuses a measurement with both a value and a reason, or neither (CHECK constraint)", async () => {
    const db = await getDb();
    const row = await db.measurement.findFirstOrThrow({ where: { value: { not: null } }, orderBy: { id: "asc" } });
    // Checked inside the database: over the embedded database's socket a failed statement leaves
    // the connection unusable for the next one, so no statement here may fail on the client.
    const refused = async (assignments: string) => {
      const { pool } = await getDatabase();
      await pool.query(`DO $$ DECLARE broken text; BEGIN
        BEGIN
          UPDATE "Measurement" SET ${assignments} WHERE id = '${row.id}';
          RAISE EXCEPTION 'accepted: ${assignments.replace(/'/g, "''")}';
        EXCEPTION WHEN check_violation THEN
          GET STACKED DIAGNOSTICS broken = CONSTRAINT_NAME;
          IF broken <> 'Measurement_value_xor_not_available' THEN RAISE EXCEPTION 'broke %', broken; END IF;
        END;
      END $$`);
    };
    await refused(`"notAvailableReason" = 'both'`);
    await refused(`value = NULL`);
    await refused(`value = NULL, "notAvailableReason" = '  '`);
    expect((await db.measurement.findUniqueOrThrow({ where: { id: row.id } })).value!.equals(row.value!)).toBe(true);
  });

  it("stops the SUNSET persona's history at its sunset", async () => {
    const db = await getDb();
    const sunset = await db.persona.findUniqueOrThrow({ where: { slug: "legacy-on-prem-admin" } });
    const rows = await db.measurement.findMany({ where: { personaId: sunset.id }, orderBy: { period: "desc" } });
    expect(rows.length).toBeGreaterThan(100);
    expect(rows[0]!.period.getTime()).toBeLessThan(sunset.statusChangedAt!.getTime());
  });

  it("keeps 24 months of monthly values, one per quarter for quarterly KPIs, all from the seed", async () => {
    const db = await getDb();
    const rows = await db.measurement.findMany({ include: { kpi: true } });
    const periods = new Set(rows.map((r) => dateKey(r.period)));
    expect([...periods].sort()[0]).toBe("2024-11-01");
    expect([...periods].sort().at(-1)).toBe(END_PERIOD);
    expect(periods.size).toBe(24);
    for (const r of rows) {
      expect(r.source).toBe("SEED");
      // Entered after the period began and never after the demo's "today".
      expect(r.enteredAt.getTime()).toBeGreaterThan(r.period.getTime());
      expect(r.enteredAt.getTime()).toBeLessThanOrEqual(Date.parse("2026-11-05T09:00:00Z"));
      if (r.kpi.frequency === "QUARTERLY") expect([0, 3, 6, 9], r.kpi.code).toContain(r.period.getUTCMonth());
    }
  });

  it("stores NPS on -100..100 with a comment on every value", async () => {
    const db = await getDb();
    const nps = await db.measurement.findMany({ where: { kpi: { code: "BSC-NPS" }, value: { not: null } } });
    expect(nps.length).toBeGreaterThan(20);
    for (const m of nps) {
      expect(m.value!.toNumber()).toBeGreaterThanOrEqual(-100);
      expect(m.value!.toNumber()).toBeLessThanOrEqual(100);
      expect(Number.isInteger(m.value!.toNumber())).toBe(true);
      expect(m.comment).toMatch(/\d+ responses: \d+% promoters/);
    }
  });
});

describe("demo seed: idempotence", () => {
  it("leaves an identical database (same ids, same values) when run again, and audits each run", async () => {
    const db = await getDb();
    const before = await canonicalDump();
    const summary = await seedDemoData(db, { endPeriod: END_PERIOD });
    expect(summary).toEqual(firstSummary);
    const after = await canonicalDump();
    expect(differences(before, after)).toEqual([]);
    expect(Object.values(after).reduce((n, rows) => n + Object.keys(rows).length, 0)).toBeGreaterThan(2000);

    const audits = await db.auditEvent.findMany({ where: { action: "demo.seed" } });
    expect(audits).toHaveLength(2);
    for (const a of audits) expect([a.actorId, a.actorLabel]).toEqual([null, "demo-seed"]);
  });

  it("resets demo rows that were changed to their demo values, keeping the replaced value as a revision", async () => {
    const db = await getDb();
    const measurement = await db.measurement.findFirstOrThrow({ where: { kpi: { code: "CP-RETENTION" }, value: { not: null } }, orderBy: { id: "asc" } });
    const notAvailable = await db.measurement.findFirstOrThrow({ where: { notAvailableReason: { not: null } }, orderBy: { id: "asc" } });
    const defaultTarget = await db.kpiTarget.findFirstOrThrow({ where: { kpi: { code: "BSC-NPS" }, personaId: null } });
    await db.measurement.update({ where: { id: measurement.id }, data: { value: "1.5", comment: "typo" } });
    await db.measurement.update({ where: { id: notAvailable.id }, data: { value: "42", notAvailableReason: null } });
    await db.persona.update({ where: { slug: "smb-owner" }, data: { name: "Renamed", painPoints: { deleteMany: {} } } });
    await db.user.update({ where: { email: "analyst@demo.test" }, data: { role: "ADMIN", passwordHash: "not-a-hash" } });
    await db.kpiTarget.update({ where: { id: defaultTarget.id }, data: { red: 44 } });
    await db.kpi.update({ where: { code: "BSC-COMMUNITY-ANSWERS" }, data: { status: "ACTIVE" } });

    await seedDemoData(db, { endPeriod: END_PERIOD });

    const reset = await db.measurement.findUniqueOrThrow({ where: { id: measurement.id }, include: { revisions: true } });
    expect(reset.value!.equals(measurement.value!)).toBe(true);
    expect(reset.comment).toBe(measurement.comment);
    expect(reset.version).toBe(measurement.version + 1);
    expect(reset.revisions.map((r) => [r.version, r.value?.toString(), r.comment])).toEqual([[measurement.version, "1.5", "typo"]]);
    // A not-available row that was given a value goes back to not available; the value is kept as a revision.
    const resetNa = await db.measurement.findUniqueOrThrow({ where: { id: notAvailable.id }, include: { revisions: true } });
    expect([resetNa.value, resetNa.notAvailableReason, resetNa.version]).toEqual([null, notAvailable.notAvailableReason, notAvailable.version + 1]);
    expect(resetNa.revisions.map((r) => [r.value?.toString(), r.notAvailableReason])).toEqual([["42", null]]);
    const persona = await db.persona.findUniqueOrThrow({ where: { slug: "smb-owner" }, include: { painPoints: { include: { objectives: true } } } });
    expect([persona.name, persona.painPoints.length, persona.painPoints.filter((p) => p.objectives.length > 0).length]).toEqual(["SMB Owner", 3, 2]);
    const analyst = await db.user.findUniqueOrThrow({ where: { email: "analyst@demo.test" } });
    expect(analyst.role).toBe("ANALYST");
    expect(await verifyPassword(analyst.passwordHash!, "persona-demo")).toBe(true);
    expect((await db.kpiTarget.findUniqueOrThrow({ where: { id: defaultTarget.id } })).red.equals(defaultTarget.red)).toBe(true);
    expect((await db.kpi.findUniqueOrThrow({ where: { code: "BSC-COMMUNITY-ANSWERS" } })).status).toBe("PROPOSED");

    // And a run after the reset changes nothing again.
    const settled = await canonicalDump();
    await seedDemoData(db, { endPeriod: END_PERIOD });
    expect(differences(settled, await canonicalDump())).toEqual([]);
  });
});

describe("demo seed: plan and guard", () => {
  it("plans the same rows every time and moves the 24-month window with endPeriod", () => {
    const a = buildDemoPlan(END_PERIOD);
    expect(JSON.stringify(buildDemoPlan(END_PERIOD))).toBe(JSON.stringify(a));
    const later = buildDemoPlan("2027-01-01");
    const periods = later.measurements.map((m) => m.period).sort();
    expect([periods[0], periods.at(-1)]).toEqual(["2025-02-01", "2027-01-01"]);
    expect(() => buildDemoPlan("2026-10-15")).toThrow();
  });

  it("refuses a production database unless ALLOW_DEMO_SEED is set", () => {
    const production = { NODE_ENV: "production", DATABASE_URL: "postgresql://app:secret@db.internal:5432/scorecard" };
    expect(() => assertDemoSeedAllowed(parseEnv(production))).toThrow(DemoSeedRefusedError);
    expect(() => assertDemoSeedAllowed(parseEnv(production))).toThrow(/ALLOW_DEMO_SEED/);
    expect(() => assertDemoSeedAllowed(parseEnv({ ...production, ALLOW_DEMO_SEED: "true" }))).not.toThrow();
    expect(() => assertDemoSeedAllowed(parseEnv({ NODE_ENV: "production" }))).not.toThrow(); // embedded database
    expect(() => assertDemoSeedAllowed(parseEnv({ NODE_ENV: "development", DATABASE_URL: production.DATABASE_URL }))).not.toThrow();
  });
});

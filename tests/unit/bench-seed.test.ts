import { describe, expect, it } from "vitest";
import { validateThresholds } from "@/lib/scoring";
import { insertSql } from "../bench/seed/insert";
import { expectedCells, GAP_SHARE, measurementBatches } from "../bench/seed/measurements";
import { defaultEndPeriod, parseSeedCommand } from "../bench/seed/options";
import { buildBenchPlan, measurementRandom } from "../bench/seed/plan";
import { describeBench, parseBenchDescription } from "../bench/seed/plan-strategy";

// The benchmark data generator's pure half: the plan and the measurement stream. The writer is
// exercised by `npm run bench:seed` against a real Postgres.

const OPTIONS = { personas: 12, kpis: 120, months: 15, end: "2026-10-01", seed: 7 };

describe("bench seed options", () => {
  it("defaults to 50 x 500 x 60 ending the month before the current one", () => {
    const c = parseSeedCommand([], {}, new Date("2026-11-30T23:00:00Z"));
    expect(c).toMatchObject({ personas: 50, kpis: 500, months: 60, end: "2026-10-01", reset: false, databaseUrl: undefined });
    expect(defaultEndPeriod(new Date("2027-01-05T00:00:00Z"))).toBe("2026-12-01");
  });

  it("reads sizes, the end month, the URL and --reset, and rejects nonsense", () => {
    const c = parseSeedCommand(
      ["--personas", "5", "--kpis=20", "--months", "3", "--end", "2025-03", "--reset", "--database-url", "postgresql://x/y"],
      { DATABASE_URL: "postgresql://env/db" },
      new Date(),
    );
    expect(c).toMatchObject({ personas: 5, kpis: 20, months: 3, end: "2025-03-01", reset: true, databaseUrl: "postgresql://x/y" });
    expect(() => parseSeedCommand(["--months", "0"], {}, new Date())).toThrow(/--months/);
    expect(() => parseSeedCommand(["--end", "2025-13"], {}, new Date())).toThrow();
    expect(() => parseSeedCommand(["--bogus"], {}, new Date())).toThrow(/Unknown argument/);
  });

  it("records what was generated in a description it can read back", () => {
    const d = { personas: 50, kpis: 500, months: 60, end: "2026-10-01", seed: 20240601 };
    expect(parseBenchDescription(describeBench(d))).toEqual(d);
    expect(parseBenchDescription("something else")).toBeNull();
  });
});

describe("bench plan", () => {
  const plan = buildBenchPlan(OPTIONS);

  it("is deterministic", () => {
    expect(JSON.stringify(buildBenchPlan(OPTIONS))).toBe(JSON.stringify(plan));
    expect(JSON.stringify(buildBenchPlan({ ...OPTIONS, seed: 8 }))).not.toBe(JSON.stringify(plan));
  });

  it("has the requested size and the intended mix", () => {
    expect(plan.kpis).toHaveLength(120);
    expect(plan.personas).toHaveLength(12);
    expect(plan.perspectives).toHaveLength(4);
    expect(plan.objectives).toHaveLength(20);
    expect(plan.links.length).toBeGreaterThan(0);
    expect(plan.calendar.months).toHaveLength(15);
    expect(new Set(plan.kpis.map((k) => k.direction))).toEqual(new Set(["HIGHER_IS_BETTER", "LOWER_IS_BETTER", "TARGET_RANGE"]));
    const quarterly = plan.kpis.filter((k) => k.frequency === "QUARTERLY").length;
    expect(quarterly).toBeGreaterThan(0);
    expect(quarterly).toBeLessThan(plan.kpis.length * 0.25);
    expect(plan.personas.map((p) => p.status).filter((s) => s !== "ACTIVE")).toEqual(["SUNSET", "SUNSET", "DRAFT"]);
    // Every persona has an initial weight and one recalibration.
    expect(plan.weights).toHaveLength(24);
  });

  it("gives every KPI a default target from the start, some a change mid-history, and ~20% of pairs an override", () => {
    const defaults = plan.targets.filter((t) => t.personaId === null);
    expect(defaults.filter((t) => t.effectiveFrom === plan.calendar.start)).toHaveLength(plan.kpis.length);
    expect(defaults.filter((t) => t.effectiveFrom === plan.calendar.middle).length).toBeGreaterThan(0);
    const overrides = plan.targets.filter((t) => t.personaId !== null).length;
    const pairs = plan.kpis.length * plan.personas.length;
    expect(overrides / pairs).toBeGreaterThan(0.15);
    expect(overrides / pairs).toBeLessThan(0.25);
    const keys = plan.targets.map((t) => `${t.kpiId}|${t.personaId}|${t.effectiveFrom}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("writes only thresholds lib/scoring accepts", () => {
    const direction = new Map(plan.kpis.map((k) => [k.id, k.direction]));
    for (const t of plan.targets) {
      const check = validateThresholds({ ...t, direction: direction.get(t.kpiId)! });
      expect(check, JSON.stringify(t)).toEqual({ ok: true });
    }
  });
});

describe("bench measurements", () => {
  const plan = buildBenchPlan(OPTIONS);
  const rows = () => {
    const out: Array<{ k: number; p: number; t: number; v: number }> = [];
    for (const b of measurementBatches(measurementRandom(OPTIONS), plan.kpis, plan.personas.length, plan.calendar, 1000)) {
      for (let i = 0; i < b.length; i++) out.push({ k: b.kpi[i]!, p: b.persona[i]!, t: b.period[i]!, v: b.value[i]! });
    }
    return out;
  };
  const all = rows();

  it("covers every KPI x persona x period but ~3%, once each, quarterly KPIs on quarter starts only", () => {
    const cells = expectedCells(plan.kpis, plan.personas.length, plan.calendar);
    expect(all.length).toBeLessThan(cells);
    expect(1 - all.length / cells).toBeCloseTo(GAP_SHARE, 1);
    const keys = new Set(all.map((r) => `${r.k}|${r.p}|${r.t}`));
    expect(keys.size).toBe(all.length);
    const quarterStarts = new Set(plan.calendar.quarters);
    const offQuarter = all.filter((r) => plan.kpis[r.k]!.frequency === "QUARTERLY" && !quarterStarts.has(plan.calendar.months[r.t]!));
    expect(offQuarter).toEqual([]);
  });

  it("is deterministic and stays within each unit's range", () => {
    expect(JSON.stringify(rows())).toBe(JSON.stringify(all));
    const outside = all.filter((r) => {
      const kpi = plan.kpis[r.k]!;
      const max = kpi.scaleMax ?? (kpi.unit === "PERCENT" ? 100 : Number.POSITIVE_INFINITY);
      return !Number.isFinite(r.v) || r.v < (kpi.scaleMin ?? 0) || r.v > max;
    });
    expect(outside).toEqual([]);
  });
});

describe("unnest insert", () => {
  it("passes one array parameter per column and casts enums in the SELECT", () => {
    const sql = insertSql<{ id: string; role: string }>("User", [
      { name: "id", type: "text", value: (r) => r.id },
      { name: "role", type: "text", cast: '"Role"', value: (r) => r.role },
      { name: "updatedAt", sql: "now()" },
    ]);
    expect(sql).toBe(
      'INSERT INTO "User" ("id", "role", "updatedAt") SELECT u.c1, u.c2::"Role", now() FROM unnest($1::text[], $2::text[]) AS u(c1, c2)',
    );
  });
});

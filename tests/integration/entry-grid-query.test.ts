import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { saveMeasurement } from "@/lib/commands/measurements/save-measurement";
import { getDb } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { entryMonthFrom, getEntryGrid, timelinessOf } from "@/lib/queries/entry-grid";
import { actorOf, makeKpi, makePersona, makeUser } from "./commands/fixtures";

// The entry grid's read model: whose KPIs, which personas, the value and thresholds in force per
// cell, the previous period, due/overdue, and the quarter of a quarterly KPI.

const NOW = new Date("2026-11-20T12:00:00Z");
let owner: Actor;
let admin: Actor;
let kpiIds: { monthly: string; quarterly: string; others: string };
let personas: { a: string; b: string };
let otherOwnerId: string;

beforeAll(async () => {
  owner = actorOf(await makeUser({ role: "KPI_OWNER", name: "Grid Owner" }));
  admin = actorOf(await makeUser({ role: "ADMIN" }));
  const other = await makeUser({ role: "KPI_OWNER", name: "Other Owner" });
  otherOwnerId = other.id;
  const monthly = await makeKpi({ ownerId: owner.id });
  const quarterly = await makeKpi({ ownerId: owner.id, frequency: "QUARTERLY" });
  const others = await makeKpi({ ownerId: other.id });
  await makeKpi({ ownerId: owner.id, status: "RETIRED" });
  kpiIds = { monthly: monthly.id, quarterly: quarterly.id, others: others.id };
  const a = await makePersona();
  const b = await makePersona();
  await makePersona("DRAFT");
  personas = { a: a.id, b: b.id };
  const db = await getDb();
  await db.kpiTarget.create({ data: { kpiId: monthly.id, personaId: b.id, effectiveFrom: new Date("2026-01-01T00:00:00Z"), target: 70, green: 60, red: 40 } });
  await db.measurement.createMany({
    data: [
      { kpiId: monthly.id, personaId: a.id, period: new Date("2026-10-01T00:00:00Z"), value: "88", enteredById: owner.id },
      { kpiId: monthly.id, personaId: a.id, period: new Date("2026-09-01T00:00:00Z"), value: null, notAvailableReason: "Export failed" },
      { kpiId: quarterly.id, personaId: a.id, period: new Date("2026-07-01T00:00:00Z"), value: "91" },
    ],
  });
});

describe("entry grid read model", () => {
  it("shows the owner's ACTIVE KPIs x the ACTIVE personas, with values, thresholds in force and the previous period", async () => {
    const grid = await getEntryGrid(owner, { month: "2026-10-01", now: NOW });
    expect(grid.owners).toBeNull();
    expect(grid.owner).toEqual({ id: owner.id, name: "Grid Owner" });
    expect(grid.kpis.map((k) => k.id).sort()).toEqual([kpiIds.monthly, kpiIds.quarterly].sort());
    expect(grid.personas.map((p) => p.id)).toEqual(expect.arrayContaining([personas.a, personas.b]));

    const a = grid.cells[`${kpiIds.monthly}|${personas.a}`]!;
    expect(a.saved).toMatchObject({ value: "88", notAvailableReason: null, version: 1, enteredBy: "Grid Owner" });
    expect(a.previous).toEqual({ value: null, notAvailableReason: "Export failed" });
    expect(a.thresholds).toMatchObject({ target: 90, green: 80, red: 60, own: false });
    const b = grid.cells[`${kpiIds.monthly}|${personas.b}`]!;
    expect(b.saved).toBeNull();
    expect(b.thresholds).toMatchObject({ target: 70, green: 60, red: 40, own: true });

    // The quarterly KPI takes its value on the quarter that holds October: Q4, previous Q3.
    const quarterly = grid.kpis.find((k) => k.id === kpiIds.quarterly)!;
    expect([quarterly.period, quarterly.previousPeriod, quarterly.timeliness]).toEqual(["2026-10-01", "2026-07-01", "open"]);
    expect(grid.cells[`${kpiIds.quarterly}|${personas.a}`]!.previous).toEqual({ value: "91", notAvailableReason: null });
    expect(grid.kpis.find((k) => k.id === kpiIds.monthly)!.timeliness).toBe("overdue"); // October ended 19 days before NOW
  });

  it("shows a value saved through the command, and lets an admin pick another owner", async () => {
    const result = await saveMeasurement(owner, { kpiId: kpiIds.monthly, personaId: personas.b, period: "2026-10-01", value: "65" });
    expect(result.ok).toBe(true);
    const adminView = await getEntryGrid(admin, { month: "2026-10-01", ownerId: owner.id, now: NOW });
    expect(adminView.owners?.map((o) => o.name)).toEqual(expect.arrayContaining(["Grid Owner", "Other Owner"]));
    expect(adminView.owner.id).toBe(owner.id);
    expect(adminView.cells[`${kpiIds.monthly}|${personas.b}`]!.saved).toMatchObject({ value: "65" });

    const others = await getEntryGrid(admin, { month: "2026-10-01", ownerId: otherOwnerId, now: NOW });
    expect(others.kpis.map((k) => k.id)).toEqual([kpiIds.others]);
    // An owner cannot look at someone else's grid: the owner parameter is ignored.
    const ignored = await getEntryGrid(owner, { month: "2026-10-01", ownerId: others.owner.id, now: NOW });
    expect(ignored.owner.id).toBe(owner.id);
  });

  it("refuses analysts and executives", async () => {
    for (const role of ["ANALYST", "EXECUTIVE"] as const) {
      await expect(getEntryGrid(actorOf(await makeUser({ role })), { month: "2026-10-01", now: NOW })).rejects.toThrow(ForbiddenError);
    }
  });

  it("due when the period has ended, overdue 10 days later; the month parameter never goes past the current month", () => {
    expect(timelinessOf("2026-11-01", "MONTHLY", NOW)).toBe("open");
    expect(timelinessOf("2026-10-01", "MONTHLY", new Date("2026-11-10T23:59:59Z"))).toBe("due");
    expect(timelinessOf("2026-10-01", "MONTHLY", new Date("2026-11-11T00:00:00Z"))).toBe("overdue");
    expect(timelinessOf("2026-07-01", "QUARTERLY", NOW)).toBe("overdue");
    expect(entryMonthFrom("2026-09", NOW)).toEqual({ month: "2026-09-01", clamped: false });
    expect(entryMonthFrom("2027-02", NOW)).toEqual({ month: "2026-11-01", clamped: true });
    expect(entryMonthFrom("junk", NOW)).toEqual({ month: "2026-10-01", clamped: false });
    expect(entryMonthFrom(undefined, NOW)).toEqual({ month: "2026-10-01", clamped: false });
  });
});

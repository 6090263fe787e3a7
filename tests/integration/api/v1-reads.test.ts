import { beforeAll, describe, expect, it } from "vitest";
import { GET as getKpis } from "@/app/api/v1/kpis/route";
import { GET as getMeasurements } from "@/app/api/v1/measurements/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { kpiListSchema, measurementPageSchema } from "@/lib/api/schemas";
import { getDb } from "@/lib/db";
import { monthStart } from "@/lib/scoring/periods";
import { makeKpi, makePersona, makeTarget, measure } from "../../helpers/factories";
import { acrossDays, expectedFor } from "../../helpers/clock";
import { apiRequest, expectProblem, tokenFor } from "./helpers";

// GET /api/v1/kpis and GET /api/v1/measurements, called as route handlers with real tokens.

let token = "";
let ownerName = "";
const kpis = (query = "", bearer: string | null = token) => getKpis(apiRequest(`/kpis${query}`, bearer), {});
const values = (query = "", bearer: string | null = token) => getMeasurements(apiRequest(`/measurements${query}`, bearer), {});

beforeAll(async () => {
  token = (await tokenFor("EXECUTIVE")).secret;
  const db = await getDb();
  const owner = await db.user.create({ data: { email: "kpi-owner@example.test", name: "Olga Owner", role: "KPI_OWNER" } });
  ownerName = owner.name;
  const dept = await db.department.create({ data: { name: "Reads Dept" } });
  const anna = await makePersona("r-anna", "Anna", "ACTIVE", 1);
  const ben = await makePersona("r-ben", "Ben", "ACTIVE", 2);
  const dora = await makePersona("r-dora", "Dora", "DRAFT", 3);
  const card = await db.scorecard.create({ data: { slug: "reads-card", name: "Reads" } });
  const other = await db.scorecard.create({ data: { slug: "reads-other", name: "Other" } });
  const p = await db.perspective.create({ data: { scorecardId: card.id, name: "Customer", order: 1 } });
  const q = await db.perspective.create({ data: { scorecardId: other.id, name: "Financial", order: 1 } });
  const rev = await makeKpi("R-REV", p.id, { direction: "HIGHER_IS_BETTER", weight: 2 });
  await db.kpi.update({ where: { id: rev.id }, data: { ownerId: owner.id, departmentId: dept.id, sourceSystem: "Billing", description: "Revenue" } });
  await makeTarget(rev.id, "2025-01-01", { red: 50, green: 80, target: 100 });
  await makeTarget(rev.id, "2025-06-01", { red: 55.5, green: 85, target: 110 });
  await makeTarget(rev.id, "2025-03-01", { red: 10, green: 20, target: 30 }, anna.id);
  const qtr = await makeKpi("R-QTR", p.id, { direction: "LOWER_IS_BETTER", weight: 1, frequency: "QUARTERLY" });
  await makeTarget(qtr.id, "2025-04-01", { red: 9, green: 3, target: 1 });
  await makeKpi("R-PROP", p.id, { direction: "HIGHER_IS_BETTER", weight: 1, status: "PROPOSED" });
  await makeKpi("R-OTHER", q.id, { direction: "HIGHER_IS_BETTER", weight: 1 });

  // 2 KPIs x 2 personas x 6 months = 24 values, one of them not available; one of a draft persona.
  for (const kpi of [rev, qtr]) {
    for (const persona of [anna, ben]) {
      for (const month of ["2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01", "2025-05-01", "2025-06-01"]) {
        if (kpi === qtr && !["2025-01-01", "2025-04-01"].includes(month)) continue;
        await measure(kpi.id, persona.id, month, month === "2025-02-01" ? 12.5 : 7);
      }
    }
  }
  await db.measurement.updateMany({
    where: { kpiId: rev.id, personaId: ben.id, period: new Date("2025-03-01T00:00:00Z") },
    data: { value: null, notAvailableReason: "Billing export failed", comment: "Source down", version: 2, enteredById: owner.id },
  });
  await measure(rev.id, dora.id, "2025-01-01", 1);
});

describe("GET /api/v1/kpis", () => {
  it("lists ACTIVE KPIs with definition, owner, department and the thresholds in force per persona", async () => {
    const response = await kpis("?period=2025-04&scorecard=reads-card");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(kpiListSchema.safeParse(body).error).toBeUndefined();
    expect(body.period).toBe("2025-04-01");
    expect(body.kpis.map((k: { code: string }) => k.code)).toEqual(["R-QTR", "R-REV"]);
    const rev = body.kpis.find((k: { code: string }) => k.code === "R-REV");
    expect(rev).toMatchObject({
      name: "KPI R-REV",
      description: "Revenue",
      scorecard: { slug: "reads-card", name: "Reads" },
      perspective: "Customer",
      unit: "COUNT",
      direction: "HIGHER_IS_BETTER",
      frequency: "MONTHLY",
      weight: "2",
      owner: { name: ownerName, email: "kpi-owner@example.test" },
      department: { name: "Reads Dept" },
      lineage: { sourceSystem: "Billing", transformation: null },
      period: "2025-04-01",
      defaultThresholds: { effectiveFrom: "2025-01-01", target: "100", green: "80", red: "50", greenHigh: null, redHigh: null },
    });
    expect(rev.thresholds).toEqual([
      { persona: "r-anna", thresholds: { source: "PERSONA", effectiveFrom: "2025-03-01", target: "30", green: "20", red: "10", greenHigh: null, redHigh: null } },
      { persona: "r-ben", thresholds: { source: "DEFAULT", effectiveFrom: "2025-01-01", target: "100", green: "80", red: "50", greenHigh: null, redHigh: null } },
    ]);
  });

  it("takes the row in force in the month asked for, and a quarterly KPI's quarter", async () => {
    const body = await (await kpis("?period=2025-08&persona=r-ben")).json();
    const rev = body.kpis.find((k: { code: string }) => k.code === "R-REV");
    expect(rev.thresholds).toEqual([{ persona: "r-ben", thresholds: expect.objectContaining({ effectiveFrom: "2025-06-01", red: "55.5", target: "110" }) }]);
    const qtr = body.kpis.find((k: { code: string }) => k.code === "R-QTR");
    expect(qtr.period).toBe("2025-07-01");
    const early = (await (await kpis("?period=2025-02&persona=r-ben")).json()).kpis.find((k: { code: string }) => k.code === "R-QTR");
    expect(early.thresholds).toEqual([{ persona: "r-ben", thresholds: null }]);
  });

  it("defaults to the current month, lists every scorecard and never a proposed KPI or a draft persona", async () => {
    // The route's current month is its own clock's: either month, should the call straddle the turn of one.
    const { result: body, days } = await acrossDays(async () => (await kpis()).json());
    expect(expectedFor(days, monthStart)).toContain(body.period);
    const codes = body.kpis.map((k: { code: string }) => k.code);
    expect(codes).toEqual(expect.arrayContaining(["R-REV", "R-QTR", "R-OTHER"]));
    expect(codes).not.toContain("R-PROP");
    for (const k of body.kpis) expect(k.thresholds.map((t: { persona: string }) => t.persona)).not.toContain("r-dora");
  });

  it("answers 400 naming each bad parameter, 404 for an unknown scorecard or persona, 401 without a token", async () => {
    const bad = await expectProblem(await kpis("?period=2025-13&persona=a%20b&colour=red"), 400, "INVALID");
    expect(Object.keys(bad.errors).sort()).toEqual(["colour", "period", "persona"]);
    expect((await expectProblem(await kpis("?period=2025-01&period=2025-02"), 400, "INVALID")).errors.period).toEqual(["Send period once."]);
    expect((await expectProblem(await kpis("?scorecard=nope"), 404, "NOT_FOUND")).errors).toHaveProperty("scorecard");
    expect((await expectProblem(await kpis("?persona=r-dora"), 404, "NOT_FOUND")).errors).toHaveProperty("persona");
    await expectProblem(await kpis("", null), 401, "UNAUTHENTICATED");
  });
});

describe("GET /api/v1/measurements", () => {
  it("pages through every value once, in a stable order, with a cursor", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await values(`?limit=5${cursor ? `&cursor=${cursor}` : ""}`);
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(measurementPageSchema.safeParse(body).error).toBeUndefined();
      expect(body.measurements.length).toBeLessThanOrEqual(5);
      for (const m of body.measurements) seen.push(`${m.kpi}|${m.persona}|${m.period}`);
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(seen).toHaveLength(16);
    expect(new Set(seen).size).toBe(16);
    expect(seen.some((s) => s.includes("r-dora"))).toBe(false);
    expect(pages).toBe(4);
    const all = (await (await values("?limit=1000")).json()).measurements.map((m: { kpi: string; persona: string; period: string }) => `${m.kpi}|${m.persona}|${m.period}`);
    expect(all).toEqual(seen);
  });

  it("filters by KPI, persona and period range, and carries version, reason, comment, updatedAt and updatedBy", async () => {
    const body = await (await values("?kpi=R-REV&persona=r-ben&from=2025-02&to=2025-03")).json();
    expect(body.nextCursor).toBeNull();
    expect(body.measurements).toEqual([
      expect.objectContaining({ kpi: "R-REV", persona: "r-ben", period: "2025-02-01", value: "12.5", notAvailableReason: null, version: 1, updatedBy: null }),
      {
        kpi: "R-REV",
        persona: "r-ben",
        period: "2025-03-01",
        value: null,
        notAvailableReason: "Billing export failed",
        comment: "Source down",
        source: "MANUAL",
        version: 2,
        updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        updatedBy: { name: ownerName, email: "kpi-owner@example.test" },
      },
    ]);
    const quarterly = (await (await values("?kpi=R-QTR&from=2025-02&to=2025-06")).json()).measurements;
    expect(quarterly.map((m: { period: string }) => m.period)).toEqual(["2025-04-01", "2025-04-01"]);
  });

  it("answers 400 naming the parameter for a bad limit, range or cursor; 404 for an unknown KPI or persona", async () => {
    for (const [query, param] of [
      ["?limit=0", "limit"],
      ["?limit=1001", "limit"],
      ["?limit=ten", "limit"],
      ["?from=2025-06&to=2025-01", "to"],
      ["?from=June", "from"],
      ["?cursor=not-a-cursor", "cursor"],
      [`?cursor=${Buffer.from(JSON.stringify(["a", "b", "2025-13-01"])).toString("base64url")}`, "cursor"],
      ["?cursor=%00", "cursor"],
    ] as const) {
      const body = await expectProblem(await values(query), 400, "INVALID");
      expect(Object.keys(body.errors), query).toEqual([param]);
    }
    expect((await expectProblem(await values("?kpi=NOPE"), 404, "NOT_FOUND")).errors).toHaveProperty("kpi");
    expect((await expectProblem(await values("?persona=r-dora"), 404, "NOT_FOUND")).errors).toHaveProperty("persona");
    await expectProblem(await values("", "psk_nope"), 401, "UNAUTHENTICATED");
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("serves the OpenAPI 3.1 document without a token", async () => {
    const response = await getOpenApi();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const doc = await response.json();
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/kpis", "/measurements", "/scorecards", "/personas"]));
  });
});

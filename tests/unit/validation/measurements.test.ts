import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allowedValuesText,
  commentRequiredProblem,
  measurementRuleProblems,
  parseDecimal,
  saveMeasurementSchema,
  valueBoundsProblem,
  type MeasurementKpiRules,
  type MeasurementPersonaRules,
} from "@/lib/validation/measurements";
import { fieldErrorsFrom } from "@/lib/validation/common";

// The shape of a saved value and the rules that depend on the KPI, without a database.

const kpi = (over: Partial<MeasurementKpiRules> = {}): MeasurementKpiRules => ({
  code: "CP-RETENTION",
  name: "Customer retention ratio",
  status: "ACTIVE",
  unit: "PERCENT",
  measureType: "QUANTITATIVE",
  scaleMin: null,
  scaleMax: null,
  frequency: "MONTHLY",
  ...over,
});
const persona: MeasurementPersonaRules = { name: "SMB Owner", status: "ACTIVE" };
const TODAY = "2026-11-30";

function parse(input: Record<string, unknown>) {
  const result = saveMeasurementSchema.safeParse({ kpiCode: "CP-RETENTION", personaSlug: "smb-owner", period: "2026-10-01", value: "87.4", ...input });
  return result.success ? { ok: true as const, data: result.data } : { ok: false as const, errors: fieldErrorsFrom(result.error) };
}

describe("parseDecimal", () => {
  it.each([
    ["87.4", "87.4"],
    [" 87.40 ", "87.4"],
    ["-3", "-3"],
    ["+5", "5"],
    [".5", "0.5"],
    ["5.", "5"],
    ["1.2E+05", "120000"],
    ["-0", "0"],
    ["0.000001", "0.000001"],
    [12.5, "12.5"],
    [1e-6, "0.000001"],
    ["99999999999999.999999", "99999999999999.999999"],
    ["-0.000", "0"],
    ["007.50", "7.5"],
    ["-00012.300", "-12.3"],
    ["000000000000000001", "1"],
  ])("%j -> %s", (input, expected) => {
    expect(parseDecimal(input)).toEqual({ ok: true, value: expected });
  });

  it.each([["abc"], ["1,5"], ["1 000"], ["12%"], ["NaN"], ["Infinity"], [""], ["0x10"], [Number.NaN], [Number.POSITIVE_INFINITY], [null], [true], [{}], ["0.0000001"], ["100000000000000"], ["1e9999"]])(
    "refuses %j with a message that says what is allowed",
    (input) => {
      const result = parseDecimal(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/^Value /);
    },
  );

  it("keeps every finite double with at most 6 decimals exactly (round trip through its string)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -99_999_999_999, max: 99_999_999_999 }), fc.integer({ min: 0, max: 6 }), (units, decimals) => {
        const text = (units / 10 ** decimals).toFixed(decimals);
        const parsed = parseDecimal(text);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(Number(parsed.value)).toBe(Number(text));
      }),
    );
  });
});

describe("parseDecimal's plain-text path", () => {
  // Plain decimals ("-0012.500") are written canonically without a Decimal (an import judges
  // 100,000 of them); the result must be what Decimal writes for the same text.
  const reference = (text: string) => {
    const d = new Decimal(text);
    return d.isZero() ? "0" : d.toFixed();
  };
  it("writes what Decimal writes, for any sign, leading zeros and trailing zeros", () => {
    const digits = (max: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: max });
    fc.assert(
      fc.property(fc.boolean(), digits(14), fc.option(fc.string({ unit: fc.constantFrom(..."0123456789"), maxLength: 6 })), (negative, integer, fraction) => {
        const text = `${negative ? "-" : ""}${integer}${fraction === null ? "" : `.${fraction}`}`;
        expect(parseDecimal(text)).toEqual({ ok: true, value: reference(text) });
      }),
      { numRuns: 2000 },
    );
  });
});

describe("saveMeasurementSchema", () => {
  it("accepts a value as text or number and keeps it as an exact decimal string", () => {
    expect(parse({ value: 87.4 })).toMatchObject({ ok: true, data: { value: "87.4", notAvailableReason: null, comment: null, reason: null, source: "MANUAL" } });
    expect(parse({ value: "0012.500" })).toMatchObject({ ok: true, data: { value: "12.5" } });
  });

  it("accepts 'YYYY-MM' as the first day of that month, and a version sent as text", () => {
    expect(parse({ period: "2026-10", version: "3" })).toMatchObject({ ok: true, data: { period: "2026-10-01", version: 3 } });
  });

  it("names the field of a period that is not the first day of a month", () => {
    for (const period of ["2026-10-15", "2026-13-01", "10/2026", "", 20261001]) {
      const result = parse({ period });
      expect(result.ok, String(period)).toBe(false);
      if (!result.ok) expect(result.errors.period?.[0]).toMatch(/first day of a month|Period/);
    }
  });

  it("needs exactly one of value and notAvailableReason", () => {
    expect(parse({ value: undefined })).toMatchObject({ ok: false, errors: { value: ["Enter a value, or mark it not available and say why."] } });
    expect(parse({ value: "" })).toMatchObject({ ok: false, errors: { value: [expect.stringContaining("not available")] } });
    expect(parse({ notAvailableReason: "Export failed" })).toMatchObject({ ok: false, errors: { notAvailableReason: [expect.stringContaining("not both")] } });
    expect(parse({ value: undefined, notAvailableReason: "Export failed" })).toMatchObject({ ok: true, data: { notAvailableReason: "Export failed" } });
    expect(parse({ value: undefined, notAvailableReason: "   " })).toMatchObject({ ok: false, errors: { value: [expect.any(String)] } });
  });

  it("needs exactly one reference to the KPI and one to the persona", () => {
    expect(parse({ kpiCode: undefined })).toMatchObject({ ok: false, errors: { kpiCode: [expect.stringContaining("Name the KPI")] } });
    expect(parse({ kpiId: "abc123" })).toMatchObject({ ok: false, errors: { kpiCode: [expect.stringContaining("not both")] } });
    expect(parse({ personaSlug: undefined, personaId: "p1" })).toMatchObject({ ok: true, data: { personaId: "p1" } });
    expect(parse({ personaSlug: undefined })).toMatchObject({ ok: false, errors: { personaSlug: [expect.stringContaining("Name the persona")] } });
  });

  it("refuses a bad number, a negative version and an unknown source, naming each field", () => {
    const result = parse({ value: "12,5", version: -1, source: "SEED" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(["source", "value", "version"]);
  });

  it("limits comments and reasons", () => {
    expect(parse({ comment: "x".repeat(2001) })).toMatchObject({ ok: false, errors: { comment: ["Comment can be at most 2000 characters."] } });
    expect(parse({ reason: "x".repeat(501) })).toMatchObject({ ok: false, errors: { reason: ["Reason for the change can be at most 500 characters."] } });
  });

  it("never throws, whatever it is given", () => {
    fc.assert(fc.property(fc.anything(), (input) => void saveMeasurementSchema.safeParse(input)));
  });
});

describe("rules that need the KPI", () => {
  const problems = (value: string | undefined, over: Partial<MeasurementKpiRules> = {}, period = "2026-10-01", who = persona) =>
    measurementRuleProblems({ value, period }, kpi(over), who, TODAY);

  it("PERCENT takes 0..100", () => {
    expect(problems("0")).toEqual({});
    expect(problems("100")).toEqual({});
    expect(problems("100.000001").value).toEqual(["Customer retention ratio takes a percentage from 0 to 100; 100.000001 is not allowed."]);
    expect(problems("-0.5").value).toHaveLength(1);
  });

  it("RATIO and DURATION take 0 or more; COUNT takes whole numbers of 0 or more", () => {
    expect(problems("1234.5", { unit: "RATIO" })).toEqual({});
    expect(problems("-1", { unit: "RATIO" }).value?.[0]).toContain("a ratio of 0 or more");
    expect(problems("-1", { unit: "DURATION", durationUnit: "days" }).value?.[0]).toContain("a duration of 0 or more (days)");
    expect(problems("12", { unit: "COUNT" })).toEqual({});
    expect(problems("12.5", { unit: "COUNT" }).value?.[0]).toContain("a whole number of 0 or more");
    expect(problems("-2", { unit: "COUNT" }).value).toHaveLength(1);
  });

  it("CURRENCY and a quantitative SCORE may be negative", () => {
    expect(problems("-1500", { unit: "CURRENCY", currencyCode: "EUR" })).toEqual({});
    expect(problems("-3", { unit: "SCORE" })).toEqual({});
  });

  it("a QUALITATIVE KPI takes a score inside its scale", () => {
    const nps = { unit: "SCORE" as const, measureType: "QUALITATIVE" as const, scaleMin: "-100", scaleMax: "100", name: "Net Promoter Score" };
    expect(problems("-100", nps)).toEqual({});
    expect(problems("100", nps)).toEqual({});
    expect(problems("101", nps).value).toEqual(["Net Promoter Score takes a score from -100 to 100; 101 is not allowed."]);
    expect(allowedValuesText(kpi(nps))).toBe("a score from -100 to 100");
  });

  it("a quarterly KPI takes the first day of a quarter", () => {
    expect(problems("50", { frequency: "QUARTERLY" }, "2026-07-01")).toEqual({});
    expect(problems("50", { frequency: "QUARTERLY" }, "2026-08-01").period?.[0]).toContain("first day of a quarter");
  });

  it("refuses a period after the current one (the month, or quarter, that holds today)", () => {
    expect(problems("50", {}, "2026-11-01")).toEqual({});
    expect(problems("50", {}, "2026-12-01").period).toEqual(["December 2026 has not started yet: values can be entered up to November 2026."]);
    expect(problems("50", { frequency: "QUARTERLY" }, "2026-10-01")).toEqual({});
    expect(problems("50", { frequency: "QUARTERLY" }, "2027-01-01").period).toEqual(["Q1 2027 has not started yet: values can be entered up to Q4 2026."]);
  });

  it("needs an ACTIVE KPI and an ACTIVE persona, naming the field that chose them", () => {
    expect(problems("50", { status: "PROPOSED" }).kpiCode?.[0]).toContain("only for ACTIVE KPIs");
    expect(problems("50", { status: "RETIRED" }).kpiCode?.[0]).toContain("retired");
    expect(problems("50", {}, "2026-10-01", { name: "Legacy", status: "SUNSET" }).personaSlug?.[0]).toContain("only for ACTIVE personas");
    const byId = measurementRuleProblems({ value: "50", period: "2026-10-01" }, kpi({ status: "RETIRED" }), { name: "Draft", status: "DRAFT" }, TODAY, { kpi: "kpiId", persona: "personaId" });
    expect(Object.keys(byId).sort()).toEqual(["kpiId", "personaId"]);
  });

  it("a value that is not available has no bounds to check", () => {
    expect(problems(undefined, { unit: "COUNT" })).toEqual({});
  });

  it("valueBoundsProblem agrees with parseDecimal's exact strings", () => {
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), (n) => {
        const parsed = parseDecimal(n.toFixed(6));
        if (!parsed.ok) return;
        const problem = valueBoundsProblem(kpi(), parsed.value);
        expect(problem === null).toBe(Number(parsed.value) >= 0 && Number(parsed.value) <= 100);
      }),
    );
  });
});

describe("when a comment is required", () => {
  const quantitative = { name: "Retention", measureType: "QUANTITATIVE" as const };
  it("for a RED value, and for any value of a qualitative KPI; never for a value that is not available", () => {
    expect(commentRequiredProblem(quantitative, "RED", true, null)).toContain("off track (red)");
    expect(commentRequiredProblem(quantitative, "RED", true, "  ")).toContain("off track (red)");
    expect(commentRequiredProblem(quantitative, "RED", true, "Billing outage; fixed.")).toBeNull();
    expect(commentRequiredProblem(quantitative, "AMBER", true, null)).toBeNull();
    expect(commentRequiredProblem(quantitative, "NO_DATA", true, null)).toBeNull();
    expect(commentRequiredProblem({ name: "NPS", measureType: "QUALITATIVE" }, "GREEN", true, null)).toContain("qualitative");
    expect(commentRequiredProblem({ name: "NPS", measureType: "QUALITATIVE" }, "RED", false, null)).toBeNull();
  });
});

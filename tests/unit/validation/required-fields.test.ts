import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { fieldErrorsFrom, idSchema } from "@/lib/validation/common";
import { kpiCodeSchema } from "@/lib/validation/kpis";
import { mergePersonasSchema, mergePreviewSchema, reclassifyMeasurementsSchema, reclassifyPreviewSchema } from "@/lib/validation/persona-merge";
import { effectiveMonthSchema, personaSlugSchema, recalibrateWeightsSchema } from "@/lib/validation/personas";
import { effectivePeriodSchema } from "@/lib/validation/targets";

// A field left blank gets one message, "<field> is required.", not that plus the format check
// after it ("<field> is not valid.", "Enter … as YYYY-MM."): the merge and move forms once showed
// both under the persona they were waiting for.

function errorsOf(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  return fieldErrorsFrom(result.error!);
}

describe("a blank required field", () => {
  it("gets only “is required” from an id, whether blank or spaces", () => {
    for (const blank of ["", "   "]) {
      expect(errorsOf(idSchema("Persona"), blank)).toEqual({ "": ["Persona is required."] });
    }
    // A sent id in the wrong shape is still "not valid".
    expect(errorsOf(idSchema("Persona"), "no spaces!")).toEqual({ "": ["Persona is not valid."] });
  });

  it("gets one message naming the persona to merge into, in the preview and the merge", () => {
    expect(errorsOf(mergePreviewSchema, { personaId: "persona-a", targetPersonaId: "" }).targetPersonaId).toEqual(["Persona to merge into is required."]);
    const merge = errorsOf(mergePersonasSchema, {
      personaId: "persona-a",
      version: "1",
      targetPersonaId: "",
      targetVersion: "1",
      rule: "KEEP_TARGET",
      rationale: "The two segments behave the same.",
    });
    expect(merge).toEqual({ targetPersonaId: ["Persona to merge into is required."] });
  });

  it("gets one message naming the persona the values move to, in the preview and the move", () => {
    const fields = { personaId: "persona-a", targetPersonaId: "", kpiIds: ["kpi-1"], fromPeriod: "2026-01", toPeriod: "2026-03" };
    expect(errorsOf(reclassifyPreviewSchema, fields)).toEqual({ targetPersonaId: ["Persona the values belong to is required."] });
    expect(errorsOf(reclassifyMeasurementsSchema, { ...fields, reason: "CRM tagged these accounts wrongly." })).toEqual({
      targetPersonaId: ["Persona the values belong to is required."],
    });
  });

  it("does not also get the “not this persona” check when both personas are blank", () => {
    expect(errorsOf(mergePreviewSchema, { personaId: "", targetPersonaId: "" })).toEqual({
      personaId: ["Persona to merge is required."],
      targetPersonaId: ["Persona to merge into is required."],
    });
  });

  it("gets one message from months, slugs and codes with a format check", () => {
    expect(errorsOf(reclassifyPreviewSchema, { personaId: "a", targetPersonaId: "b", kpiIds: ["k"], fromPeriod: "", toPeriod: " " })).toEqual({
      fromPeriod: ["First month is required."],
      toPeriod: ["Last month is required."],
    });
    expect(errorsOf(recalibrateWeightsSchema, { scorecardId: "sc", effectiveFrom: "", weights: { p1: "1" }, reason: "Q1 recalibration." })).toEqual({
      effectiveFrom: ["Effective month is required."],
    });
    expect(errorsOf(effectiveMonthSchema, "")).toEqual({ "": ["Effective month is required."] });
    expect(errorsOf(effectivePeriodSchema, "")).toEqual({ "": ["Effective period is required."] });
    expect(errorsOf(personaSlugSchema, "")).toEqual({ "": ["Slug is required."] });
    expect(errorsOf(kpiCodeSchema, "")).toEqual({ "": ["Code is required."] });
    // A filled field in the wrong format still says how to write it.
    expect(errorsOf(effectiveMonthSchema, "March")).toEqual({ "": ["Enter a month as YYYY-MM."] });
  });
});

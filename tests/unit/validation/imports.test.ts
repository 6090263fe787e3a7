import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  bulkMeasurementsRequestSchema,
  bulkMeasurementsResponseSchema,
  bulkProblemSchema,
  importUploadQuerySchema,
  MAX_BULK_ITEMS,
  measurementExportFilterSchema,
} from "@/lib/validation/imports";

// The bulk API's shapes are zod schemas so the OpenAPI document can be generated from them.

describe("bulk API schemas", () => {
  it("convert to JSON Schema (for the OpenAPI document)", () => {
    for (const schema of [bulkMeasurementsRequestSchema, bulkMeasurementsResponseSchema, bulkProblemSchema, importUploadQuerySchema]) {
      expect(() => z.toJSONSchema(schema, { io: "input" })).not.toThrow();
    }
    const request = z.toJSONSchema(bulkMeasurementsRequestSchema) as unknown as { properties: { items: { maxItems: number } } };
    expect(request.properties.items.maxItems).toBe(MAX_BULK_ITEMS);
  });

  it("accept a request of the documented shape", () => {
    expect(bulkMeasurementsRequestSchema.safeParse({ items: [{ kpi_code: "BSC-NPS", persona_slug: "smb-owner", period: "2026-10", value: 41, version: 3 }] }).success).toBe(true);
  });
});

describe("export filters", () => {
  it("take YYYY-MM months and refuse a range that ends before it starts", () => {
    expect(measurementExportFilterSchema.parse({ kpi: "BSC-NPS", from: "2026-01", to: "2026-03-01" })).toEqual({ kpi: "BSC-NPS", from: "2026-01-01", to: "2026-03-01" });
    expect(measurementExportFilterSchema.safeParse({ from: "2026-13" }).success).toBe(false);
    expect(measurementExportFilterSchema.safeParse({ from: "2026-05", to: "2026-04" }).success).toBe(false);
  });
});

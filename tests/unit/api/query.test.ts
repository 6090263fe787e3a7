import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "@/lib/api/cursor";
import { parseQuery } from "@/lib/api/query";
import { AppError } from "@/lib/errors";
import { kpisQuerySchema, measurementsQuerySchema, monthParamSchema } from "@/lib/validation/api";

// Query strings of the REST API: parsed by the endpoint's zod schema, refused with field errors
// that name each parameter; cursors round-trip and refuse anything else.

const request = (query: string) => new Request(`http://localhost/api/v1/x${query}`);

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("monthParamSchema", () => {
  it.each([
    ["2026-10", "2026-10-01"],
    ["2026-10-01", "2026-10-01"],
    [" 2026-01 ", "2026-01-01"],
  ])("reads %j as %s", (input, key) => expect(monthParamSchema("period").parse(input)).toBe(key));

  it.each(["2026-13", "2026-1", "2026-10-02", "October", "", "2026-00"])("refuses %j, naming the parameter", (input) => {
    const result = monthParamSchema("from").safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/^from must be a month/);
  });
});

describe("parseQuery", () => {
  it("parses, defaults and transforms", () => {
    expect(parseQuery(request("?kpi=BSC-NPS&from=2026-01&to=2026-03"), measurementsQuerySchema)).toEqual({ kpi: "BSC-NPS", from: "2026-01-01", to: "2026-03-01", limit: 100 });
    expect(parseQuery(request(""), kpisQuerySchema)).toEqual({});
  });

  it("names every bad, repeated or unknown parameter", () => {
    const error = refusal(() => parseQuery(request("?limit=5000&limit=2&from=2026-05&to=2026-01&sort=desc"), measurementsQuerySchema));
    expect(error.code).toBe("INVALID");
    expect(Object.keys(error.fieldErrors).sort()).toEqual(["limit", "sort", "to"]);
    expect(error.fieldErrors.limit).toEqual(["Send limit once."]);
    expect(error.fieldErrors.sort![0]).toContain("kpi, persona, from, to, limit, cursor");
    expect(error.message).toContain("limit");
  });

  it.each(["0", "1001", "2.5", "ten", "-1"])("refuses limit=%s", (limit) => {
    expect(Object.keys(refusal(() => parseQuery(request(`?limit=${limit}`), measurementsQuerySchema)).fieldErrors)).toEqual(["limit"]);
  });
});

describe("cursors", () => {
  it("round-trip, and refuse anything that is not one", () => {
    const key = ["kpi1", "persona1", "2026-01-01"];
    expect(decodeCursor(encodeCursor(key), 3)).toEqual(key);
    for (const bad of ["", "abc", encodeCursor(["a", "b"]), Buffer.from('{"a":1}').toString("base64url"), Buffer.from("[1,2,3]").toString("base64url")]) {
      expect(refusal(() => decodeCursor(bad, 3)).fieldErrors).toHaveProperty("cursor");
    }
    expect(refusal(() => decodeCursor(encodeCursor(key), 3, () => false)).code).toBe("INVALID");
  });
});

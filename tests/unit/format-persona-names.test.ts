import { describe, expect, it } from "vitest";
import { formatPersonaNames } from "@/lib/format";

// Per-persona access: a sentence names the reader's personas and only counts the others.
describe("formatPersonaNames", () => {
  it("names the visible personas and counts the others, never naming them", () => {
    expect(formatPersonaNames(["SMB Owner"], 0, "none")).toBe("SMB Owner");
    expect(formatPersonaNames(["SMB Owner", "Student"], 0, "none")).toBe("SMB Owner and Student");
    expect(formatPersonaNames(["SMB Owner"], 1, "none")).toBe("SMB Owner and 1 other persona");
    expect(formatPersonaNames(["A", "B"], 2, "none")).toBe("A, B and 2 other personas");
    expect(formatPersonaNames([], 3, "none")).toBe("3 other personas");
    expect(formatPersonaNames([], 0, "no persona named")).toBe("no persona named");
  });
});

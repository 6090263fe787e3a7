import { describe, expect, it } from "vitest";
import { optionalText, requiredText } from "@/lib/validation/common";

// Postgres refuses a NUL byte in text (22021), which once turned a bad name into a 500 inside a
// command's transaction. The schemas refuse control characters before anything is written.
describe("text fields", () => {
  const name = requiredText("Name", 80);
  const comment = optionalText("Comment", 500);

  it("refuses a NUL byte or another control character in a single-line field, naming it", () => {
    for (const value of ["\u0000", "Bad\u0000name", "a\u001bb", "tab\there", "line\nbreak", "del\u007f"]) {
      const result = name.safeParse(value);
      expect(result.success, JSON.stringify(value)).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/^Name contains an invisible control character/);
    }
  });

  it("keeps tabs and line breaks in a multi-line field but refuses NUL and escapes", () => {
    expect(comment.parse("first line\r\nsecond\tline")).toBe("first line\r\nsecond\tline");
    expect(comment.safeParse("a\u0000b").success).toBe(false);
    expect(comment.safeParse("a\u001b[31mred").success).toBe(false);
    expect(comment.parse("   ")).toBeNull();
  });

  it("accepts ordinary text in any script, trimmed", () => {
    expect(name.parse("  Zoë Ångström 李  ")).toBe("Zoë Ångström 李");
  });
});

import { describe, expect, it } from "vitest";
import { csvLines, csvRaw, csvText } from "@/lib/export/csv";

describe("CSV writing", () => {
  it("quotes fields with commas, quotes and line breaks, doubling quotes", () => {
    expect(csvText('Say "hi", then\nleave')).toBe('"Say ""hi"", then\nleave"');
    expect(csvText("plain")).toBe("plain");
    expect(csvText(null)).toBe("");
  });

  it("defuses text a spreadsheet would run as a formula, but never numbers", () => {
    expect(csvText("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvText("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvText("-1+1")).toBe("'-1+1");
    expect(csvRaw("-12.5")).toBe("-12.5");
  });

  it("joins rows with CRLF and ends with one", () => {
    expect(csvLines([["a", "b"], ["1", "2"]])).toBe("a,b\r\n1,2\r\n");
  });
});

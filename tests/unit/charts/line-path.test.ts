import { describe, expect, it } from "vitest";
import { linePath } from "@/components/charts/line-path";

const BOX = { width: 112, height: 32, pad: 2, min: 0, max: 100 };

describe("linePath", () => {
  it("spreads the points over the width and puts the scale's ends at the edges", () => {
    expect(linePath([0, 50, 100], BOX)).toBe("M2 30L56 16L110 2");
  });

  it("breaks the line at a gap and draws a lone point as a dot", () => {
    // Points 0-1 joined, point 3 alone (a zero-length segment), point 5 alone at the end.
    expect(linePath([100, 100, null, 0, null, 50], BOX)).toBe("M2 2L23.6 2M66.8 30h0M110 16h0");
  });

  it("clamps values outside the scale and centres a flat scale", () => {
    expect(linePath([-20, 130], BOX)).toBe("M2 30L110 2");
    expect(linePath([7, 7], { ...BOX, min: 7, max: 7 })).toBe("M2 16L110 16");
  });

  it("rounds to whole pixels when asked", () => {
    expect(linePath([0, 33, 100], { ...BOX, decimals: 0 })).toBe("M2 30L56 21L110 2");
  });

  it("draws nothing without values", () => {
    expect(linePath([null, null], BOX)).toBe("");
    expect(linePath([], BOX)).toBe("");
  });
});

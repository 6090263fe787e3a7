import { describe, expect, it } from "vitest";
import { KPI_ROWS_ON_ONE_PAGE, kpiRowCount, selectedPerspective } from "@/components/scorecard/perspective-tabs";
import type { KpiLine, PerspectiveView } from "@/lib/queries/persona-scorecard";

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `k${i}` }) as KpiLine);
const perspective = (id: string, objectiveSizes: number[], other: number): PerspectiveView =>
  ({
    id,
    name: id,
    weight: 1,
    result: { score: null, status: "NO_DATA", coverage: 0 },
    objectives: objectiveSizes.map((n, i) => ({ id: `${id}-o${i}`, kpis: rows(n) })),
    otherKpis: rows(other),
  }) as unknown as PerspectiveView;

describe("one perspective at a time on large scorecards", () => {
  it("counts every KPI row: objectives' and those without an objective", () => {
    expect(kpiRowCount([perspective("a", [3, 4], 2), perspective("b", [], 5)])).toBe(14);
    expect(kpiRowCount([])).toBe(0);
  });

  it("shows the perspective asked for, else the first", () => {
    const all = [perspective("a", [1], 0), perspective("b", [1], 0)];
    expect(selectedPerspective(all, "b")?.id).toBe("b");
    expect(selectedPerspective(all, "nope")?.id).toBe("a");
    expect(selectedPerspective(all, undefined)?.id).toBe("a");
    expect(selectedPerspective([], "a")).toBeUndefined();
  });

  it("keeps the demo's scorecards (tens of KPIs) on one page and splits the benchmark's 500", () => {
    expect(KPI_ROWS_ON_ONE_PAGE).toBeGreaterThanOrEqual(100);
    expect(KPI_ROWS_ON_ONE_PAGE).toBeLessThan(500);
  });
});

import { describe, expect, it } from "vitest";
import { objectiveDeleteRefusal, perspectiveDeleteRefusal } from "@/lib/commands/strategy/deletion";

// The words of a refusal to delete a perspective or objective, shared by the commands and the
// strategy editor (which shows them in place of Delete).

describe("deleting a perspective or objective: the refusal", () => {
  it("is null only when nothing is in the way, hidden or not", () => {
    expect(perspectiveDeleteRefusal("Customer", 0, { count: 0, hidden: false })).toBeNull();
    expect(objectiveDeleteRefusal("Grow", { count: 0, codes: [], hidden: false })).toBeNull();
  });

  it("counts what the actor sees, and says nothing of hidden proposals beside them", () => {
    expect(perspectiveDeleteRefusal("Customer", 2, { count: 1, hidden: true })).toBe(
      "“Customer” still holds 2 objectives and 1 KPI. Move them to another perspective or delete them first; only an empty perspective can be deleted.",
    );
    expect(objectiveDeleteRefusal("Grow", { count: 1, codes: ["A-1"], hidden: true })).toBe(
      "1 KPI measures “Grow” (A-1). Point it at another objective first; only an objective without KPIs can be deleted.",
    );
  });

  it("names five KPIs at most, the rest as an ellipsis", () => {
    const codes = ["A-1", "A-2", "A-3", "A-4", "A-5", "A-6"];
    expect(objectiveDeleteRefusal("Grow", { count: 6, codes, hidden: false })).toMatch(/^6 KPIs measure “Grow” \(A-1, A-2, A-3, A-4, A-5, …\)\. Point them /);
  });

  it("when only hidden proposals are in the way, refuses with no number", () => {
    const perspective = perspectiveDeleteRefusal("Learning", 0, { count: 0, hidden: true });
    const objective = objectiveDeleteRefusal("Teach", { count: 0, codes: [], hidden: true });
    expect(perspective).toBe("“Learning” cannot be deleted yet: only an empty perspective can be deleted. An analyst or administrator who sees all personas can tell you what is still in the way.");
    expect(objective).toBe("“Teach” cannot be deleted yet: only an objective without KPIs can be deleted. An analyst or administrator who sees all personas can tell you what is still in the way.");
    for (const text of [perspective, objective]) expect(text).not.toMatch(/\d/);
  });
});

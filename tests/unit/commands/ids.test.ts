import { describe, expect, it } from "vitest";
import { newId, newIds } from "@/lib/commands/ids";

describe("newIds", () => {
  it("makes ids shaped like Prisma's cuid, starting with the time like one", () => {
    const before = Date.now();
    const ids = newIds(1000);
    for (const id of ids) expect(id).toMatch(/^c[0-9a-z]{24}$/);
    const time = parseInt(ids[0]!.slice(1, 9), 36);
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(Date.now());
    expect(new Set(ids).size).toBe(1000);
  });

  it("makes ids that keep increasing, within a call, across calls and past the counter's wrap", () => {
    // Code-point order, which Postgres's C collations and the primary key's order follow.
    const ids = [...newIds(5), newId(), ...newIds(36 ** 4 + 10), newId()];
    for (let i = 1; i < ids.length; i++) {
      if (!(ids[i - 1]! < ids[i]!)) expect.fail(`id ${i} (${ids[i]}) does not sort after ${ids[i - 1]}`);
    }
  }, 60_000); // 1.7 million ids
});

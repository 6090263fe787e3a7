import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";

// The embedded database serves one session at a time; lib/db queues work behind a pool of one
// instead of letting concurrent requests fail. Many interleaved transactions and reads must
// all succeed, and each transaction must see only its own writes.
describe("concurrent access", () => {
  it("runs 24 interleaved transactions and reads without a failure or a lost write", async () => {
    const db = await getDb();
    const work = Array.from({ length: 24 }, (_, i) =>
      i % 3 === 0
        ? db.department.count()
        : db.$transaction(async (tx) => {
            const created = await tx.department.create({ data: { name: `Concurrent ${i}` } });
            // Yield between statements so other requests try to get in mid-transaction.
            await new Promise((resolve) => setTimeout(resolve, 5));
            return tx.department.update({ where: { id: created.id }, data: { description: `written by ${i}` } });
          }),
    );
    const results = await Promise.allSettled(work);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const rows = await db.department.findMany({ where: { name: { startsWith: "Concurrent " } }, orderBy: { name: "asc" } });
    expect(rows).toHaveLength(16);
    for (const row of rows) expect(row.description).toBe(`written by ${row.name.slice("Concurrent ".length)}`);
  });

  it("rolls back a failed transaction without disturbing the others", async () => {
    const db = await getDb();
    const failing = db.$transaction(async (tx) => {
      await tx.department.create({ data: { name: "Rolled back" } });
      throw new Error("boom");
    });
    const passing = db.$transaction((tx) => tx.department.create({ data: { name: "Kept" } }));
    const [a, b] = await Promise.allSettled([failing, passing]);
    expect(a.status).toBe("rejected");
    expect(b.status).toBe("fulfilled");
    expect(await db.department.count({ where: { name: { in: ["Rolled back", "Kept"] } } })).toBe(1);
  });
});

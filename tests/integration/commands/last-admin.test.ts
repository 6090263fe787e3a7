import { describe, expect, it } from "vitest";
import { deactivateUser } from "@/lib/commands/users/deactivate-user";
import { updateUser } from "@/lib/commands/users/update-user";
import { getDb } from "@/lib/db";
import { actorOf, makeUser, snapshot } from "./fixtures";

// This file's database starts empty, so it controls exactly how many admins exist.

describe("the last active admin", () => {
  it("cannot demote themselves when they are the only active admin", async () => {
    const only = await makeUser({ role: "ADMIN", name: "Only Admin" });
    // A deactivated admin does not count.
    await makeUser({ role: "ADMIN", active: false });
    const before = await snapshot();
    const result = await updateUser(actorOf(only), { userId: only.id, name: only.name, role: "ANALYST" });
    expect(result).toMatchObject({ ok: false, code: "CONFLICT", fieldErrors: { role: [expect.stringMatching(/last active administrator/)] } });
    expect(await snapshot()).toEqual(before);
  });

  it("cannot be deactivated, even by an admin whose own account has since been deactivated", async () => {
    const db = await getDb();
    const acting = await makeUser({ role: "ADMIN" });
    const target = await db.user.findFirstOrThrow({ where: { role: "ADMIN", active: true, name: "Only Admin" } });
    await db.user.update({ where: { id: acting.id }, data: { active: false } });
    const before = await snapshot();
    expect(await deactivateUser(actorOf(acting), { userId: target.id })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await snapshot()).toEqual(before);
  });

  it("can step down once another admin is active", async () => {
    const db = await getDb();
    const only = await db.user.findFirstOrThrow({ where: { name: "Only Admin" } });
    await makeUser({ role: "ADMIN", name: "Second Admin" });
    expect(await updateUser(actorOf(only), { userId: only.id, name: only.name, role: "ANALYST" })).toMatchObject({ ok: true });
  });

  it("two admins demoting each other at the same moment leave one admin", async () => {
    const db = await getDb();
    await db.user.updateMany({ where: { role: "ADMIN" }, data: { active: false } });
    const a = await makeUser({ role: "ADMIN", name: "Admin A" });
    const b = await makeUser({ role: "ADMIN", name: "Admin B" });
    const results = await Promise.all([
      updateUser(actorOf(a), { userId: b.id, name: b.name, role: "EXECUTIVE" }),
      updateUser(actorOf(b), { userId: a.id, name: a.name, role: "EXECUTIVE" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)[0]).toMatchObject({ code: "CONFLICT" });
    expect(await db.user.count({ where: { role: "ADMIN", active: true } })).toBe(1);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createDepartment } from "@/lib/commands/departments/create-department";
import { deleteDepartment } from "@/lib/commands/departments/delete-department";
import { updateDepartment } from "@/lib/commands/departments/update-department";
import { getDb } from "@/lib/db";
import { actorOf, auditEventsFor, makeDepartment, makeObjective, makeUser, snapshot } from "./fixtures";

let admin: Actor;
beforeAll(async () => {
  admin = actorOf(await makeUser({ role: "ADMIN" }));
});

describe("departments", () => {
  it("creates, renames and deletes, auditing each step", async () => {
    const created = await createDepartment(admin, { name: " Finance ", description: "" });
    expect(created).toMatchObject({ ok: true, data: { department: { name: "Finance" } } });
    if (!created.ok) return;
    const id = created.data.department.id;
    expect(await updateDepartment(admin, { departmentId: id, name: "Finance & Risk", description: "Money" })).toMatchObject({ ok: true, data: { changed: true } });
    expect(await updateDepartment(admin, { departmentId: id, name: "Finance & Risk", description: "Money" })).toMatchObject({ ok: true, data: { changed: false } });
    expect(await deleteDepartment(admin, { departmentId: id })).toMatchObject({ ok: true });
    const events = await auditEventsFor(id);
    expect(events.map((e) => [e.action, e.before, e.after])).toEqual([
      ["department.create", null, { name: "Finance", description: null }],
      ["department.update", { name: "Finance", description: null }, { name: "Finance & Risk", description: "Money" }],
      ["department.delete", { name: "Finance & Risk", description: "Money" }, null],
    ]);
  });

  it("refuses a name that exists in another case, on create and on rename", async () => {
    await makeDepartment("Operations");
    const other = await makeDepartment("Logistics");
    const before = await snapshot();
    expect(await createDepartment(admin, { name: "OPERATIONS" })).toMatchObject({ ok: false, code: "CONFLICT", fieldErrors: { name: [expect.any(String)] } });
    expect(await updateDepartment(admin, { departmentId: other.id, name: "operations" })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses to delete a department that still has users, saying what to move", async () => {
    const department = await makeDepartment("Support");
    await makeUser({ departmentId: department.id });
    const before = await snapshot();
    expect(await deleteDepartment(admin, { departmentId: department.id })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "Support still has 1 user. Move them to another department first.",
    });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses to delete a department that shares objectives, rather than dropping the memberships silently", async () => {
    const department = await makeDepartment("Partnerships");
    const objective = await makeObjective();
    const db = await getDb();
    await db.objectiveDepartment.create({ data: { objectiveId: objective.id, departmentId: department.id } });
    const before = await snapshot();
    expect(await deleteDepartment(admin, { departmentId: department.id })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "Partnerships still has 1 shared objective. Move them to another department first (an objective's business units are edited in the strategy editor).",
    });
    expect(await snapshot()).toEqual(before);
    expect(await db.objectiveDepartment.count({ where: { departmentId: department.id } })).toBe(1);
  });

  it("validates names and says NOT_FOUND for unknown ids", async () => {
    expect(await createDepartment(admin, { name: "x".repeat(101) })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { name: ["Name can be at most 100 characters."] } });
    expect(await updateDepartment(admin, { departmentId: "nope", name: "Y" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await deleteDepartment(admin, { departmentId: "nope" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("rolls back a rename when the audit write fails after it", async () => {
    const department = await makeDepartment("Before Rollback");
    const before = await snapshot();
    await expect(updateDepartment({ ...admin, id: "ghost" }, { departmentId: department.id, name: "After Rollback" })).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
  });
});

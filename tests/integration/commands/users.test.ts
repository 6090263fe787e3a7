import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { verifyPassword } from "@/lib/auth/password";
import { createUser } from "@/lib/commands/users/create-user";
import { deactivateUser } from "@/lib/commands/users/deactivate-user";
import { reactivateUser } from "@/lib/commands/users/reactivate-user";
import { resetUserPassword } from "@/lib/commands/users/reset-user-password";
import { updateUser } from "@/lib/commands/users/update-user";
import { getDb } from "@/lib/db";
import { actorOf, auditEventsFor, makeDepartment, makeUser, snapshot } from "./fixtures";

let admin: Actor;

beforeAll(async () => {
  admin = actorOf(await makeUser({ role: "ADMIN", name: "Ada Admin" }));
});

describe("createUser", () => {
  it("creates the user with a temporary password and audits it in the same transaction", async () => {
    const department = await makeDepartment("Customer Success");
    const result = await createUser(admin, { email: "  New.Person@Example.TEST ", name: "New Person", role: "KPI_OWNER", departmentId: department.id });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);

    const db = await getDb();
    const user = await db.user.findUniqueOrThrow({ where: { id: result.data.user.id } });
    expect(user).toMatchObject({ email: "new.person@example.test", role: "KPI_OWNER", departmentId: department.id, active: true, mustChangePassword: true });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.passwordHash!, result.data.temporaryPassword)).toBe(true);

    const [event] = await auditEventsFor(user.id);
    expect(event).toMatchObject({ actorId: admin.id, action: "user.create", entityType: "User", before: null });
    expect(event!.after).toMatchObject({ email: "new.person@example.test", role: "KPI_OWNER", mustChangePassword: true });
    expect(JSON.stringify(event)).not.toContain("argon2");
    expect(JSON.stringify(event)).not.toContain(result.data.temporaryPassword);
  });

  it("refuses invalid input field by field and writes nothing", async () => {
    const before = await snapshot();
    const result = await createUser(admin, { email: "nope", name: " ", role: "OWNER" });
    expect(result).toMatchObject({ ok: false, code: "INVALID" });
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual(["email", "name", "role"]);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses an email that is taken, whatever its case", async () => {
    await makeUser({ email: "taken@example.test" });
    const before = await snapshot();
    const result = await createUser(admin, { email: "TAKEN@example.test", name: "Twin", role: "ANALYST" });
    expect(result).toMatchObject({ ok: false, code: "CONFLICT", fieldErrors: { email: ["A user with this email already exists."] } });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a department that does not exist", async () => {
    const result = await createUser(admin, { email: "dept@example.test", name: "Dept", role: "ANALYST", departmentId: "cl000000000000000000000000" });
    expect(result).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { departmentId: [expect.stringMatching(/no longer exists/)] } });
  });

  it("rolls back the new user when the audit write fails after it", async () => {
    // An actor whose user row does not exist: the user insert succeeds, then the AuditEvent's
    // foreign key to the actor fails. Both must disappear.
    const ghost: Actor = { ...admin, id: "ghost-actor-id" };
    const before = await snapshot();
    await expect(createUser(ghost, { email: "rollback@example.test", name: "Rollback", role: "ANALYST" })).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
    expect(await (await getDb()).user.findUnique({ where: { email: "rollback@example.test" } })).toBeNull();
  });
});

describe("updateUser", () => {
  it("changes role and department, audits before and after", async () => {
    const department = await makeDepartment();
    const user = await makeUser({ role: "EXECUTIVE" });
    const result = await updateUser(admin, { userId: user.id, name: "Renamed", role: "ANALYST", departmentId: department.id });
    expect(result).toEqual({ ok: true, data: { user: { id: user.id }, changed: true } });
    const [event] = await auditEventsFor(user.id);
    expect(event).toMatchObject({ action: "user.update", before: { role: "EXECUTIVE", departmentId: null }, after: { role: "ANALYST", name: "Renamed", departmentId: department.id } });
  });

  it("writes nothing when nothing changes", async () => {
    const user = await makeUser({ role: "EXECUTIVE", name: "Same" });
    const before = await snapshot();
    const result = await updateUser(admin, { userId: user.id, name: "Same", role: "EXECUTIVE", departmentId: "" });
    expect(result).toEqual({ ok: true, data: { user: { id: user.id }, changed: false } });
    expect(await snapshot()).toEqual(before);
  });

  it("says NOT_FOUND for a user that does not exist", async () => {
    expect(await updateUser(admin, { userId: "missing", name: "X", role: "ANALYST" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});

describe("deactivate, reactivate and reset password", () => {
  it("deactivates and reactivates, auditing each, and repeats are no-ops", async () => {
    const user = await makeUser({ role: "ANALYST" });
    expect(await deactivateUser(admin, { userId: user.id })).toMatchObject({ ok: true, data: { changed: true } });
    expect(await deactivateUser(admin, { userId: user.id })).toMatchObject({ ok: true, data: { changed: false } });
    expect(await reactivateUser(admin, { userId: user.id })).toMatchObject({ ok: true, data: { changed: true } });
    expect(await reactivateUser(admin, { userId: user.id })).toMatchObject({ ok: true, data: { changed: false } });
    const events = await auditEventsFor(user.id);
    expect(events.map((e) => e.action)).toEqual(["user.deactivate", "user.reactivate"]);
    expect(events[0]).toMatchObject({ before: { active: true }, after: { active: false } });
  });

  it("an admin cannot deactivate themselves", async () => {
    const before = await snapshot();
    expect(await deactivateUser(admin, { userId: admin.id })).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/your own account/) });
    expect(await snapshot()).toEqual(before);
  });

  it("issues a new temporary password, lifts a sign-in lock, and never audits the secret", async () => {
    const user = await makeUser({ role: "EXECUTIVE" });
    const db = await getDb();
    await db.signInAttempt.createMany({ data: Array.from({ length: 5 }, () => ({ email: user.email, succeeded: false })) });
    const result = await resetUserPassword(admin, { userId: user.id });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.mustChangePassword).toBe(true);
    expect(await verifyPassword(stored.passwordHash!, result.data.temporaryPassword)).toBe(true);
    expect(await verifyPassword(stored.passwordHash!, "correct horse battery")).toBe(false);
    expect(await db.signInAttempt.count({ where: { email: user.email } })).toBe(0);
    const [event] = await auditEventsFor(user.id);
    expect(event).toMatchObject({ action: "user.password.reset", after: { passwordReset: true, failedSignInsCleared: 5 } });
    expect(JSON.stringify(event)).not.toContain(result.data.temporaryPassword);
  });
});

import { z } from "zod";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { defineCommand, fail } from "@/lib/commands/command";
import { actorOf, makeUser, snapshot } from "./fixtures";

// The runner itself: the order of its steps and its one transaction.

let admin: Actor;
let analyst: Actor;
beforeAll(async () => {
  admin = actorOf(await makeUser({ role: "ADMIN" }));
  analyst = actorOf(await makeUser({ role: "ANALYST" }));
});

const schema = z.object({ name: z.string().min(1, "Name is required.") });

function departmentCommand(after: "ok" | "throw" | "app-error" | "no-audit") {
  return defineCommand({
    name: "department.test",
    action: "department.manage",
    schema,
    async run({ input, tx, audit }) {
      const department = await tx.department.create({ data: { name: input.name } });
      if (after !== "no-audit") await audit({ entityType: "Department", entityId: department.id, after: { name: input.name } });
      if (after === "throw") throw new Error("boom after the write");
      if (after === "app-error") fail("CONFLICT", "Changed my mind.");
      return department.id;
    },
  });
}

describe("command runner", () => {
  it("commits the change and its audit event together", async () => {
    const before = await snapshot();
    const result = await departmentCommand("ok")(admin, { name: "Committed" });
    expect(result.ok).toBe(true);
    const after = await snapshot();
    expect(after.departments.length).toBe(before.departments.length + 1);
    expect(after.audits).toBe(before.audits + 1);
  });

  it("rolls back the change and the audit event when the command fails after writing", async () => {
    const before = await snapshot();
    await expect(departmentCommand("throw")(admin, { name: "Thrown" })).rejects.toThrow("boom after the write");
    expect(await snapshot()).toEqual(before);
    const refused = await departmentCommand("app-error")(admin, { name: "Refused" });
    expect(refused).toEqual({ ok: false, code: "CONFLICT", message: "Changed my mind.", fieldErrors: {} });
    expect(await snapshot()).toEqual(before);
  });

  it("rolls back a command that changed something without auditing it", async () => {
    const before = await snapshot();
    await expect(departmentCommand("no-audit")(admin, { name: "Unaudited" })).rejects.toThrow(/without an audit event/);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a role before looking at the input", async () => {
    expect(await departmentCommand("ok")(analyst, { nonsense: true })).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });

  it("returns field errors for invalid input", async () => {
    expect(await departmentCommand("ok")(admin, { name: "" })).toEqual({
      ok: false,
      code: "INVALID",
      message: "Some fields need attention.",
      fieldErrors: { name: ["Name is required."] },
    });
  });

  it("authorizes on the resource it loads inside the transaction", async () => {
    const owner = actorOf(await makeUser({ role: "KPI_OWNER" }));
    const measurement = defineCommand({
      name: "measurement.test",
      action: "measurement.write",
      schema: z.object({ ownerId: z.string() }),
      resource: async (input) => ({ kpi: { ownerId: input.ownerId } }),
      async run({ unchanged }) {
        unchanged();
        return "written";
      },
    });
    expect(await measurement(owner, { ownerId: owner.id })).toEqual({ ok: true, data: "written" });
    expect(await measurement(owner, { ownerId: "someone else" })).toMatchObject({ ok: false, code: "FORBIDDEN", message: "You can only enter values for the KPIs you own." });
    expect(await measurement(analyst, { ownerId: analyst.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});

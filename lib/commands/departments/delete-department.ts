import "server-only";
import { deleteDepartmentSchema } from "@/lib/validation/departments";
import { defineCommand, fail } from "../command";
import { departmentSnapshot, findDepartmentOrFail } from "./shared";

/**
 * Deletes an unused department. One that still has users or KPIs, or shares objectives (their
 * memberships would vanish with it), is refused, saying what to move.
 */
export const deleteDepartment = defineCommand({
  name: "department.delete",
  action: "department.manage",
  schema: deleteDepartmentSchema,
  async run({ input, tx, audit }) {
    const before = await findDepartmentOrFail(tx, input.departmentId);
    const users = await tx.user.count({ where: { departmentId: before.id } });
    const kpis = await tx.kpi.count({ where: { departmentId: before.id } });
    const objectives = await tx.objectiveDepartment.count({ where: { departmentId: before.id } });
    if (users > 0 || kpis > 0 || objectives > 0) {
      const parts = [
        users > 0 ? `${users} ${users === 1 ? "user" : "users"}` : null,
        kpis > 0 ? `${kpis} ${kpis === 1 ? "KPI" : "KPIs"}` : null,
        objectives > 0 ? `${objectives} shared ${objectives === 1 ? "objective" : "objectives"}` : null,
      ].filter(Boolean);
      const list = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts[0];
      fail("CONFLICT", `${before.name} still has ${list}. Move them to another department first${objectives > 0 ? " (an objective's business units are edited in the strategy editor)" : ""}.`);
    }
    await tx.department.delete({ where: { id: before.id } });
    await audit({ entityType: "Department", entityId: before.id, before: departmentSnapshot(before), after: null });
    return { department: { id: before.id, name: before.name } };
  },
});

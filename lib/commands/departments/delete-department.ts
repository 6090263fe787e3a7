import "server-only";
import { deleteDepartmentSchema } from "@/lib/validation/departments";
import { defineCommand, fail } from "../command";
import { departmentSnapshot, findDepartmentOrFail } from "./shared";

/** Deletes an unused department. One that still has users or KPIs is refused, saying what to move. */
export const deleteDepartment = defineCommand({
  name: "department.delete",
  action: "department.manage",
  schema: deleteDepartmentSchema,
  async run({ input, tx, audit }) {
    const before = await findDepartmentOrFail(tx, input.departmentId);
    const users = await tx.user.count({ where: { departmentId: before.id } });
    const kpis = await tx.kpi.count({ where: { departmentId: before.id } });
    if (users > 0 || kpis > 0) {
      const parts = [users > 0 ? `${users} ${users === 1 ? "user" : "users"}` : null, kpis > 0 ? `${kpis} ${kpis === 1 ? "KPI" : "KPIs"}` : null];
      fail("CONFLICT", `${before.name} still has ${parts.filter(Boolean).join(" and ")}. Move them to another department first.`);
    }
    await tx.department.delete({ where: { id: before.id } });
    await audit({ entityType: "Department", entityId: before.id, before: departmentSnapshot(before), after: null });
    return { department: { id: before.id, name: before.name } };
  },
});

import "server-only";
import { updateDepartmentSchema } from "@/lib/validation/departments";
import { defineCommand } from "../command";
import { assertNameFree, departmentSnapshot, findDepartmentOrFail } from "./shared";

export const updateDepartment = defineCommand({
  name: "department.update",
  action: "department.manage",
  schema: updateDepartmentSchema,
  async run({ input, tx, audit, unchanged }) {
    const before = await findDepartmentOrFail(tx, input.departmentId);
    if (before.name === input.name && before.description === input.description) {
      unchanged();
      return { department: { id: before.id, name: before.name }, changed: false };
    }
    await assertNameFree(tx, input.name, before.id);
    const after = await tx.department.update({
      where: { id: before.id },
      data: { name: input.name, description: input.description },
    });
    await audit({ entityType: "Department", entityId: after.id, before: departmentSnapshot(before), after: departmentSnapshot(after) });
    return { department: { id: after.id, name: after.name }, changed: true };
  },
});

import "server-only";
import { createDepartmentSchema } from "@/lib/validation/departments";
import { defineCommand } from "../command";
import { assertNameFree, departmentSnapshot } from "./shared";

export const createDepartment = defineCommand({
  name: "department.create",
  action: "department.manage",
  schema: createDepartmentSchema,
  async run({ input, tx, audit }) {
    await assertNameFree(tx, input.name, null);
    const department = await tx.department.create({ data: { name: input.name, description: input.description } });
    await audit({ entityType: "Department", entityId: department.id, before: null, after: departmentSnapshot(department) });
    return { department: { id: department.id, name: department.name } };
  },
});

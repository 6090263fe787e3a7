import { z } from "zod";
import { idSchema, optionalText, requiredText } from "./common";

export const departmentIdSchema = idSchema("Department");

export const createDepartmentSchema = z.object({
  name: requiredText("Name", 100),
  description: optionalText("Description", 500),
});
export type CreateDepartmentInput = z.input<typeof createDepartmentSchema>;

export const updateDepartmentSchema = z.object({
  departmentId: departmentIdSchema,
  name: requiredText("Name", 100),
  description: optionalText("Description", 500),
});
export type UpdateDepartmentInput = z.input<typeof updateDepartmentSchema>;

export const deleteDepartmentSchema = z.object({ departmentId: departmentIdSchema });
export type DeleteDepartmentInput = z.input<typeof deleteDepartmentSchema>;

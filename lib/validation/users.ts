import { z } from "zod";
import { Role } from "@/lib/generated/prisma/enums";
import { emailSchema, idSchema, newPasswordSchema, optionalIdSchema, requiredText } from "./common";

// Inputs of user administration and of "change my password". Shared by the forms (field
// names), the commands, and later the REST API and importers.

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Administrator",
  ANALYST: "Analyst",
  KPI_OWNER: "KPI owner",
  EXECUTIVE: "Executive",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  ADMIN: "Everything, including users, departments, settings and the audit log.",
  ANALYST: "Personas, weights, KPI definitions, targets, objectives and KPI proposals.",
  KPI_OWNER: "Enters the values of the KPIs they own.",
  EXECUTIVE: "Reads everything and acknowledges escalations.",
};

export const roleSchema = z.enum(Role, { error: "Choose a role." });

export const userIdSchema = idSchema("User");

export const createUserSchema = z.object({
  email: emailSchema,
  name: requiredText("Name", 120),
  role: roleSchema,
  departmentId: optionalIdSchema("Department"),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z.object({
  userId: userIdSchema,
  name: requiredText("Name", 120),
  role: roleSchema,
  departmentId: optionalIdSchema("Department"),
});
export type UpdateUserInput = z.input<typeof updateUserSchema>;

/** Deactivate, reactivate, reset password: they name only the user. */
export const userRefSchema = z.object({ userId: userIdSchema });
export type UserRefInput = z.input<typeof userRefSchema>;

export const changeOwnPasswordSchema = z
  .object({
    currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password.").max(1024),
    newPassword: newPasswordSchema,
    confirmPassword: z.string({ error: "Type the new password again." }).min(1, "Type the new password again."),
  })
  .superRefine((value, ctx) => {
    if (value.newPassword !== value.confirmPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The two new passwords are not the same." });
    }
    if (value.currentPassword.length > 0 && value.newPassword === value.currentPassword) {
      ctx.addIssue({ code: "custom", path: ["newPassword"], message: "Choose a password different from your current one." });
    }
  });
export type ChangeOwnPasswordInput = z.input<typeof changeOwnPasswordSchema>;

/** "Sign out everywhere" for one user (oneself, or anyone for an admin). */
export const signOutEverywhereSchema = z.object({ userId: userIdSchema });
/** My account: e-mail copies of notifications on or off (the form sends "on"/"off", the API a boolean). */
export const setEmailNotificationsSchema = z.object({
  emailNotifications: z.union([z.boolean(), z.enum(["on", "off"]).transform((v) => v === "on")], {
    error: "Choose whether you want notifications by e-mail.",
  }),
});
export type SetEmailNotificationsInput = z.input<typeof setEmailNotificationsSchema>;

/** Most personas one user can be restricted to in one form (far above any real list). */
export const MAX_PERSONA_ACCESS = 500;

/**
 * Per-persona access (/admin/users/{id}): "all" -> the user sees every persona; "restricted" ->
 * only the chosen personas (at least one). A form sends `personaIds` once per ticked box.
 */
export const setPersonaAccessSchema = z
  .object({
    userId: userIdSchema,
    scope: z.enum(["all", "restricted"], { error: "Choose whether the user sees all personas or only some." }),
    personaIds: z.preprocess(
      (value) => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]),
      z.array(idSchema("Persona")).max(MAX_PERSONA_ACCESS, `Choose at most ${MAX_PERSONA_ACCESS} personas.`),
    ),
  })
  .superRefine((input, ctx) => {
    if (input.scope === "restricted" && input.personaIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["personaIds"], message: "Choose at least one persona, or let the user see all personas." });
    }
  })
  .transform((input) => ({ ...input, personaIds: input.scope === "all" ? [] : [...new Set(input.personaIds)].sort() }));
export type SetPersonaAccessInput = z.input<typeof setPersonaAccessSchema>;

import type { AppErrorCode, FieldErrors } from "@/lib/errors";
import type { CommandResult } from "./command";

// What a server action hands back to a useActionState form: the command's result shape,
// plus the values that were sent (never passwords) so the form can show them again after
// an error, and a success message. Types and a pure helper only: client forms import it.

export type ActionState<T = undefined> =
  | null
  | { ok: true; message: string; data: T }
  | { ok: false; code: AppErrorCode; message: string; fieldErrors: FieldErrors; values: Record<string, string> };

const SECRET_FIELDS = /password/i;

export function toActionState<T>(
  result: CommandResult<T>,
  sent: Record<string, string | string[]>,
  success: string | ((data: T) => string),
): Exclude<ActionState<T>, null> {
  if (result.ok) return { ok: true, message: typeof success === "string" ? success : success(result.data), data: result.data };
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(sent)) {
    if (!SECRET_FIELDS.test(key)) values[key] = Array.isArray(value) ? (value[0] ?? "") : value;
  }
  return { ok: false, code: result.code, message: result.message, fieldErrors: result.fieldErrors, values };
}

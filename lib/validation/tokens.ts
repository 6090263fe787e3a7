import { z } from "zod";
import { idSchema, requiredText } from "./common";

// API tokens (issue 10): a label, an optional expiry date, and the token to revoke.

export const TOKEN_NAME_MAX = 80;

/** "YYYY-MM-DD" today in UTC, for "must be in the future". */
function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Optional expiry: blank means the token never expires. A date means the token stops working at
 * 00:00 UTC on that day, so it must be after today.
 */
export const tokenExpirySchema = z.preprocess(
  (value) => (value === undefined || value === null || (typeof value === "string" && value.trim() === "") ? null : value),
  z
    .string({ error: "Enter a date as YYYY-MM-DD." })
    .trim()
    .pipe(z.iso.date("Enter a date as YYYY-MM-DD."))
    .refine((date) => date > todayUtc(), "Choose a date after today, or leave it blank for no expiry.")
    .transform((date) => new Date(`${date}T00:00:00.000Z`))
    .nullable(),
);

export const createApiTokenSchema = z.object({
  name: requiredText("Name", TOKEN_NAME_MAX),
  expiresOn: tokenExpirySchema,
});

export const revokeApiTokenSchema = z.object({
  tokenId: idSchema("Token"),
});

export type CreateApiTokenInput = z.input<typeof createApiTokenSchema>;

import { z } from "zod";
import { idSchema, isoDateSchema, pageSchema } from "./common";

// Filters of the audit page, read from its query string. A malformed filter is dropped
// rather than failing the page.

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const auditFilterSchema = z
  .object({
    actor: z.preprocess(blankToUndefined, idSchema("User").optional()).catch(undefined),
    entity: z.preprocess(blankToUndefined, z.string().trim().max(64).regex(/^[A-Za-z][A-Za-z0-9_.-]*$/).optional()).catch(undefined),
    from: z.preprocess(blankToUndefined, isoDateSchema.optional()).catch(undefined),
    to: z.preprocess(blankToUndefined, isoDateSchema.optional()).catch(undefined),
    page: pageSchema,
  })
  .transform((f) => (f.from && f.to && f.from > f.to ? { ...f, from: f.to, to: f.from } : f));
export type AuditFilter = z.output<typeof auditFilterSchema>;

export const AUDIT_PAGE_SIZE = 25;

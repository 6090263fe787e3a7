import type { z } from "zod";
import { AppError, type FieldErrors } from "@/lib/errors";
import { fieldErrorsFrom } from "@/lib/validation/common";

// Query strings of the REST API, validated by the endpoint's zod schema (lib/validation/api.ts):
// a parameter sent twice, an unknown parameter or a value the schema refuses is a 400
// problem+json (code INVALID) whose `errors` name each parameter.

function shapeOf(schema: z.ZodType): Record<string, unknown> | null {
  // An object schema, possibly refined (superRefine keeps the object's shape).
  const s = schema as unknown as { shape?: Record<string, unknown> };
  return s.shape && typeof s.shape === "object" ? s.shape : null;
}

export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const params = new URL(request.url).searchParams;
  const known = shapeOf(schema);
  const raw: Record<string, string> = {};
  const errors: FieldErrors = {};
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name);
    if (known && !(name in known)) {
      const allowed = Object.keys(known);
      errors[name] = [allowed.length > 0 ? `Unknown parameter; this endpoint takes ${allowed.join(", ")}.` : "Unknown parameter; this endpoint takes none."];
    } else if (values.length > 1) {
      errors[name] = [`Send ${name} once.`];
    } else {
      raw[name] = values[0]!;
    }
  }
  const result = schema.safeParse(raw);
  if (!result.success) Object.assign(errors, { ...fieldErrorsFrom(result.error), ...errors });
  if (Object.keys(errors).length > 0) {
    const names = Object.keys(errors).filter((n) => n !== "");
    throw new AppError("INVALID", `Check the query parameter${names.length === 1 ? "" : "s"} ${names.join(", ")}.`, errors);
  }
  return (result as { data: z.output<S> }).data;
}

import { patchPersonaFromApi } from "@/lib/api/analyst";
import { withIdempotency } from "@/lib/api/idempotency";
import { parseQuery } from "@/lib/api/query";
import { withApiActor } from "@/lib/api/with-api-actor";
import { noQuerySchema } from "@/lib/validation/api-analyst";

// PATCH /api/v1/personas/{slug} (analysts and admins): change fields (update-persona) or the
// status with a rationale (change-persona-status), one or the other per request. `version`
// refuses (409) overwriting a change made since it was read.
export const PATCH = withApiActor(
  "persona.write",
  withIdempotency(async (actor, request, context: { params: Promise<{ personaSlug: string }> }) => {
    parseQuery(request, noQuerySchema);
    const { personaSlug } = await context.params;
    return patchPersonaFromApi(actor, request, personaSlug);
  }),
);

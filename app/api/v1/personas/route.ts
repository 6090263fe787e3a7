import { createPersonaFromApi } from "@/lib/api/analyst";
import { withIdempotency } from "@/lib/api/idempotency";
import { parseQuery } from "@/lib/api/query";
import { withApiActor } from "@/lib/api/with-api-actor";
import { listPersonasForApi } from "@/lib/queries/api-catalog";
import type { PersonaListJson } from "@/lib/api/schemas";
import { noQuerySchema } from "@/lib/validation/api-analyst";
import { personaListQuerySchema } from "@/lib/validation/api";

// GET /api/v1/personas (bearer token): the personas with slug, name and status; by default those
// on scorecards (ACTIVE and SUNSET), `?status=DRAFT|ACTIVE|SUNSET|all` for drafts or one status.
export const GET = withApiActor("dashboard.read", async (actor, request) => {
  const { status } = parseQuery(request, personaListQuerySchema);
  return Response.json({ personas: await listPersonasForApi(actor, status) } satisfies PersonaListJson, { headers: { "Cache-Control": "private, no-store" } });
});

// POST /api/v1/personas (analysts and admins): a new persona, DRAFT, through the create-persona
// command (the screen's rules and messages). Idempotency-Key makes a retry safe.
export const POST = withApiActor(
  "persona.write",
  withIdempotency((actor, request) => {
    parseQuery(request, noQuerySchema);
    return createPersonaFromApi(actor, request);
  }),
);

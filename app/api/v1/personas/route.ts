import { withApiActor } from "@/lib/api/with-api-actor";
import { listPersonasForApi } from "@/lib/queries/api-catalog";
import type { PersonaListJson } from "@/lib/api/schemas";

// GET /api/v1/personas (bearer token): the personas on scorecards (ACTIVE and SUNSET) with slug, name and status.
export const GET = withApiActor("dashboard.read", async (actor) =>
  Response.json({ personas: await listPersonasForApi(actor) } satisfies PersonaListJson, { headers: { "Cache-Control": "private, no-store" } }),
);

import { suggestionJson } from "@/lib/api/analyst";
import type { ApiSuggestionJson } from "@/lib/api/analyst-schemas";
import { parseQuery } from "@/lib/api/query";
import { withApiActor } from "@/lib/api/with-api-actor";
import { noQuerySchema } from "@/lib/validation/api-analyst";

// GET /api/v1/kpis/{code}/personas/{slug}/suggestion (analysts and admins): thresholds suggested
// from the persona's own last 24 periods of the KPI by lib/scoring, with the distribution used.
export const GET = withApiActor("target.write", async (actor, request, context: { params: Promise<{ kpiCode: string; personaSlug: string }> }) => {
  parseQuery(request, noQuerySchema);
  const { kpiCode, personaSlug } = await context.params;
  return Response.json((await suggestionJson(actor, kpiCode, personaSlug)) satisfies ApiSuggestionJson, { headers: { "Cache-Control": "private, no-store" } });
});

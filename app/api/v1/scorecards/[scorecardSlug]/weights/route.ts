import { recalibrateFromApi, weightsJson } from "@/lib/api/analyst";
import type { ApiWeightsJson } from "@/lib/api/analyst-schemas";
import { withIdempotency } from "@/lib/api/idempotency";
import { parseQuery } from "@/lib/api/query";
import { withApiActor } from "@/lib/api/with-api-actor";
import { noQuerySchema } from "@/lib/validation/api-analyst";

type Context = { params: Promise<{ scorecardSlug: string }> };

// GET /api/v1/scorecards/{slug}/weights (analysts and admins, like the weights screen): every
// version of the persona weights, newest first, with shares, reasons and who set them.
export const GET = withApiActor("weight.write", async (actor, request, context: Context) => {
  parseQuery(request, noQuerySchema);
  const { scorecardSlug } = await context.params;
  return Response.json((await weightsJson(actor, scorecardSlug)) satisfies ApiWeightsJson, { headers: { "Cache-Control": "private, no-store" } });
});

// POST /api/v1/scorecards/{slug}/weights: a recalibration {effectiveFrom, reason, weights: {personaSlug: weight}}
// through the recalibrate-weights command; answers the history with the new version.
export const POST = withApiActor(
  "weight.write",
  withIdempotency(async (actor, request, context: Context) => {
    parseQuery(request, noQuerySchema);
    const { scorecardSlug } = await context.params;
    return recalibrateFromApi(actor, request, scorecardSlug);
  }),
);

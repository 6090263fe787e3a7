import { personaScorecardJson } from "@/lib/api/persona-scorecard-json";
import { parseQuery } from "@/lib/api/query";
import { withApiActor } from "@/lib/api/with-api-actor";
import { AppError } from "@/lib/errors";
import { cachedPersonaScorecard } from "@/lib/queries/read-cache";
import { personaScoresQuerySchema } from "@/lib/validation/api";
import type { PersonaScorecardResponseJson } from "@/lib/api/schemas";

// GET /api/v1/scorecards/{slug}/personas/{slug}/scores?period=YYYY-MM (bearer token): the persona
// scorecard as JSON, the same numbers as the screen and export.csv. No period: the latest month
// with data. Unknown scorecard or persona (or a draft persona): 404; a malformed period: 400
// naming `period`. Errors are application/problem+json.
export const GET = withApiActor(
  "dashboard.read",
  async (actor, request, context: { params: Promise<{ scorecardSlug: string; personaSlug: string }> }) => {
    const { scorecardSlug, personaSlug } = await context.params;
    const query = parseQuery(request, personaScoresQuerySchema);
    const card = await cachedPersonaScorecard(actor, { scorecardSlug, personaSlug, period: query.period?.slice(0, 7) ?? null });
    if (!card) throw new AppError("NOT_FOUND", "No such scorecard or persona.");
    if (card.periodMessage) throw new AppError("INVALID", card.periodMessage, { period: [card.periodMessage] });
    return Response.json(personaScorecardJson(card) satisfies PersonaScorecardResponseJson, { headers: { "Cache-Control": "private, no-store" } });
  },
);

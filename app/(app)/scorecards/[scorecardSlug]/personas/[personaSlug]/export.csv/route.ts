import { withActor } from "@/lib/auth/route";
import { AppError } from "@/lib/errors";
import { personaScorecardCsv } from "@/lib/export/persona-scorecard-csv";
import { cachedPersonaScorecard } from "@/lib/queries/read-cache";

// GET /scorecards/{slug}/personas/{slug}/export.csv?period=YYYY-MM: the persona scorecard as CSV
// (columns in lib/export/persona-scorecard-csv.ts), the same numbers as the screen.
export const GET = withActor(
  "dashboard.read",
  async (actor, request, context: { params: Promise<{ scorecardSlug: string; personaSlug: string }> }) => {
    const { scorecardSlug, personaSlug } = await context.params;
    const period = new URL(request.url).searchParams.get("period");
    const card = await cachedPersonaScorecard(actor, { scorecardSlug, personaSlug, period });
    if (!card) throw new AppError("NOT_FOUND", "No such scorecard or persona.");
    if (card.periodMessage) throw new AppError("INVALID", card.periodMessage, { period: [card.periodMessage] });
    const month = card.period?.slice(0, 7) ?? "no-data";
    return new Response(personaScorecardCsv(card), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${card.scorecard.slug}-${card.persona.slug}-${month}.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
);

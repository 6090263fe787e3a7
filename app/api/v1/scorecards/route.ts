import { withApiActor } from "@/lib/api/with-api-actor";
import { listScorecardsForApi } from "@/lib/queries/api-catalog";
import type { ScorecardListJson } from "@/lib/api/schemas";

// GET /api/v1/scorecards (bearer token): every scorecard with its slug, name and number of perspectives.
export const GET = withApiActor("dashboard.read", async (actor) =>
  Response.json({ scorecards: await listScorecardsForApi(actor) } satisfies ScorecardListJson, { headers: { "Cache-Control": "private, no-store" } }),
);

import { withApiActor } from "@/lib/api/with-api-actor";
import { listScorecardsForApi } from "@/lib/queries/api-catalog";

// GET /api/v1/scorecards (bearer token): every scorecard with its slug, name and number of perspectives.
export const GET = withApiActor("dashboard.read", async (actor) =>
  Response.json({ scorecards: await listScorecardsForApi(actor) }, { headers: { "Cache-Control": "private, no-store" } }),
);

import { parseQuery } from "@/lib/api/query";
import { withApiActor } from "@/lib/api/with-api-actor";
import { listKpisForApi } from "@/lib/queries/api-kpis";
import { monthStart } from "@/lib/scoring/periods";
import { kpisQuerySchema } from "@/lib/validation/api";
import type { KpiListJson } from "@/lib/api/schemas";

// GET /api/v1/kpis?period=YYYY-MM&scorecard=&persona= (bearer token): every ACTIVE KPI with its
// definition, owner, department and the thresholds in force per persona in that month (default:
// the current month). Unknown scorecard or persona: 404; a malformed parameter: 400 naming it.
export const GET = withApiActor("dashboard.read", async (actor, request) => {
  const query = parseQuery(request, kpisQuerySchema);
  const list = await listKpisForApi(actor, { month: query.period ?? monthStart(new Date()), scorecardSlug: query.scorecard, personaSlug: query.persona });
  return Response.json({ period: list.month, kpis: list.kpis } satisfies KpiListJson, { headers: { "Cache-Control": "private, no-store" } });
});

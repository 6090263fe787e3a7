import { setTargetFromApi, targetsJson } from "@/lib/api/analyst";
import type { ApiTargetsJson } from "@/lib/api/analyst-schemas";
import { withIdempotency } from "@/lib/api/idempotency";
import { parseQuery } from "@/lib/api/query";
import { withApiActor } from "@/lib/api/with-api-actor";
import { noQuerySchema } from "@/lib/validation/api-analyst";

type Context = { params: Promise<{ kpiCode: string }> };

// GET /api/v1/kpis/{code}/targets (every role, like the screen): the KPI's target rows and the
// row in force for each persona in each of the last 12 periods.
export const GET = withApiActor("dashboard.read", async (actor, request, context: Context) => {
  parseQuery(request, noQuerySchema);
  const { kpiCode } = await context.params;
  return Response.json((await targetsJson(actor, kpiCode)) satisfies ApiTargetsJson, { headers: { "Cache-Control": "private, no-store" } });
});

// POST /api/v1/kpis/{code}/targets (analysts and admins): a target row through the set-kpi-target
// command: thresholds checked by lib/scoring (the field named), a row for the same period only with `replace`.
export const POST = withApiActor(
  "target.write",
  withIdempotency(async (actor, request, context: Context) => {
    parseQuery(request, noQuerySchema);
    const { kpiCode } = await context.params;
    return setTargetFromApi(actor, request, kpiCode);
  }),
);

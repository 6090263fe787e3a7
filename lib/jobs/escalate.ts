import "server-only";
import { z } from "zod";
import { evaluatePairs, runEscalations, type EscalationRunResult } from "./escalation/run";
import { defineJob } from "./job";

// The escalation job: opens, raises, updates and resolves escalations for every ACTIVE KPI x
// ACTIVE persona of every scorecard (rules in escalation/evaluate.ts, reads in load.ts, writes
// in write.ts). No Next.js imports: the CLI, the embedded scheduler and tests run it as is.

export { evaluatePairs, runEscalations, type EscalationRunOptions, type EscalationRunResult, type PairRef } from "./escalation/run";

const isoDate = z.iso.date("must be a date, YYYY-MM-DD");

/** Today's date in UTC, 'YYYY-MM-DD': the day the job judges from. */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export const escalateJob = defineJob({
  name: "escalation.evaluate-all",
  payload: z.object({ today: isoDate.optional() }),
  handler: async (payload, { db, pool, writeConcurrency }): Promise<EscalationRunResult> => runEscalations(db, { today: payload.today ?? utcToday(), pool, writeConcurrency }),
});

/** Re-evaluates some KPI x persona pairs (after values changed): the queue's `escalation.evaluate-pair`. */
export const evaluatePairsJob = defineJob({
  name: "escalation.evaluate-pair",
  payload: z.object({ pairs: z.array(z.object({ kpiId: z.string().min(1), personaId: z.string().min(1) })).min(1), today: isoDate.optional() }),
  handler: async (payload, { db, pool, writeConcurrency }): Promise<EscalationRunResult> => evaluatePairs(db, payload.pairs, { today: payload.today ?? utcToday(), pool, writeConcurrency }),
});

/** One line for logs and the CLI. */
export function describeRun(r: EscalationRunResult): string {
  return (
    `opened ${r.opened}, raised ${r.raised}, resolved ${r.resolved}, updated ${r.updated}, unchanged ${r.unchanged}` +
    `${r.converged > 0 ? `, converged ${r.converged}` : ""} (${r.pairs} KPI x persona pairs in ${r.scorecards} scorecards, ${r.ms} ms)`
  );
}

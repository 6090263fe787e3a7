import "server-only";
import type { PrismaClient } from "@/lib/db";
import { evaluatePairs, type EscalationRunResult } from "./escalation/run";

// Draining the PairEvaluationRequest rows that commands enqueue (pair-requests.ts) in-process.

export interface DrainResult extends EscalationRunResult {
  requests: number;
}

/**
 * Judges the waiting pairs in-process, up to `limit` requests: reads them, evaluates their pairs,
 * then deletes exactly the requests it read (a request written meanwhile stays for the next
 * drain). Killed before the delete, the requests stay and are judged again: harmless, the
 * evaluation is idempotent. For the embedded database (one connection, no worker) and tests.
 */
export async function drainPairRequests(db: PrismaClient, options: { today: string; now?: Date; limit?: number }): Promise<DrainResult> {
  const rows = await db.pairEvaluationRequest.findMany({ orderBy: { id: "asc" }, take: options.limit ?? 10_000, select: { id: true, kpiId: true, personaId: true } });
  if (rows.length === 0) return { ...(await evaluatePairs(db, [], options)), requests: 0 };
  const result = await evaluatePairs(db, rows, options);
  await db.pairEvaluationRequest.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
  return { ...result, requests: rows.length };
}

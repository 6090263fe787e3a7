import "server-only";
import type { DbClient } from "@/lib/db";
// Type-only: commands import this file to enqueue, and must not pull the evaluation runner in.
import type { PairRef } from "./escalation/run";

// Incremental re-evaluation, made durable: a value save (or correction, or an import) calls
// enqueuePairEvaluations(tx, pairs) inside its own transaction, which writes one small
// PairEvaluationRequest row per pair. The request commits or rolls back with the change, so a
// committed value always has its re-evaluation waiting, whatever happens to the process next,
// and the web server needs neither a worker nor pg-boss's tables to exist. Who drains them:
//   - on Postgres, every worker (lib/jobs/queue.ts) moves waiting requests into pg-boss's
//     `escalation.evaluate-pair` queue, deleting them in the same transaction as the insert
//     (so a request is never lost nor handed over twice), and pg-boss runs them with retries;
//   - on the embedded database, the app drains them itself right after the commit
//     (lib/jobs/embedded-schedule.ts) and on a short timer, with drainPairRequests (pair-drain.ts).

/** Rows per INSERT: 2 parameters each, far below Postgres's 65,535 bind parameters. */
const INSERT_BATCH = 5_000;

/**
 * Asks for these KPI x persona pairs to be judged again, in the caller's transaction. Duplicates
 * are written once. Bulk imports pass many pairs: one multi-row INSERT per 5,000.
 */
export async function enqueuePairEvaluations(tx: DbClient, pairs: ReadonlyArray<PairRef>): Promise<number> {
  const unique = new Map(pairs.map((p) => [`${p.kpiId}|${p.personaId}`, p]));
  const all = [...unique.values()];
  for (let i = 0; i < all.length; i += INSERT_BATCH) {
    const batch = all.slice(i, i + INSERT_BATCH);
    await tx.$executeRaw`
      INSERT INTO "PairEvaluationRequest" ("kpiId", "personaId")
      SELECT * FROM unnest(${batch.map((p) => p.kpiId)}::text[], ${batch.map((p) => p.personaId)}::text[])`;
  }
  return all.length;
}

/** Requests waiting, oldest first (tests and the worker's status line). */
export async function pendingPairRequests(db: DbClient): Promise<PairRef[]> {
  const rows = await db.pairEvaluationRequest.findMany({ orderBy: { id: "asc" }, select: { kpiId: true, personaId: true } });
  return rows;
}

// A full escalation run in a child process, for the crash and concurrency tests: reports each
// settled pair on stdout ("open", "unchanged", ...) so the parent can kill it half-way, then
// "DONE <result>". Database from DATABASE_URL, "today" from argv[2].
// argv[3], when given, is a number N of openings after which the child holds still (its thread
// blocked, the Nth opening committed and reported) until the parent kills it: the kill then lands
// at a known point, instead of racing the remaining pairs (a loaded parent could see the run end
// before it got to kill it).
import { closeDatabase, getDb } from "@/lib/db";
import { runEscalations } from "@/lib/jobs/escalate";

const today = process.argv[2] ?? "2026-11-05";
const holdAfterOpenings = process.argv[3] ? Number(process.argv[3]) : null;
const HOLD_MS = 120_000; // longer than the parent waits; then the run simply goes on
let openings = 0;
const db = await getDb();
const result = await runEscalations(db, {
  today,
  onOutcome: (outcome) => {
    // Pipes are written synchronously on Linux: the parent can read this line while we hold.
    process.stdout.write(`${outcome}\n`);
    if (outcome === "open" && ++openings === holdAfterOpenings) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, HOLD_MS);
  },
});
process.stdout.write(`DONE ${JSON.stringify(result)}\n`);
await closeDatabase();

// A full escalation run in a child process, for the crash and concurrency tests: reports each
// settled pair on stdout ("open", "unchanged", ...) so the parent can kill it half-way, then
// "DONE <result>". Database from DATABASE_URL, "today" from argv.
import { closeDatabase, getDb } from "@/lib/db";
import { runEscalations } from "@/lib/jobs/escalate";

const today = process.argv[2] ?? "2026-11-05";
const db = await getDb();
const result = await runEscalations(db, { today, onOutcome: (outcome) => process.stdout.write(`${outcome}\n`) });
process.stdout.write(`DONE ${JSON.stringify(result)}\n`);
await closeDatabase();

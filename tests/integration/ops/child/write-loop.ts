// The app's embedded database in a child process, for the SIGKILL test: opens PGLITE_DATA_DIR the
// way the app does (lib/db: PGlite behind its socket server, a pool of one), then saves values
// through the save-measurement command in a loop, one new cell per call, and reports each
// committed one on stdout as "committed <id> <value>" only after the command returned. It never
// stops by itself: the parent kills it (-9). argv[2]: JSON { actor, kpiId, personaIds }.
import type { Actor } from "@/lib/auth/actor";
import { saveMeasurement } from "@/lib/commands";
import { getDb } from "@/lib/db";

const { actor, kpiId, personaIds } = JSON.parse(process.argv[2]!) as { actor: Actor; kpiId: string; personaIds: string[] };
await getDb();
process.stdout.write("ready\n");

const month = (back: number) => {
  const d = new Date(Date.UTC(2026, 9 - back, 1));
  return d.toISOString().slice(0, 10);
};

for (let i = 0; ; i++) {
  const value = String(1000 + i);
  const result = await saveMeasurement(actor, { kpiId, personaId: personaIds[i % personaIds.length]!, period: month(Math.floor(i / personaIds.length)), value });
  if (!result.ok) {
    process.stdout.write(`refused ${result.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`committed ${result.data.measurement.id} ${value}\n`);
}

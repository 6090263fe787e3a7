import type { DbClient, PrismaClient } from "@/lib/db";
import { SCORECARDS } from "./catalogue";
import { demoEndPeriod } from "./end-period";
import { buildDemoPlan } from "./plan";
import { writeKpis, writeTargets } from "./write-kpis-and-targets";
import { writeMeasurements } from "./write-measurements";
import { demoPasswordHashes, writeDepartments, writePersonaAccess, writeUsers } from "./write-people";
import { writePainPointObjectives, writePersonaHistory, writePersonas, writePersonaWeights } from "./write-personas";
import { writeScorecards } from "./write-strategy";

export { assertDemoSeedAllowed, DemoSeedRefusedError } from "./guard";
export { buildDemoPlan, type DemoPlan } from "./plan";
export { demoEndPeriod } from "./end-period";

// Writes the demo catalogue into the database. First a pure plan (plan.ts: every row by
// natural key, values from the seeded random walk), then one transaction that brings the
// database in line with it (write-*.ts): upserts by natural key, bulk inserts for what is
// missing, updates only for rows that differ. Seeding twice therefore writes nothing the
// second time and keeps every id.

export interface SeedSummary {
  departments: number;
  users: number;
  personas: number;
  personaAttributes: number;
  personaWeights: number;
  personaStatusChanges: number;
  personaReviews: number;
  personaPainPoints: number;
  painPointObjectives: number;
  scorecards: number;
  perspectives: number;
  objectives: number;
  objectiveLinks: number;
  objectiveDepartments: number;
  kpis: number;
  targets: number;
  measurements: number;
}

export interface SeedDemoOptions {
  /**
   * Last period with data ('YYYY-MM-01'); the history covers the 24 months ending with it.
   * Default: DEMO_END_PERIOD, else the latest month already overdue today (end-period.ts).
   */
  endPeriod?: string;
}

async function countRows(tx: DbClient): Promise<SeedSummary> {
  // One at a time: an interactive transaction holds a single connection anyway.
  return {
    departments: await tx.department.count(),
    users: await tx.user.count(),
    personas: await tx.persona.count(),
    personaAttributes: await tx.personaAttribute.count(),
    personaWeights: await tx.personaWeight.count(),
    personaStatusChanges: await tx.personaStatusChange.count(),
    personaReviews: await tx.personaReview.count(),
    personaPainPoints: await tx.personaPainPoint.count(),
    painPointObjectives: await tx.painPointObjective.count(),
    scorecards: await tx.scorecard.count(),
    perspectives: await tx.perspective.count(),
    objectives: await tx.strategicObjective.count(),
    objectiveLinks: await tx.objectiveLink.count(),
    objectiveDepartments: await tx.objectiveDepartment.count(),
    kpis: await tx.kpi.count(),
    targets: await tx.kpiTarget.count(),
    measurements: await tx.measurement.count(),
  };
}

/**
 * Seeds (or resets) the demo data and returns the row counts afterwards. Idempotent: a second
 * run changes nothing. All writes share one transaction, so a failure leaves nothing half-written.
 */
export async function seedDemoData(db: PrismaClient, options: SeedDemoOptions = {}): Promise<SeedSummary> {
  const plan = buildDemoPlan(options.endPeriod ?? demoEndPeriod());
  // Hashing happens before the transaction: it is slow and needs no lock.
  const passwordHashes = await demoPasswordHashes(db);
  return db.$transaction(
    async (tx) => {
      const before = await countRows(tx);
      const departments = await writeDepartments(tx);
      const users = await writeUsers(tx, departments, passwordHashes);
      const personas = await writePersonas(tx, plan.calendar);
      await writePersonaAccess(tx, users, personas);
      await writePersonaHistory(tx, plan.calendar, { users, personas });
      const scorecards = await writeScorecards(tx, users, departments);
      await writePainPointObjectives(tx, { personas, objectives: scorecards.objectives });
      const kpis = await writeKpis(tx, plan, { users, departments, scorecards, personas });
      await writePersonaWeights(tx, plan.calendar, { users, personas, scorecards: scorecards.scorecards });
      await writeTargets(tx, plan, { users, personas, kpis });
      const measurements = await writeMeasurements(tx, plan, { users, personas, kpis });
      const after = await countRows(tx);
      await tx.auditEvent.create({
        data: {
          actorId: null,
          actorLabel: "demo-seed",
          action: "demo.seed",
          entityType: "DemoData",
          entityId: SCORECARDS.map((s) => s.slug).join(","),
          before: { ...before },
          after: { ...after, endPeriod: plan.calendar.end, measurementsCreated: measurements.created, measurementsReset: measurements.updated },
        },
      });
      return after;
    },
    // Generous: the embedded database is slow on a cold start, and a pool of one may make us wait.
    { maxWait: 60_000, timeout: 180_000 },
  );
}

import "server-only";
import type { PrismaClient } from "@/lib/db";
import { DEFAULT_GRACE_DAYS, dueState, FREQUENCIES, periodLabel, previousPeriod, type Frequency } from "@/lib/scoring";
import { lastCompletePeriod } from "./escalation/evaluate";

// Reminders for KPI owners: when a period's values are due (the period has ended) and again when
// they are overdue (graceDays after it ended), per KPI frequency. One reminder per owner per
// period per kind, listing the KPIs whose values are missing for some ACTIVE persona, never one per
// cell. A value marked not available is a stated answer: not missing, so not overdue. The
// Notification's unique dedupeKey ("reminder:<kind>:<frequency>:<period>:<owner>") makes the rule
// the database's: running twice, or on two workers at once, writes each reminder once.
// Periods looked at: the last complete period of each frequency and the one before it (so a
// worker that was down while a period turned overdue still sends that reminder).

export interface ReminderOptions {
  /** 'YYYY-MM-DD' */
  today: string;
  graceDays?: number;
}

export interface ReminderResult {
  due: number;
  overdue: number;
  ms: number;
}

interface MissingRow {
  ownerId: string;
  code: string;
  missing: number;
}

export function reminderKey(kind: "DUE" | "OVERDUE", frequency: Frequency, period: string, ownerId: string): string {
  return `reminder:${kind}:${frequency}:${period}:${ownerId}`;
}

export async function runReminders(db: PrismaClient, options: ReminderOptions): Promise<ReminderResult> {
  const started = performance.now();
  const grace = options.graceDays ?? DEFAULT_GRACE_DAYS;
  const result: ReminderResult = { due: 0, overdue: 0, ms: 0 };

  for (const frequency of FREQUENCIES) {
    const last = lastCompletePeriod(frequency, options.today);
    for (const period of [previousPeriod(last, frequency), last]) {
      const state = dueState(period, frequency, options.today, grace);
      if (state === "OPEN") continue;
      // KPIs of this frequency that count in the period (ACTIVE, or RETIRED in this period or later)
      // with an active owner x ACTIVE personas, without a row for the period.
      const truncUnit = frequency === "QUARTERLY" ? "quarter" : "month";
      const rows = await db.$queryRaw<MissingRow[]>`
        SELECT k."ownerId" AS "ownerId", k.code AS code, count(*)::int AS missing
        FROM "Kpi" k
        JOIN "User" u ON u.id = k."ownerId" AND u.active
        CROSS JOIN "Persona" p
        WHERE (k.status = 'ACTIVE' OR (k.status = 'RETIRED' AND date_trunc(${truncUnit}, k."retiredIn")::date >= ${period}::date)) AND k.frequency = ${frequency}::"Frequency" AND p.status = 'ACTIVE'
          AND NOT EXISTS (SELECT 1 FROM "Measurement" m WHERE m."kpiId" = k.id AND m."personaId" = p.id AND m.period = ${period}::date)
          -- An owner restricted to some personas (per-persona access) is reminded of theirs only.
          AND (NOT u."personaScopeRestricted" OR EXISTS (SELECT 1 FROM "UserPersonaAccess" a WHERE a."userId" = u.id AND a."personaId" = p.id))
        GROUP BY k."ownerId", k.code
        ORDER BY k."ownerId", k.code`;
      const byOwner = new Map<string, MissingRow[]>();
      for (const row of rows) byOwner.set(row.ownerId, [...(byOwner.get(row.ownerId) ?? []), row]);
      if (byOwner.size === 0) continue;

      const label = periodLabel(period, frequency);
      const month = period.slice(0, 7);
      const data = [...byOwner].map(([ownerId, kpis]) => {
        const cells = kpis.reduce((sum, k) => sum + k.missing, 0);
        const list = kpis.map((k) => `${k.code} (${k.missing})`).join(", ");
        return {
          userId: ownerId,
          kind: state === "DUE" ? "reminder.due" : "reminder.overdue",
          title:
            state === "DUE"
              ? `Values for ${label} are due: ${cells} missing`
              : `Values for ${label} are overdue: ${cells} missing`,
          body:
            (state === "DUE"
              ? `${label} has ended: please enter its values. `
              : `${label} ended more than ${grace} days ago and some of its values are still missing. `) +
            `Missing values per KPI (personas): ${list}. A value that cannot be had can be marked not available with its reason.`,
          link: `/entry?period=${month}`,
          dedupeKey: reminderKey(state, frequency, period, ownerId),
          emailStatus: "PENDING" as const,
        };
      });
      const { count } = await db.notification.createMany({ data, skipDuplicates: true });
      if (state === "DUE") result.due += count;
      else result.overdue += count;
    }
  }
  result.ms = Math.round(performance.now() - started);
  return result;
}

/** One line for logs. */
export function describeReminders(r: ReminderResult): string {
  return `${r.due} due and ${r.overdue} overdue reminder(s) written (${r.ms} ms)`;
}

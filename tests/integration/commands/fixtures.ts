import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db";
import type { Direction, Frequency, KpiMeasureType, KpiStatus, KpiUnit, PersonaStatus, Role } from "@/lib/generated/prisma/enums";

// Rows for integration tests, created through Prisma on the file's own database.

export const ROLES: Role[] = ["ADMIN", "ANALYST", "KPI_OWNER", "EXECUTIVE"];
export const KNOWN_PASSWORD = "correct horse battery";

let knownHash: Promise<string> | undefined;
/** One argon2 hash per file: hashing costs ~50 ms each. */
export function knownPasswordHash(): Promise<string> {
  knownHash ??= hashPassword(KNOWN_PASSWORD);
  return knownHash;
}

let counter = 0;

export async function makeUser(options: { role?: Role; email?: string; name?: string; active?: boolean; departmentId?: string | null; password?: boolean } = {}) {
  const db = await getDb();
  counter++;
  const role = options.role ?? "EXECUTIVE";
  return db.user.create({
    data: {
      email: options.email ?? `${role.toLowerCase()}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.test`,
      name: options.name ?? `${role} ${counter}`,
      role,
      active: options.active ?? true,
      departmentId: options.departmentId ?? null,
      passwordHash: options.password === false ? null : await knownPasswordHash(),
    },
  });
}

export function actorOf(user: { id: string; role: Role; departmentId: string | null; name: string; email: string }): Actor {
  return { id: user.id, role: user.role, departmentId: user.departmentId, name: user.name, email: user.email };
}

export async function makeActor(role: Role): Promise<Actor> {
  return actorOf(await makeUser({ role }));
}

export async function makeDepartment(name = `Dept ${++counter}`) {
  const db = await getDb();
  return db.department.create({ data: { name } });
}

/** Everything a command could change, as one comparable value. */
export async function snapshot() {
  const db = await getDb();
  const [users, departments, audits, attempts, measurements, revisions, apiTokens, personas, personaHistory, weights] = [
    await db.user.findMany({
      orderBy: { id: "asc" },
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        departmentId: true,
        active: true,
        mustChangePassword: true,
        passwordHash: true,
        personaScopeRestricted: true,
        personaAccess: { orderBy: { personaId: "asc" }, select: { personaId: true } },
      },
    }),
    await db.department.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, description: true } }),
    await db.auditEvent.count(),
    await db.signInAttempt.count(),
    (await db.measurement.findMany({ orderBy: { id: "asc" }, select: { id: true, value: true, notAvailableReason: true, comment: true, version: true } })).map(
      (m) => ({ ...m, value: m.value?.toFixed() ?? null }),
    ),
    await db.measurementRevision.count(),
    await db.apiToken.findMany({ orderBy: { id: "asc" }, select: { id: true, userId: true, name: true, tokenHash: true, expiresAt: true, revokedAt: true } }),
    (await db.persona.findMany({ orderBy: { id: "asc" }, include: { attributes: { orderBy: { id: "asc" } } } })).map((p) => ({ ...p, revenueInfluence: p.revenueInfluence?.toFixed() ?? null })),
    [await db.personaStatusChange.count(), await db.personaReview.count()],
    await db.personaWeight.count(),
  ];
  const strategy = {
    perspectives: (await db.perspective.findMany({ orderBy: { id: "asc" } })).map((p) => ({ ...p, weight: p.weight.toFixed() })),
    objectives: await db.strategicObjective.findMany({ orderBy: { id: "asc" }, include: { departments: { orderBy: { departmentId: "asc" } } } }),
    links: await db.objectiveLink.findMany({ orderBy: { id: "asc" } }),
    kpiPlaces: await db.kpi.findMany({ orderBy: { id: "asc" }, select: { id: true, perspectiveId: true, objectiveId: true } }),
    painPoints: await db.personaPainPoint.findMany({ orderBy: { id: "asc" }, include: { objectives: { orderBy: { objectiveId: "asc" }, select: { objectiveId: true } } } }),
  };
  const escalations = await db.escalation.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, assigneeId: true, acknowledgedById: true, acknowledgedAt: true } });
  const kpis = (
    await db.kpi.findMany({ orderBy: { id: "asc" }, select: { id: true, code: true, name: true, status: true, retiredIn: true, version: true, ownerId: true, reviewedById: true, reviewComment: true } })
  ).map((k) => ({ ...k }));
  const kpiProposalPersonas = await db.kpiProposalPersona.count();
  const escalationEvents = await db.escalationEvent.count();
  const notifications = await db.notification.findMany({ orderBy: { id: "asc" }, select: { id: true, userId: true, readAt: true } });
  const targets = (await db.kpiTarget.findMany({ orderBy: { id: "asc" }, select: { id: true, target: true, green: true, red: true, rationale: true } })).map((t) => ({
    ...t,
    target: t.target.toFixed(),
    green: t.green.toFixed(),
    red: t.red.toFixed(),
  }));
  const pairRequests = await db.pairEvaluationRequest.count();
  return { users, departments, audits, attempts, measurements, revisions, apiTokens, personas, personaHistory, weights, strategy, escalations, escalationEvents, notifications, targets, pairRequests, kpis, kpiProposalPersonas };
}

// ───────────────────────────── KPIs, personas, targets ─────────────────────────────

export interface KpiOptions {
  ownerId: string | null;
  unit?: KpiUnit;
  measureType?: KpiMeasureType;
  scale?: [number, number];
  frequency?: Frequency;
  direction?: Direction;
  status?: KpiStatus;
  /** Default thresholds (HIGHER_IS_BETTER): target 90, green 80, red 60, in force since 2020. */
  thresholds?: { target: number; green: number; red: number } | null;
}

/** A KPI in a scorecard of its own, with default thresholds. */
export async function makeKpi(options: KpiOptions) {
  const db = await getDb();
  const n = ++counter;
  const scorecard = await db.scorecard.create({ data: { slug: `sc-${n}-${Math.random().toString(36).slice(2, 6)}`, name: `Scorecard ${n}` } });
  const perspective = await db.perspective.create({ data: { scorecardId: scorecard.id, name: "Customer", order: 1 } });
  const kpi = await db.kpi.create({
    data: {
      code: `T-${n}-${Math.random().toString(36).slice(2, 6).toUpperCase()}`,
      name: `Test KPI ${n}`,
      perspectiveId: perspective.id,
      timing: "LAGGING",
      unit: options.unit ?? "PERCENT",
      measureType: options.measureType ?? "QUANTITATIVE",
      scaleMin: options.scale?.[0],
      scaleMax: options.scale?.[1],
      direction: options.direction ?? "HIGHER_IS_BETTER",
      frequency: options.frequency ?? "MONTHLY",
      status: options.status ?? "ACTIVE",
      // A retired KPI carries the period it was retired in (a CHECK): long ago unless a test says otherwise.
      retiredIn: options.status === "RETIRED" ? new Date("2020-01-01T00:00:00Z") : null,
      ownerId: options.ownerId,
    },
  });
  const t = options.thresholds === undefined ? { target: 90, green: 80, red: 60 } : options.thresholds;
  if (t) await db.kpiTarget.create({ data: { kpiId: kpi.id, personaId: null, effectiveFrom: new Date("2020-01-01T00:00:00Z"), ...t } });
  return kpi;
}

export async function makePersona(status: PersonaStatus = "ACTIVE") {
  const db = await getDb();
  const n = ++counter;
  return db.persona.create({ data: { slug: `persona-${n}-${Math.random().toString(36).slice(2, 6)}`, name: `Persona ${n}`, description: "Test persona", status } });
}

export async function auditEventsFor(entityId: string) {
  const db = await getDb();
  // Two events can share a millisecond: the id (time, then a counter) keeps the order they were made in.
  return db.auditEvent.findMany({ where: { entityId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
}

// ───────────────────────────── Strategy ─────────────────────────────

/** A scorecard with one perspective ("Customer", weight 1) of its own. */
export async function makeScorecard() {
  const db = await getDb();
  const n = ++counter;
  const scorecard = await db.scorecard.create({ data: { slug: `card-${n}-${Math.random().toString(36).slice(2, 6)}`, name: `Card ${n}` } });
  const perspective = await db.perspective.create({ data: { scorecardId: scorecard.id, name: "Customer", order: 1 } });
  return { scorecard, perspective };
}

/** An objective in the given perspective (or in a new scorecard's). */
export async function makeObjective(perspectiveId?: string, title = `Objective ${++counter}`) {
  const db = await getDb();
  const pid = perspectiveId ?? (await makeScorecard()).perspective.id;
  return db.strategicObjective.create({ data: { perspectiveId: pid, title } });
}

/** A persona with pain points (texts in order); returns the persona and its pain point rows. */
export async function makePersonaWithPainPoints(texts: string[], status: PersonaStatus = "ACTIVE") {
  const db = await getDb();
  const persona = await makePersona(status);
  await db.personaPainPoint.createMany({ data: texts.map((text, order) => ({ personaId: persona.id, text, order })) });
  const painPoints = await db.personaPainPoint.findMany({ where: { personaId: persona.id }, orderBy: { order: "asc" } });
  return { persona, painPoints };
}

import "server-only";
import { isProposal, proposalResource, type Resource } from "@/lib/auth/policy";
import type { DbClient } from "@/lib/db";
import { fail } from "../command";
import { assertSeenVersion } from "../version-check";

// What the KPI commands share: loading the KPI they change, refusing an edit made on a version
// someone else replaced meanwhile (optimistic concurrency on Kpi.version), the checks of a
// definition that need the database, and the KPI as the audit log keeps it.

export const KPI_ENTITY = "Kpi";

export const kpiAuditSelect = {
  id: true,
  code: true,
  name: true,
  description: true,
  perspectiveId: true,
  objectiveId: true,
  timing: true,
  measureType: true,
  scaleMin: true,
  scaleMax: true,
  unit: true,
  currencyCode: true,
  durationUnit: true,
  direction: true,
  frequency: true,
  weight: true,
  ownerId: true,
  departmentId: true,
  sourceSystem: true,
  transformation: true,
  status: true,
  retiredIn: true,
  statusRationale: true,
  justification: true,
  evidence: true,
  proposedById: true,
  reviewedById: true,
  reviewComment: true,
  reviewedAt: true,
  version: true,
} as const;

type Dec = { toString(): string } | null;

export async function loadKpiForEdit(tx: DbClient, kpiId: string) {
  const kpi = await tx.kpi.findUnique({ where: { id: kpiId }, select: kpiAuditSelect });
  if (!kpi) fail("NOT_FOUND", "That KPI no longer exists. Reload the page.");
  return kpi;
}

/**
 * The policy resource of a change to a KPI that is a proposal (PROPOSED, or REJECTED as its record):
 * who proposed it and every persona it is about, so a restricted editor must see all of them
 * (kpi.review always; kpi.write and target.write while it is a proposal). Undefined for an approved
 * KPI (everyone's) or a missing one (the command answers NOT_FOUND).
 */
export async function kpiProposalResource(tx: DbClient, kpiId: string, opts: { always?: boolean } = {}): Promise<Resource | undefined> {
  const kpi = await tx.kpi.findUnique({ where: { id: kpiId }, select: { status: true, proposedById: true, proposalPersonas: { select: { personaId: true } } } });
  if (!kpi || (!opts.always && !isProposal(kpi.status))) return undefined;
  return proposalResource({ proposedById: kpi.proposedById, personaIds: kpi.proposalPersonas.map((p) => p.personaId) });
}

/** Refuses (CONFLICT) when the KPI moved past the version the editor saw (lib/commands/version-check). */
export function assertKpiVersion(tx: DbClient, kpi: { id: string; version: number }, seen: number): Promise<void> {
  return assertSeenVersion(tx, { entityType: KPI_ENTITY, noun: "KPI" }, kpi, seen);
}

export interface DefinitionRefs {
  code: string;
  perspectiveId: string;
  objectiveId: string | null;
  ownerId: string | null;
  departmentId: string | null;
}

/**
 * The rules of a definition that need the database, each naming its field: the code is free,
 * the perspective exists, the objective belongs to that perspective, the owner is an active user
 * who can enter values (a KPI owner or an administrator), the department exists.
 */
export async function checkDefinition(tx: DbClient, input: DefinitionRefs, kpiId: string | null): Promise<void> {
  const [sameCode, perspective, objective, owner, department] = await Promise.all([
    tx.kpi.findUnique({ where: { code: input.code }, select: { id: true, status: true } }),
    tx.perspective.findUnique({ where: { id: input.perspectiveId }, select: { id: true, name: true } }),
    input.objectiveId ? tx.strategicObjective.findUnique({ where: { id: input.objectiveId }, select: { perspectiveId: true, title: true } }) : null,
    input.ownerId ? tx.user.findUnique({ where: { id: input.ownerId }, select: { name: true, active: true } }) : null,
    input.departmentId ? tx.department.findUnique({ where: { id: input.departmentId }, select: { id: true } }) : null,
  ]);
  const errors: Record<string, string[]> = {};
  if (sameCode && sameCode.id !== kpiId) {
    errors.code = [`The code “${input.code}” is taken by another KPI${sameCode.status === "REJECTED" ? " (a rejected proposal, kept as a record)" : ""}.`];
  }
  if (!perspective) errors.perspectiveId = ["That perspective no longer exists. Choose another."];
  if (input.objectiveId && !objective) errors.objectiveId = ["That objective no longer exists. Choose another."];
  else if (objective && perspective && objective.perspectiveId !== perspective.id) {
    errors.objectiveId = [`The objective “${objective.title}” belongs to another perspective than ${perspective.name}: choose one of ${perspective.name}'s objectives.`];
  }
  if (input.ownerId) {
    if (!owner) errors.ownerId = ["That user no longer exists. Choose another owner."];
    else if (!owner.active) errors.ownerId = [`${owner.name} is deactivated: the owner must be an active user.`];
  }
  if (input.departmentId && !department) errors.departmentId = ["That department no longer exists. Choose another."];
  if (Object.keys(errors).length > 0) fail("INVALID", "Some fields need attention.", errors);
}

const dec = (d: Dec) => (d === null ? null : d.toString());
const day = (d: Date | null) => (d === null ? null : d.toISOString().slice(0, 10));

/** The KPI as the audit log keeps it (plain JSON). */
export function kpiAuditJson(k: {
  code: string;
  name: string;
  description: string | null;
  perspectiveId: string;
  objectiveId: string | null;
  timing: string;
  measureType: string;
  scaleMin: Dec;
  scaleMax: Dec;
  unit: string;
  currencyCode: string | null;
  durationUnit: string | null;
  direction: string;
  frequency: string;
  weight: { toString(): string };
  ownerId: string | null;
  departmentId: string | null;
  sourceSystem: string | null;
  transformation: string | null;
  status: string;
  retiredIn: Date | null;
  statusRationale: string | null;
  justification: string | null;
  evidence: string | null;
  reviewComment: string | null;
  version: number;
}) {
  return {
    code: k.code,
    name: k.name,
    description: k.description,
    perspectiveId: k.perspectiveId,
    objectiveId: k.objectiveId,
    timing: k.timing,
    measureType: k.measureType,
    scaleMin: dec(k.scaleMin),
    scaleMax: dec(k.scaleMax),
    unit: k.unit,
    currencyCode: k.currencyCode,
    durationUnit: k.durationUnit,
    direction: k.direction,
    frequency: k.frequency,
    weight: k.weight.toString(),
    ownerId: k.ownerId,
    departmentId: k.departmentId,
    sourceSystem: k.sourceSystem,
    transformation: k.transformation,
    status: k.status,
    retiredIn: day(k.retiredIn),
    statusRationale: k.statusRationale,
    justification: k.justification,
    evidence: k.evidence,
    reviewComment: k.reviewComment,
    version: k.version,
  };
}

/** The definition fields as Prisma data (decimals as strings). */
export function definitionData(input: {
  code: string;
  name: string;
  description: string | null;
  perspectiveId: string;
  objectiveId: string | null;
  timing: "LEADING" | "LAGGING";
  measureType: "QUANTITATIVE" | "QUALITATIVE";
  scaleMin: number | null;
  scaleMax: number | null;
  unit: "PERCENT" | "RATIO" | "COUNT" | "CURRENCY" | "DURATION" | "SCORE";
  currencyCode: string | null;
  durationUnit: string | null;
  direction: "HIGHER_IS_BETTER" | "LOWER_IS_BETTER" | "TARGET_RANGE";
  frequency: "MONTHLY" | "QUARTERLY";
  weight: number;
  ownerId: string | null;
  departmentId: string | null;
  sourceSystem: string | null;
  transformation: string | null;
}) {
  return {
    code: input.code,
    name: input.name,
    description: input.description,
    perspectiveId: input.perspectiveId,
    objectiveId: input.objectiveId,
    timing: input.timing,
    measureType: input.measureType,
    scaleMin: input.scaleMin === null ? null : String(input.scaleMin),
    scaleMax: input.scaleMax === null ? null : String(input.scaleMax),
    unit: input.unit,
    currencyCode: input.currencyCode,
    durationUnit: input.durationUnit,
    direction: input.direction,
    frequency: input.frequency,
    weight: String(input.weight),
    ownerId: input.ownerId,
    departmentId: input.departmentId,
    sourceSystem: input.sourceSystem,
    transformation: input.transformation,
  };
}

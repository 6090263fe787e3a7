"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { toActionState, type ActionState } from "@/lib/commands/action-state";
import { changeKpiStatus } from "@/lib/commands/kpis/change-kpi-status";
import { proposeKpi } from "@/lib/commands/kpis/propose-kpi";
import { reviewKpiProposal } from "@/lib/commands/kpis/review-kpi-proposal";
import { updateKpi } from "@/lib/commands/kpis/update-kpi";
import { formDataToObject } from "@/lib/validation/common";

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));

function revalidateKpis(code?: string) {
  revalidatePath("/kpis");
  revalidatePath("/kpis/proposals");
  if (code) revalidatePath(`/kpis/${encodeURIComponent(code)}`);
}

export async function proposeKpiAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const personaIds = sent.personaIds === undefined ? [] : Array.isArray(sent.personaIds) ? sent.personaIds : [sent.personaIds];
  const result = await proposeKpi(actor, { ...sent, personaIds });
  if (result.ok) {
    revalidateKpis(result.data.kpi.code);
    redirect(`/kpis/${encodeURIComponent(result.data.kpi.code)}/review?proposed=1`);
  }
  const state = toActionState(result.ok ? { ok: true, data: undefined } : result, sent, "");
  // Checked personas come back as one comma-separated value, so the form can tick them again.
  if (!state.ok) state.values.personaIds = personaIds.join(",");
  return state;
}

export async function updateKpiAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await updateKpi(actor, sent);
  if (result.ok) {
    revalidateKpis(result.data.kpi.code);
    if (result.data.kpi.code !== one(sent.currentCode)) redirect(`/kpis/${encodeURIComponent(result.data.kpi.code)}/edit`);
    return toActionState({ ok: true, data: undefined }, sent, result.data.changed ? "Changes saved." : "Nothing had changed: no change to save.");
  }
  return toActionState(result, sent, "");
}

export async function changeKpiStatusAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await changeKpiStatus(actor, sent);
  if (result.ok) revalidateKpis(result.data.kpi.code);
  return toActionState(result.ok ? { ok: true, data: undefined } : result, sent, result.ok ? (result.data.kpi.status === "RETIRED" ? "The KPI is retired." : "The KPI is active again.") : "");
}

export async function reviewKpiProposalAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await reviewKpiProposal(actor, sent);
  if (result.ok) revalidateKpis(result.data.kpi.code);
  return toActionState(result.ok ? { ok: true, data: undefined } : result, sent, result.ok ? (result.data.kpi.status === "ACTIVE" ? "Approved: the KPI is active." : "Rejected: the proposal is kept as a record.") : "");
}

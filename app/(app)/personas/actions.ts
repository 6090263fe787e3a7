"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { formatDate } from "@/lib/format";
import { toActionState, type ActionState } from "@/lib/commands/action-state";
import { changePersonaStatus } from "@/lib/commands/personas/change-persona-status";
import { mapPainPoint } from "@/lib/commands/personas/map-pain-point";
import { unmapPainPoint } from "@/lib/commands/personas/unmap-pain-point";
import { createPersona } from "@/lib/commands/personas/create-persona";
import { reviewPersona } from "@/lib/commands/personas/review-persona";
import { updatePersona } from "@/lib/commands/personas/update-persona";
import { formDataToObject } from "@/lib/validation/common";
import { ATTRIBUTE_KINDS, parseAttributeLines, parseLines } from "@/lib/validation/personas";

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));

export async function createPersonaAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await createPersona(actor, sent);
  if (result.ok) {
    revalidatePath("/personas");
    redirect(`/personas/${result.data.persona.slug}?created=1`);
  }
  return toActionState(result.ok ? { ok: true, data: undefined } : result, sent, "Persona created.");
}

/** The edit form: attributes come as one textarea per kind ("Label: value" per line), pain points one per line. */
export async function updatePersonaAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const attributes = [];
  const lineErrors: Record<string, string[]> = {};
  for (const kind of ATTRIBUTE_KINDS) {
    const parsed = parseAttributeLines(kind, one(sent[`attributes_${kind}`]));
    attributes.push(...parsed.attributes);
    if (parsed.badLines.length > 0) {
      lineErrors[`attributes_${kind}`] = [`Write each attribute as “Label: value”; line ${parsed.badLines.join(", ")} has no colon.`];
    }
  }
  if (Object.keys(lineErrors).length > 0) {
    return toActionState({ ok: false, code: "INVALID", message: "Some fields need attention.", fieldErrors: lineErrors }, sent, "");
  }
  const result = await updatePersona(actor, { ...sent, attributes, painPoints: parseLines(one(sent.painPoints)) });
  if (result.ok) {
    revalidatePath("/personas");
    revalidatePath(`/personas/${result.data.persona.slug}`);
    if (result.data.persona.slug !== one(sent.currentSlug)) redirect(`/personas/${result.data.persona.slug}`);
    return toActionState({ ok: true, data: undefined }, sent, result.data.changed ? "Changes saved." : "Nothing had changed: no change to save.");
  }
  // Errors about one attribute ("attributes.3.label") belong to its kind's textarea.
  const fieldErrors: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(result.fieldErrors)) {
    const match = /^attributes\.(\d+)/.exec(key);
    const target = match ? `attributes_${attributes[Number(match[1])]?.kind ?? "DEMOGRAPHIC"}` : key.startsWith("painPoints") ? "painPoints" : key;
    fieldErrors[target] = [...(fieldErrors[target] ?? []), ...messages];
  }
  return toActionState({ ...result, fieldErrors }, sent, "");
}

export async function changePersonaStatusAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await changePersonaStatus(actor, sent);
  if (result.ok) {
    revalidatePath("/personas");
    revalidatePath(`/personas/${result.data.persona.slug}`);
  }
  const word = { DRAFT: "draft", ACTIVE: "active", SUNSET: "sunset" } as const;
  return toActionState(result.ok ? { ok: true, data: undefined } : result, sent, result.ok ? `The persona is now ${word[result.data.persona.status]}.` : "");
}

export async function reviewPersonaAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await reviewPersona(actor, sent);
  if (result.ok) {
    revalidatePath("/personas");
    revalidatePath(`/personas/${result.data.persona.slug}`);
    revalidatePath("/");
  }
  return toActionState(result.ok ? { ok: true, data: undefined } : result, sent, result.ok ? `Review recorded. Next review due ${formatDate(result.data.persona.nextReviewOn)}.` : "");
}

export async function mapPainPointAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await mapPainPoint(actor, sent);
  if (result.ok) revalidatePath(`/personas/${result.data.personaSlug}`);
  return toActionState(result.ok ? { ok: true, data: undefined } : result, sent, result.ok ? `“${result.data.objective}” now addresses “${result.data.painPoint}”.` : "");
}

export async function unmapPainPointAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await unmapPainPoint(actor, sent);
  if (result.ok) revalidatePath(`/personas/${result.data.personaSlug}`);
  return toActionState(result.ok ? { ok: true, data: undefined } : result, sent, result.ok ? `“${result.data.objective}” no longer addresses “${result.data.painPoint}”.` : "");
}

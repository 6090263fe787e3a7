import type { AttributeKindValue, PersonaStatusValue } from "@/lib/validation/personas";

// Words for persona enums, shared by server pages and client forms (a "use client" module's
// constants cannot be read by a server component).

export const KIND_LABELS: Record<AttributeKindValue, string> = {
  DEMOGRAPHIC: "Demographic",
  GEOGRAPHIC: "Geographic",
  PSYCHOGRAPHIC: "Psychographic",
  BEHAVIOURAL: "Behavioural",
};

export const STATUS_WORDS: Record<PersonaStatusValue, string> = { DRAFT: "Draft", ACTIVE: "Active", SUNSET: "Sunset" };

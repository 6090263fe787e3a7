// Why a perspective or an objective cannot be deleted, in one set of words for the command that
// refuses it and for the strategy editor, which shows the reason in place of Delete (so the
// screen never offers what the command refuses, and the two cannot drift).
//
// The KPIs are those the actor may be told of (shared.ts kpisTheActorSees): a proposal hidden from
// them is neither counted nor named. Hidden ones still block the delete (integrity holds for
// everyone); when only they do, the reason says so without a number or a name.

/** How many of an objective's KPIs a refusal names (the rest are "…"). */
export const OBJECTIVE_KPIS_NAMED = 5;

/** The KPIs in the way as the actor may be told of them: `hidden` when some were left out. */
export interface KpisInTheWay {
  count: number;
  /** Codes in code order; only the first OBJECTIVE_KPIS_NAMED are named. */
  codes?: readonly string[];
  hidden: boolean;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The refusal when everything in the way is hidden from the actor: refused all the same, with no number or name. */
export function hiddenContentsRefusal(name: string, rule: string): string {
  return `“${name}” cannot be deleted yet: ${rule}. An analyst or administrator who sees all personas can tell you what is still in the way.`;
}

/** Why this actor cannot delete the perspective (it must hold no objectives and no KPIs), or null when they can. */
export function perspectiveDeleteRefusal(name: string, objectives: number, kpis: KpisInTheWay): string | null {
  if (objectives > 0 || kpis.count > 0) {
    const parts = [objectives > 0 ? plural(objectives, "objective") : null, kpis.count > 0 ? plural(kpis.count, "KPI") : null].filter(Boolean).join(" and ");
    return `“${name}” still holds ${parts}. Move them to another perspective or delete them first; only an empty perspective can be deleted.`;
  }
  return kpis.hidden ? hiddenContentsRefusal(name, "only an empty perspective can be deleted") : null;
}

/** Why this actor cannot delete the objective (no KPI may measure it), naming the KPIs they see, or null when they can. */
export function objectiveDeleteRefusal(title: string, kpis: KpisInTheWay): string | null {
  const { count } = kpis;
  if (count > 0) {
    const codes = (kpis.codes ?? []).slice(0, OBJECTIVE_KPIS_NAMED);
    const named = codes.length > 0 ? ` (${codes.join(", ")}${count > codes.length ? ", …" : ""})` : "";
    return `${plural(count, "KPI")} ${count === 1 ? "measures" : "measure"} “${title}”${named}. Point ${count === 1 ? "it" : "them"} at another objective first; only an objective without KPIs can be deleted.`;
  }
  return kpis.hidden ? hiddenContentsRefusal(title, "only an objective without KPIs can be deleted") : null;
}

"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { toActionState, type ActionState } from "@/lib/commands/action-state";
import { setKpiTarget } from "@/lib/commands/targets/set-kpi-target";
import { formDataToObject } from "@/lib/validation/common";

/** Sets a KPI target (default or a persona's override) through the command; the page shows the new row and grid. */
export async function setKpiTargetAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await setKpiTarget(actor, sent);
  if (result.ok) {
    const code = encodeURIComponent(result.data.target.kpiCode);
    revalidatePath(`/kpis/${code}/targets`);
    revalidatePath(`/kpis/${code}`);
    revalidatePath("/scorecards", "layout");
  }
  return toActionState(result.ok ? { ok: true, data: undefined } : result, sent, () => {
    if (!result.ok) return "";
    const who = result.data.target.personaName ? `for ${result.data.target.personaName}` : "as the KPI default";
    return `Target ${result.data.replaced ? "replaced" : "saved"} ${who} from ${result.data.target.effectiveFrom.slice(0, 7)}.`;
  });
}

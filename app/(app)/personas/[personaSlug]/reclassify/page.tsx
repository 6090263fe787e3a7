import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PersonaStepHeader } from "@/components/personas/persona-step-header";
import { ReclassifyForm } from "@/components/personas/reclassify-form";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePermission } from "@/lib/auth/session";
import { getReclassifyPage } from "@/lib/queries/persona-merge";
import { reclassifyAction } from "./actions";

export const metadata: Metadata = { title: "Move misfiled values" };

export default async function ReclassifyPage({ params }: { params: Promise<{ personaSlug: string }> }) {
  const actor = await requirePermission("persona.write");
  const { personaSlug } = await params;
  const page = await getReclassifyPage(actor, personaSlug);
  if (!page) notFound();
  const { persona } = page;

  return (
    <>
      <PersonaStepHeader
        persona={persona}
        title={`Move values filed under ${persona.name}`}
        description="When a classification error upstream filed values under the wrong persona: move the values of chosen KPIs and months to the persona they belong to. Each value keeps its history."
      />
      <Card title="Reclassify values" description="Preview first: it counts the values that move and lists those the other persona already has. Nothing changes until you move them; then all move, or none.">
        {page.kpis.length === 0 || !page.range ? (
          <EmptyState title={`${persona.name} has no values`} action={{ href: `/personas/${persona.slug}`, label: `Back to ${persona.name}` }}>
            There is nothing filed under this persona to move.
          </EmptyState>
        ) : page.destinations.length === 0 ? (
          <EmptyState title="No active persona to move values to" action={{ href: "/personas", label: "See all personas" }}>
            Values can only move to an active persona. Activate one first.
          </EmptyState>
        ) : (
          <ReclassifyForm
            action={reclassifyAction}
            persona={{ id: persona.id, name: persona.name }}
            destinations={page.destinations.map((d) => ({ id: d.id, name: d.name }))}
            kpis={page.kpis}
            range={page.range}
          />
        )}
      </Card>
    </>
  );
}

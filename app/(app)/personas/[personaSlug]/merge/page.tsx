import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MergeForm } from "@/components/personas/merge-form";
import { PersonaStepHeader } from "@/components/personas/persona-step-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { requirePermission } from "@/lib/auth/session";
import { getMergePage } from "@/lib/queries/persona-merge";
import { mergeAction } from "./actions";

export const metadata: Metadata = { title: "Merge persona" };

export default async function MergePersonaPage({ params }: { params: Promise<{ personaSlug: string }> }) {
  const actor = await requirePermission("persona.write");
  const { personaSlug } = await params;
  const page = await getMergePage(actor, personaSlug);
  if (!page) notFound();
  const { persona } = page;

  return (
    <>
      <PersonaStepHeader
        persona={persona}
        title={`Merge ${persona.name} into another persona`}
        description="For two personas that turned out to be one segment. The preview shows how alike they are and exactly what moves; nothing changes until you merge."
      />
      {page.refusal ? (
        <Notice tone="warning">
          {page.refusal}{" "}
          {persona.mergedInto ? (
            <Link href={`/personas/${persona.mergedInto.slug}`} className="underline underline-offset-2">
              Open {persona.mergedInto.name}
            </Link>
          ) : null}
        </Notice>
      ) : (
        <Card
          title="Merge"
          description="Its values, own targets and weight go to the persona you choose; its open escalations are resolved; it becomes sunset, “merged into” that persona. One step, all or nothing."
        >
          {page.candidates.length === 0 ? (
            <EmptyState title="No active persona to merge into" action={{ href: "/personas", label: "See all personas" }}>
              A persona can only be merged into an active one. Activate another persona first.
            </EmptyState>
          ) : (
            <MergeForm action={mergeAction} persona={{ id: persona.id, name: persona.name }} candidates={page.candidates.map((c) => ({ id: c.id, name: c.name }))} />
          )}
        </Card>
      )}
    </>
  );
}

import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import type { PersonaStatusValue } from "@/lib/validation/personas";
import { PersonaStatusBadge } from "./persona-status";

// The top of a screen that acts on one persona (merge it, move its misfiled values): the way
// back to the persona, the title and what the screen does, and the persona's status.

export function PersonaStepHeader({
  persona,
  title,
  description,
}: {
  persona: { slug: string; name: string; status: PersonaStatusValue };
  title: string;
  description: string;
}) {
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/personas/${persona.slug}`} className="text-brand-700 underline-offset-2 hover:underline">
          ← {persona.name}
        </Link>
      </p>
      <PageHeader title={title} description={description}>
        <PersonaStatusBadge status={persona.status} />
      </PageHeader>
    </>
  );
}

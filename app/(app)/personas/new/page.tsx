import type { Metadata } from "next";
import Link from "next/link";
import { CreatePersonaForm } from "@/components/personas/persona-forms";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { EVERY_PERSONA, refusal } from "@/lib/auth/policy";
import { requirePermission } from "@/lib/auth/session";
import { createPersonaAction } from "../actions";

export const metadata: Metadata = { title: "New persona" };

export default async function NewPersonaPage() {
  const actor = await requirePermission("persona.write");
  const refused = refusal(actor, "persona.write", EVERY_PERSONA);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/personas" className="text-brand-700 underline-offset-2 hover:underline">
          ← All personas
        </Link>
      </p>
      <PageHeader title="New persona" description="Name and describe the persona; attributes and pain points are added on its page once it exists." />
      <div className="max-w-2xl">
        <Card>
          {refused !== null ? <Notice>{refused}</Notice> : <CreatePersonaForm action={createPersonaAction} />}
        </Card>
      </div>
    </>
  );
}

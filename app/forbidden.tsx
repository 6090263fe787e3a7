import type { Metadata } from "next";
import Link from "next/link";
import { forbiddenPageReason } from "@/lib/auth/policy";
import { getActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Not allowed" };

// Rendered with HTTP 403 by forbidden() (next/navigation) when a signed-in role may not open a page.
export default async function Forbidden() {
  const actor = await getActor();
  return (
    <div className="mx-auto max-w-xl px-6 py-24 text-center">
      <p className="text-sm font-semibold text-status-red">
        <span aria-hidden="true">■ </span>403 · Not allowed
      </p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">You do not have access to this page</h1>
      <p className="mt-2 text-slate-600">{forbiddenPageReason(actor)}</p>
      <div className="mt-6 flex justify-center gap-3">
        <Link href="/" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Back to the overview
        </Link>
      </div>
    </div>
  );
}

import type { Metadata } from "next";
import { SignOutForm } from "@/components/forms/sign-out-form";
import { getActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign out" };

export default async function SignOutPage() {
  const actor = await getActor();
  return (
    <main id="main" className="flex min-h-screen items-start justify-center px-4 py-12 sm:items-center">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold text-slate-900">Sign out</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">
          {actor ? `You are signed in as ${actor.name} (${actor.email}).` : "You are not signed in on this browser."}
        </p>
        <SignOutForm signedIn={actor !== null} />
      </div>
    </main>
  );
}

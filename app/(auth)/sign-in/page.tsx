import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/forms/sign-in-form";
import { oidcSignIn } from "@/lib/auth/options";
import { getActor, safeCallbackPath } from "@/lib/auth/session";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(first(params.callbackUrl));
  // Already signed in (and still active): nothing to do here.
  if (await getActor()) redirect(callbackUrl);

  return (
    <main id="main" className="flex min-h-screen items-start justify-center px-4 py-12 sm:items-center">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <div className="mb-6 flex items-center gap-2">
          {/* eslint-disable-next-line @next/next/no-img-element -- a 28 px static SVG needs no optimisation */}
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span className="font-semibold text-brand-900">Persona Scorecard</span>
        </div>
        <h1 className="text-xl font-semibold text-slate-900">Sign in</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">Use the email address your administrator registered for you.</p>
        <SignInForm callbackUrl={callbackUrl} initialError={signInErrorMessage(first(params.error))} oidc={oidcSignIn()} />
      </div>
    </main>
  );
}

"use client";

import Link from "next/link";
import { signOut } from "next-auth/react";
import { useState } from "react";

/** Signs out through next-auth (a POST carrying its CSRF token), then shows the sign-in page. */
export function SignOutForm({ signedIn }: { signedIn: boolean }) {
  const [pending, setPending] = useState(false);
  if (!signedIn) {
    return (
      <Link href="/sign-in" className="inline-flex rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        Sign in
      </Link>
    );
  }
  return (
    <div className="flex flex-wrap gap-3">
      <button
        type="button"
        disabled={pending}
        aria-disabled={pending}
        onClick={() => {
          setPending(true);
          void signOut({ callbackUrl: "/sign-in" });
        }}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:bg-brand-600/60"
      >
        {pending ? "Signing out…" : "Sign out"}
      </button>
      <Link href="/" className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
        Cancel
      </Link>
    </div>
  );
}

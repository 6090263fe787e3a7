"use client";

import { signIn } from "next-auth/react";
import { useId, useRef, useState } from "react";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { fieldIds, TextField } from "./field";
import { FormMessage } from "./form-message";

type FieldErrors = { email?: string[]; password?: string[] };

/** Email + password through next-auth's credentials provider; errors in words beside the fields. */
export function SignInForm({ callbackUrl, initialError, oidc }: { callbackUrl: string; initialError: string | null; oidc: { id: string; name: string } | null }) {
  const formId = useId();
  const [message, setMessage] = useState<string | null>(initialError);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const messageRef = useRef<HTMLDivElement>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const values = { email: String(data.get("email") ?? "").trim(), password: String(data.get("password") ?? "") };
    const errors: FieldErrors = {};
    if (!values.email) errors.email = ["Enter your email address."];
    if (!values.password) errors.password = ["Enter your password."];
    setFieldErrors(errors);
    if (errors.email || errors.password) {
      setMessage(null);
      document.getElementById(fieldIds(errors.email ? "email" : "password", formId).input)?.focus();
      return;
    }
    setPending(true);
    setMessage(null);
    try {
      const result = await signIn("credentials", { ...values, redirect: false, callbackUrl });
      if (result?.ok && !result.error) {
        // A full navigation, so the signed-in layout renders from the server with the new session.
        window.location.assign(callbackUrl);
        return;
      }
      setMessage(signInErrorMessage(result?.error ?? "CredentialsSignin"));
    } catch {
      setMessage("We could not reach the server. Check your connection and try again.");
    }
    setPending(false);
    requestAnimationFrame(() => messageRef.current?.focus());
  }

  return (
    <div className="space-y-6">
      <div ref={messageRef} tabIndex={-1} className="outline-none">
        {message ? <FormMessage tone="error">{message}</FormMessage> : null}
      </div>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <TextField name="email" label="Email" formId={formId} type="email" autoComplete="username" inputMode="email" required errors={fieldErrors.email} />
        <TextField name="password" label="Password" formId={formId} type="password" autoComplete="current-password" required errors={fieldErrors.password} />
        <button
          type="submit"
          disabled={pending}
          aria-disabled={pending}
          className="w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:bg-brand-600/60"
        >
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {oidc ? (
        <div className="space-y-3">
          <p className="flex items-center gap-3 text-xs uppercase tracking-wide text-slate-500">
            <span className="h-px flex-1 bg-slate-200" aria-hidden="true" />
            or
            <span className="h-px flex-1 bg-slate-200" aria-hidden="true" />
          </p>
          <button
            type="button"
            onClick={() => void signIn(oidc.id, { callbackUrl })}
            className="w-full rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100"
          >
            Continue with {oidc.name}
          </button>
        </div>
      ) : null}
    </div>
  );
}

"use client";

import { signIn } from "next-auth/react";
import { useId, useRef, useState } from "react";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { FieldError, fieldIds } from "./field";
import { FormMessage } from "./form-message";

type FieldErrors = { email?: string[]; password?: string[] };

/** Email + password through next-auth's credentials provider; errors in words beside the fields. */
export function SignInForm({ callbackUrl, initialError, oidc }: { callbackUrl: string; initialError: string | null; oidc: { id: string; name: string } | null }) {
  const formId = useId();
  const [message, setMessage] = useState<string | null>(initialError);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const messageRef = useRef<HTMLDivElement>(null);
  const email = fieldIds("email", formId);
  const password = fieldIds("password", formId);

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
      document.getElementById(errors.email ? email.input : password.input)?.focus();
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
        <div>
          <label htmlFor={email.input} className="block text-sm font-medium text-slate-800">
            Email
          </label>
          <input
            id={email.input}
            name="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            required
            aria-invalid={fieldErrors.email ? true : undefined}
            aria-describedby={fieldErrors.email ? email.error : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-status-red"
          />
          <FieldError id={email.error} errors={fieldErrors.email} />
        </div>
        <div>
          <label htmlFor={password.input} className="block text-sm font-medium text-slate-800">
            Password
          </label>
          <input
            id={password.input}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={fieldErrors.password ? true : undefined}
            aria-describedby={fieldErrors.password ? password.error : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-status-red"
          />
          <FieldError id={password.error} errors={fieldErrors.password} />
        </div>
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

import type { Metadata } from "next";
import Link from "next/link";
import { ChangePasswordForm } from "@/components/forms/change-password-form";
import { EmailNotificationsForm } from "@/components/forms/email-notifications-form";
import { FormMessage } from "@/components/forms/form-message";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/validation/users";
import { SignOutEverywhereForm } from "@/components/forms/sign-out-everywhere-form";
import { changeOwnPasswordAction, setEmailNotificationsAction, signOutEverywhereAction } from "./actions";
import { getMyAccount } from "@/lib/queries/account";

export const metadata: Metadata = { title: "My account" };

export default async function AccountPage() {
  const actor = await requireActor();
  const me = await getMyAccount(actor);

  return (
    <>
      <PageHeader title="My account" description="Your details, your password and how you are notified. An administrator changes your name, role and department." />
      {actor.mustChangePassword ? (
        <div className="mb-6">
          <FormMessage tone="info">You signed in with a temporary password. Choose your own password below to continue using it safely.</FormMessage>
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Your details">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="font-medium text-slate-700">Name</dt>
            <dd>{actor.name}</dd>
            <dt className="font-medium text-slate-700">Email</dt>
            <dd className="break-all">{actor.email}</dd>
            <dt className="font-medium text-slate-700">Role</dt>
            <dd>
              {ROLE_LABELS[actor.role]}
              <span className="block text-xs text-slate-600">{ROLE_DESCRIPTIONS[actor.role]}</span>
            </dd>
            <dt className="font-medium text-slate-700">Department</dt>
            <dd>{me.department ?? "None"}</dd>
          </dl>
        </Card>
        <Card title="Change my password">
          {me.hasPassword ? (
            <ChangePasswordForm action={changeOwnPasswordAction} email={actor.email} />
          ) : (
            <p className="text-sm text-slate-600">You sign in through single sign-on, so there is no password to change here.</p>
          )}
        </Card>
        <Card title="E-mail notifications">
          <EmailNotificationsForm action={setEmailNotificationsAction} enabled={me.emailNotifications} />
        </Card>
        <Card title="Sessions">
          <SignOutEverywhereForm action={signOutEverywhereAction} user={{ id: actor.id, name: actor.name }} self />
        </Card>
        <Card title="API tokens">
          <p className="text-sm text-slate-600">
            Scripts and other tools read scorecards through the REST API with a personal token.{" "}
            <Link href="/account/tokens" className="text-brand-700 underline">
              Manage my API tokens
            </Link>
          </p>
        </Card>
      </div>
    </>
  );
}

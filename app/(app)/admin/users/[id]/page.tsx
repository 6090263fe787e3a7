import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActiveBadge, RoleBadge } from "@/components/admin/badges";
import { EditUserForm } from "@/components/admin/edit-user-form";
import { PersonaAccessForm } from "@/components/admin/persona-access-form";
import { ResetPasswordForm, UserActiveForm } from "@/components/admin/user-access-forms";
import { SignOutEverywhereForm } from "@/components/forms/sign-out-everywhere-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { formatDate } from "@/lib/format";
import { resetUserPasswordAction, setPersonaAccessAction, setUserActiveAction, signUserOutEverywhereAction, updateUserAction } from "../actions";
import { departmentOptions, getPersonaAccessForAdmin, getUserForAdmin } from "@/lib/queries/admin-users";

export const metadata: Metadata = { title: "User" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("user.manage");
  const { id } = await params;
  const user = await getUserForAdmin(actor, id);
  if (!user) notFound();
  const [departments, access] = await Promise.all([departmentOptions(actor), getPersonaAccessForAdmin(actor, id)]);
  if (!access) notFound();
  const lastActiveAdmin = user.role === "ADMIN" && user.active && user.activeAdmins <= 1;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/users" className="text-brand-700 underline-offset-2 hover:underline">
          ← All users
        </Link>
      </p>
      <PageHeader title={user.name} description={<span className="break-all">{user.email}</span>}>
        <RoleBadge role={user.role} />
        <ActiveBadge active={user.active} />
        {user.personaAccessCount !== null ? (
          <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-amber-300 ring-inset">
            Sees {user.personaAccessCount} {user.personaAccessCount === 1 ? "persona" : "personas"}
          </span>
        ) : null}
      </PageHeader>
      <p className="-mt-4 mb-6 text-sm text-slate-600">
        {user.lastSignInAt ? `Last signed in ${formatDate(user.lastSignInAt)}.` : "Has not signed in yet."}{" "}
        {user.mustChangePassword ? "Still using a temporary password." : null}
        {!user.hasPassword ? "Signs in through single sign-on only." : null}
      </p>

      <div className="grid gap-6 lg:grid-cols-2">
        <div className="space-y-6">
          <Card title="Details and role">
            <EditUserForm action={updateUserAction} user={user} departments={departments} lastActiveAdmin={lastActiveAdmin} />
          </Card>
          <Card title="Persona access">
            <PersonaAccessForm action={setPersonaAccessAction} userId={user.id} access={access} />
          </Card>
        </div>
        <div className="space-y-6">
          <Card title="Password">
            <ResetPasswordForm action={resetUserPasswordAction} user={user} />
          </Card>
          <Card title="Sessions">
            <SignOutEverywhereForm action={signUserOutEverywhereAction} user={user} self={user.id === actor.id} />
          </Card>
          <Card title={user.active ? "Deactivate" : "Reactivate"}>
            {lastActiveAdmin ? (
              <p className="text-sm text-slate-600">This is the last active administrator, so the account cannot be deactivated.</p>
            ) : (
              <UserActiveForm action={setUserActiveAction} user={user} self={user.id === actor.id} />
            )}
          </Card>
        </div>
      </div>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { ActiveBadge, RoleBadge } from "@/components/admin/badges";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { requirePermission } from "@/lib/auth/session";
import { formatDate } from "@/lib/format";
import { createUserAction } from "./actions";
import { departmentOptions, listUsers } from "@/lib/queries/admin-users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requirePermission("user.manage");
  const [users, departments] = [await listUsers(actor), await departmentOptions(actor)];
  const active = users.filter((u) => u.active).length;

  return (
    <>
      <PageHeader
        title="Users"
        description="Who can sign in and what their role lets them do. New users get a temporary password, shown once, and choose their own when they first sign in."
      />

      <Card title="Create a user" className="mb-8">
        <CreateUserForm action={createUserAction} departments={departments} />
      </Card>

      <section aria-labelledby="users-heading">
        <h2 id="users-heading" className="mb-3 text-lg font-semibold text-slate-900">
          All users <span className="text-sm font-normal text-slate-600">({active} active of {users.length})</span>
        </h2>
        {users.length === 0 ? (
          <EmptyState title="No users yet">Create the first one with the form above.</EmptyState>
        ) : (
          <ScrollRegion label="Users" boxClassName="rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Users, active first</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Name
                  </th>
                  <th scope="col" className="hidden px-3 py-2 sm:table-cell">
                    Role
                  </th>
                  <th scope="col" className="hidden px-3 py-2 md:table-cell">
                    Department
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Status
                  </th>
                  <th scope="col" className="hidden px-3 py-2 lg:table-cell">
                    Last sign-in
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {users.map((user) => (
                  <tr key={user.id} className={user.active ? "" : "bg-slate-50 text-slate-600"}>
                    <td className="max-w-[14rem] px-3 py-2">
                      <Link href={`/admin/users/${user.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                        {user.name}
                        {user.id === actor.id ? <span className="text-slate-600"> (you)</span> : null}
                      </Link>
                      <span className="block break-all text-xs text-slate-600">{user.email}</span>
                      <span className="mt-1 block sm:hidden">
                        <RoleBadge role={user.role} />
                      </span>
                    </td>
                    <td className="hidden px-3 py-2 sm:table-cell">
                      <RoleBadge role={user.role} />
                    </td>
                    <td className="hidden px-3 py-2 md:table-cell">{user.department ?? <span className="text-slate-500">None</span>}</td>
                    <td className="px-3 py-2">
                      <ActiveBadge active={user.active} />
                      {user.mustChangePassword ? <span className="mt-1 block text-xs text-slate-600">Temporary password</span> : null}
                      {user.personaAccessCount !== null ? (
                        <span className="mt-1 block text-xs text-slate-600">
                          Sees {user.personaAccessCount} {user.personaAccessCount === 1 ? "persona" : "personas"}
                        </span>
                      ) : null}
                    </td>
                    <td className="hidden px-3 py-2 lg:table-cell">{user.lastSignInAt ? formatDate(user.lastSignInAt) : <span className="text-slate-500">Never</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { CreateApiTokenForm, RevokeApiTokenButton } from "@/components/forms/api-token-forms";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { requireActor } from "@/lib/auth/session";
import { formatDate, formatDateTime } from "@/lib/format";
import { getMyApiTokens } from "@/lib/queries/my-api-tokens";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

const STATE_LABELS = { active: "Active", expired: "Expired", revoked: "Revoked" } as const;

export default async function ApiTokensPage() {
  const actor = await requireActor();
  const tokens = await getMyApiTokens(actor);

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let scripts read scorecards through the REST API (/api/v1) as you, with your role. Revoke a token you no longer use."
      />
      <p className="mb-4 text-sm">
        <Link href="/account" className="text-brand-700 underline">
          Back to my account
        </Link>
      </p>
      <div className="grid gap-6 lg:grid-cols-[1fr_2fr]">
        <Card title="Create a token">
          <CreateApiTokenForm action={createApiTokenAction} />
        </Card>
        <Card title="Your tokens">
          {tokens.length === 0 ? (
            <p className="text-sm text-slate-600">You have no API tokens yet.</p>
          ) : (
            <ScrollRegion label="Your API tokens">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Your API tokens</caption>
                <thead>
                  <tr className="border-b border-slate-200 text-slate-700">
                    <th scope="col" className="py-2 pr-3 font-medium">Name</th>
                    <th scope="col" className="py-2 pr-3 font-medium">Starts with</th>
                    <th scope="col" className="py-2 pr-3 font-medium">Created</th>
                    <th scope="col" className="py-2 pr-3 font-medium">Last used</th>
                    <th scope="col" className="py-2 pr-3 font-medium">Expires</th>
                    <th scope="col" className="py-2 pr-3 font-medium">State</th>
                    <th scope="col" className="py-2 font-medium"><span className="sr-only">Actions</span></th>
                  </tr>
                </thead>
                <tbody>
                  {tokens.map((t) => (
                    <tr key={t.id} className="border-b border-slate-100 align-top">
                      <th scope="row" className="py-2 pr-3 font-medium text-slate-900">{t.name}</th>
                      <td className="py-2 pr-3 font-mono text-xs">{t.prefix}…</td>
                      <td className="py-2 pr-3">{formatDate(t.createdAt)}</td>
                      <td className="py-2 pr-3">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Never"}</td>
                      <td className="py-2 pr-3">{t.expiresAt ? formatDate(t.expiresAt) : "Never"}</td>
                      <td className="py-2 pr-3">
                        {STATE_LABELS[t.state]}
                        {t.revokedAt ? <span className="block text-xs text-slate-600">{formatDateTime(t.revokedAt)}</span> : null}
                      </td>
                      <td className="py-2">
                        {t.state === "revoked" ? null : <RevokeApiTokenButton action={revokeApiTokenAction} tokenId={t.id} name={t.name} />}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </Card>
      </div>
    </>
  );
}

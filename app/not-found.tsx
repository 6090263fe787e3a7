import Link from "next/link";
import { connection } from "next/server";

export default async function NotFound() {
  // Rendered per request, not prerendered: a static page would carry no CSP nonce, and the
  // policy (proxy.ts) would then block its scripts.
  await connection();
  return (
    <main id="main" className="mx-auto max-w-xl px-6 py-24 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">This page does not exist</h1>
      <p className="mt-2 text-slate-600">The link may be out of date, or the item was removed or renamed.</p>
      <Link href="/" className="mt-6 inline-flex rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        Back to the overview
      </Link>
    </main>
  );
}

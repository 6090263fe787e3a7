import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";

// next-auth's endpoints (/api/auth/signin, /callback/credentials, /session, /signout, /csrf...).
// The options are built on the first request, so `next build` never needs the secret.

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: Request, context: Context): Promise<Response> {
  return NextAuth(request as never, context as never, getAuthOptions());
}

export { handler as GET, handler as POST };

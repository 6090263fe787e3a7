import type { Role } from "@/lib/generated/prisma/enums";

// What our session and JWT carry (lib/auth/options callbacks).
declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string; role: Role; departmentId: string | null; signedInAt?: number };
  }
  interface User {
    role?: Role;
    departmentId?: string | null;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    departmentId?: string | null;
    /** When this session began (ms since epoch): kept across the token's rolling renewals. */
    signedInAt?: number;
  }
}

import type { Role } from "@/lib/generated/prisma/enums";

/** Who is acting: from a session, an API token, or the system (jobs, seed). Commands take it as an argument. */
export interface Actor {
  id: string;
  role: Role;
  departmentId: string | null;
  name: string;
  email: string;
  /** Set after an admin issued a temporary password: the screens ask the user to change it. */
  mustChangePassword?: boolean;
}

export type { Role };

import Link from "next/link";
import { FormMessage } from "./form-message";

/** For the signed-in layout: shown while the user still has a temporary password. */
export function MustChangePasswordNotice() {
  return (
    <FormMessage tone="info">
      You are using a temporary password.{" "}
      <Link href="/account" className="font-medium underline underline-offset-2">
        Choose your own password now
      </Link>
      .
    </FormMessage>
  );
}

import "server-only";
import { env } from "@/lib/env";

/**
 * A missing value is overdue this many days after its period ended. The reminders' grace
 * (REMINDER_GRACE_DAYS, default 10), so the screens and the reminder e-mails agree.
 */
export function overdueAfterDays(): number {
  return env().REMINDER_GRACE_DAYS;
}

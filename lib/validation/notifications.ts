import { z } from "zod";
import { idSchema } from "./common";

// In-app notifications (issue 12): mark one, or all of one's own, as read.

export const markNotificationReadSchema = z.object({ notificationId: idSchema("Notification") });

export const markAllNotificationsReadSchema = z.object({});

import "server-only";

// Every command, by audit name. Server actions import the one they wrap; the REST API,
// importers, jobs and the property-based test can walk this list.
export { changeOwnPassword } from "./account/change-own-password";
export { signOutEverywhere } from "./account/sign-out-everywhere";
export { setEmailNotifications } from "./account/set-email-notifications";
export { createDepartment } from "./departments/create-department";
export { deleteDepartment } from "./departments/delete-department";
export { updateDepartment } from "./departments/update-department";
export { acknowledgeEscalation } from "./escalations/acknowledge-escalation";
export { addActionPlan } from "./escalations/add-action-plan";
export { commentOnEscalation } from "./escalations/comment-on-escalation";
export { reassignEscalation } from "./escalations/reassign-escalation";
export { changeKpiStatus } from "./kpis/change-kpi-status";
export { proposeKpi } from "./kpis/propose-kpi";
export { reviewKpiProposal } from "./kpis/review-kpi-proposal";
export { updateKpi } from "./kpis/update-kpi";
export { importMeasurements } from "./measurements/import-measurements";
export { changePersonaStatus } from "./personas/change-persona-status";
export { createPersona } from "./personas/create-persona";
export { mergePersonas } from "./personas/merge-personas";
export { reclassifyMeasurements } from "./personas/reclassify-measurements";
export { reviewPersona } from "./personas/review-persona";
export { updatePersona } from "./personas/update-persona";
export { saveMeasurement } from "./measurements/save-measurement";
export { markAllNotificationsRead } from "./notifications/mark-all-notifications-read";
export { markNotificationRead } from "./notifications/mark-notification-read";
export { setKpiTarget } from "./targets/set-kpi-target";
export { createApiToken } from "./tokens/create-api-token";
export { revokeApiToken } from "./tokens/revoke-api-token";
export { createUser } from "./users/create-user";
export { deactivateUser } from "./users/deactivate-user";
export { reactivateUser } from "./users/reactivate-user";
export { resetUserPassword } from "./users/reset-user-password";
export { setPersonaAccess } from "./users/set-persona-access";
export { updateUser } from "./users/update-user";
export { recalibrateWeights } from "./weights/recalibrate-weights";
export type { Command, CommandResult } from "./command";

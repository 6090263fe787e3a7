import "server-only";

// Every command, by audit name. Server actions import the one they wrap; the REST API,
// importers, jobs and the property-based test can walk this list.
export { changeOwnPassword } from "./account/change-own-password";
export { createDepartment } from "./departments/create-department";
export { deleteDepartment } from "./departments/delete-department";
export { updateDepartment } from "./departments/update-department";
export { changePersonaStatus } from "./personas/change-persona-status";
export { createPersona } from "./personas/create-persona";
export { reviewPersona } from "./personas/review-persona";
export { updatePersona } from "./personas/update-persona";
export { saveMeasurement } from "./measurements/save-measurement";
export { createApiToken } from "./tokens/create-api-token";
export { revokeApiToken } from "./tokens/revoke-api-token";
export { createUser } from "./users/create-user";
export { deactivateUser } from "./users/deactivate-user";
export { reactivateUser } from "./users/reactivate-user";
export { resetUserPassword } from "./users/reset-user-password";
export { updateUser } from "./users/update-user";
export { recalibrateWeights } from "./weights/recalibrate-weights";
export type { Command, CommandResult } from "./command";

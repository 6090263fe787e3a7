import { exportResponse } from "../export";

// GET /entry/export.csv?kpi=&persona=&from=YYYY-MM&to=YYYY-MM: saved values in the import's
// columns (an owner's own KPIs; an admin's all), so the file re-imports as all "unchanged".
export const GET = exportResponse("csv");

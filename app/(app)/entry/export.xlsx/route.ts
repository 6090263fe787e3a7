import { exportResponse } from "../export";

// GET /entry/export.xlsx?kpi=&persona=&from=YYYY-MM&to=YYYY-MM: the same as export.csv, as a workbook.
export const GET = exportResponse("xlsx");

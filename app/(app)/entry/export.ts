import "server-only";
import { withActor } from "@/lib/auth/route";
import { AppError } from "@/lib/errors";
import { measurementsCsv, measurementsXlsx } from "@/lib/export/measurements";
import { getMeasurementExport } from "@/lib/queries/measurement-export";
import { fieldErrorsFrom } from "@/lib/validation/common";
import { measurementExportFilterSchema } from "@/lib/validation/imports";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The route handler of /entry/export.csv or .xlsx. */
export function exportResponse(kind: "csv" | "xlsx") {
  return withActor("measurement.enter", async (actor, request) => {
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const parsed = measurementExportFilterSchema.safeParse(params);
    if (!parsed.success) {
      const fieldErrors = fieldErrorsFrom(parsed.error);
      throw new AppError("INVALID", Object.values(fieldErrors)[0]?.[0] ?? "Check the filters.", fieldErrors);
    }
    const rows = await getMeasurementExport(actor, parsed.data);
    const f = parsed.data;
    const name = ["values", f.kpi, f.persona, f.from?.slice(0, 7), f.to?.slice(0, 7)].filter(Boolean).join("-").replace(/[^A-Za-z0-9._-]/g, "_");
    const headers = {
      "Content-Disposition": `attachment; filename="${name}.${kind}"`,
      "Cache-Control": "private, no-store",
    };
    if (kind === "csv") return new Response(measurementsCsv(rows), { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
    const bytes = await measurementsXlsx(rows);
    return new Response(bytes as BodyInit, { headers: { ...headers, "Content-Type": XLSX_TYPE } });
  });
}

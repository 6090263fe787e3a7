import { importUploadedFile } from "@/lib/api/imports";
import { problemFrom } from "@/lib/api/problem";
import { requireRouteActor } from "@/lib/auth/route";
import { AppError } from "@/lib/errors";

// POST /entry/import/upload?dryRun=true|false: the import screen's upload (signed-in session),
// answered exactly like POST /api/v1/imports. Same-origin only: a form on another site cannot
// post here with the session.
export async function POST(request: Request): Promise<Response> {
  try {
    const origin = request.headers.get("origin");
    const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host;
    if (origin !== null && origin !== "null" && URL.canParse(origin) && new URL(origin).host !== host) {
      throw new AppError("FORBIDDEN", "Uploads are accepted from this site only.");
    }
    const actor = await requireRouteActor("measurement.enter");
    return await importUploadedFile(actor, request, "IMPORT");
  } catch (error) {
    return problemFrom(error);
  }
}

import { openApiDocument } from "@/lib/api/openapi/document";

// GET /api/v1/openapi.json: the OpenAPI 3.1 document of /api/v1, generated from the endpoint
// registry (lib/api/openapi) and the same zod schemas the endpoints validate with. Public: it
// describes the API, not its data.
export async function GET(): Promise<Response> {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}

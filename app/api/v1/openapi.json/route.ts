import { openApiDocument } from "@/lib/api/v1/openapi";

/** GET /api/v1/openapi.json: the API described, generated from its zod schemas. */
export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}

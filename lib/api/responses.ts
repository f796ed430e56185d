/**
 * One error shape for every failure of the JSON API:
 *   { "error": { "code", "message", "fields" } }
 * with the HTTP status that says what kind of failure it is.
 */
import { randomBytes } from "node:crypto";
import { httpError, isAppError } from "../errors";
import { findUnsafeAddress, findUnsafeText, subjectOfJsonPath, unsafeAddressMessage, unsafeTextMessage } from "../text/safe-text";

export type ApiErrorCode =
  | "invalid_request"
  | "unauthenticated"
  | "forbidden"
  | "csrf"
  | "not_found"
  | "conflict"
  | "precondition_failed"
  | "payload_too_large"
  | "rate_limited"
  | "internal_error";

export type ApiErrorBody = { error: { code: ApiErrorCode; message: string; fields: Record<string, string>; reference?: string } };

const NO_STORE = { "Cache-Control": "no-store" };

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

export function apiError(status: number, code: ApiErrorCode, message: string, fields: Record<string, string> = {}): Response {
  const body: ApiErrorBody = { error: { code, message, fields } };
  return json(body, status);
}

/**
 * Maps an error to its response: an application error by lib/errors.ts
 * (httpError), the one mapping the API's handlers share. Anything unexpected becomes a 500 with a
 * reference to quote, logged with the same reference; no internals leak.
 */
export function errorToResponse(error: unknown): Response {
  if (isAppError(error)) {
    const { status, code, message, fields } = httpError(error);
    return apiError(status, code, message, fields);
  }
  const reference = randomBytes(4).toString("hex").toUpperCase();
  console.error(`Unexpected error (reference ${reference}):`, error);
  const body: ApiErrorBody = {
    error: {
      code: "internal_error",
      message: `Something went wrong on our side and nothing was saved. Try again; if it keeps happening, quote reference ${reference} to your administrator.`,
      fields: {},
      reference,
    },
  };
  return json(body, 500);
}

/** The largest JSON body the API accepts; longer text fields are limited well below this. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * Reads a JSON body, answering 400 for malformed JSON, 413 for an oversized
 * body, and 400 naming the field for text Parley cannot store (a null
 * character, half of an emoji, a control character other than tab and line
 * breaks: lib/text/safe-text.ts), so no such text reaches a use case.
 */
export async function readJson(request: Request): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) {
    return {
      ok: false,
      response: apiError(413, "payload_too_large", `The request is larger than ${MAX_BODY_BYTES / 1024} kB. Shorten the text and try again.`),
    };
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    return {
      ok: false,
      response: apiError(413, "payload_too_large", `The request is larger than ${MAX_BODY_BYTES / 1024} kB. Shorten the text and try again.`),
    };
  }
  if (text.trim() === "") return { ok: true, body: {} };
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    return {
      ok: false,
      response: apiError(400, "invalid_request", "The request body is not valid JSON. Send a JSON object with Content-Type: application/json."),
    };
  }
  const unsafe = findUnsafeText(body, "multi-line");
  if (unsafe) {
    const message = unsafeTextMessage(subjectOfJsonPath(unsafe), unsafe.kind, unsafe);
    return { ok: false, response: apiError(400, "invalid_request", message, unsafe.path === "" ? {} : { [unsafe.path]: message }) };
  }
  return { ok: true, body };
}

/**
 * The address of an API request under the same rule: the first query parameter
 * (by name) or path parameter (`params`, as the route decoded them) holding a
 * control character, a null character or half of an emoji, or a broken
 * %-escape, as a 400 naming it; null when the address is fine. proxy.ts refuses
 * such addresses before any route runs; this keeps the handlers safe on their own.
 */
export function unsafeAddressResponse(request: Request, params: Record<string, string> = {}): Response | null {
  const url = new URL(request.url);
  const inQuery = findUnsafeAddress("", url.search);
  if (inQuery && inQuery.part === "query") {
    const message = unsafeAddressMessage(inQuery);
    return apiError(400, "invalid_request", message, { [inQuery.name]: message });
  }
  const inParams = findUnsafeText(params, "single-line");
  if (inParams) {
    const message = unsafeAddressMessage({ kind: inParams.kind, index: inParams.index, part: "path", segment: 0 });
    return apiError(400, "invalid_request", message, { [inParams.path]: message });
  }
  return null;
}

import { decodeParam, seeOther, signInUrl } from "@/lib/auth/redirects";
import { actorForApi, currentRequestContext } from "@/lib/auth/server";
import { getDatabase } from "@/lib/db/client";
import { getEscalation, NotFoundError } from "@/lib/escalations";
import { partnershipDirectory } from "@/lib/escalations/directory";
import { buildFormDocument } from "@/lib/forms/build";
import { formFingerprint, formHtml } from "@/lib/forms/html";
import { formSourceOfSetting, parseVersion } from "@/lib/forms/page";
import { PdfRenderError, pdfRendererFrom, renderPdf } from "@/lib/forms/pdf";
import { formPath } from "@/lib/forms/policy-forms";
import { policyRegistry } from "@/lib/server/policies";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const notFound = () => new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * GET /p/{partnership}/disputes/{id}/forms/{formId}/pdf[?version=N]: the form
 * as a PDF, printed by the server's headless Chromium from the form's own
 * standalone HTML (lib/forms/pdf.ts). Whoever may see the dispute, through the
 * dispute page's own load (getEscalation, which records the view); anyone else
 * gets a 404, and someone signed out is sent to sign in and back to the form.
 * Without a browser, or if printing fails, back to the form's page, which says
 * to use the browser's Print: never an error page.
 */
export async function GET(request: Request, { params }: { params: Promise<{ partnership: string; id: string; formId: string }> }): Promise<Response> {
  const raw = await params;
  const partnershipId = decodeParam(raw.partnership);
  const disputeId = decodeParam(raw.id);
  const formId = decodeParam(raw.formId);
  const url = new URL(request.url);
  const version = parseVersion(url.searchParams.get("version") ?? undefined);
  if (version === null) return notFound();
  const page = formPath(partnershipId, disputeId, formId, version === undefined ? {} : { version });
  const back = (why: "unavailable" | "failed") => seeOther(`${page}${page.includes("?") ? "&" : "?"}pdf=${why}`);

  const auth = await actorForApi(request, partnershipId);
  if (!auth.ok) return auth.status === 401 ? seeOther(signInUrl(page)) : notFound();
  const db = await getDatabase();
  const policies = policyRegistry();
  let view;
  try {
    view = await getEscalation(db, auth.actor, disputeId, { policies }, await currentRequestContext());
  } catch (error) {
    if (error instanceof NotFoundError) return notFound();
    throw error;
  }
  const policy = policies.get(view.policy.id, view.policy.version);
  if (!policy) throw new Error(`Policy ${view.policy.id}@${view.policy.version} is not loaded.`);
  const directory = await partnershipDirectory(db, auth.actor);
  const source = formSourceOfSetting({ view, policy, calendar: policies.calendarFor(policy), directory, partnershipId });
  const doc = buildFormDocument(source, formId, version);
  if (!doc) return notFound();

  const renderer = pdfRendererFrom();
  if (renderer.kind === "none") {
    console.warn(`[forms] PDF asked for, but ${renderer.reason}`);
    return back("unavailable");
  }
  let pdf: Buffer;
  try {
    pdf = await renderPdf(formHtml(doc, { fingerprint: formFingerprint(doc) }), renderer);
  } catch (error) {
    if (!(error instanceof PdfRenderError)) throw error;
    console.error(`[forms] ${doc.reference} ${formId}: ${error.message}`);
    return back("failed");
  }
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${doc.fileName}.pdf"`,
      "Content-Length": String(pdf.length),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

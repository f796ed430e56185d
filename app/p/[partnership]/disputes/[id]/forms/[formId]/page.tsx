import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/back-link";
import { FormDocument } from "@/components/form-document";
import { NotificationBanner } from "@/components/notification-banner";
import { PrintButton } from "@/components/print-button";
import { WarningText } from "@/components/warning-text";
import { decodeParam } from "@/lib/auth/redirects";
import { formPage, parseVersion } from "@/lib/forms/page";
import { pdfRendererFrom } from "@/lib/forms/pdf";
import { disputeSettingForRequest } from "../../../_lib/dispute-setting";
import { one, type SearchParams } from "../../../_lib/server";

type Params = Promise<{ partnership: string; id: string; formId: string }>;

/** The form as the reader may see it, through the dispute page's own load (getEscalation): a dispute they may not see is not found. */
async function load(params: Params, searchParams: SearchParams) {
  const { partnership, id, formId } = await params;
  const version = parseVersion(one((await searchParams).version));
  if (version === null) notFound();
  const setting = await disputeSettingForRequest(partnership, id);
  const page = formPage(setting, decodeParam(formId), version, pdfRendererFrom());
  if (!page) notFound();
  return page;
}

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: SearchParams }): Promise<Metadata> {
  const page = await load(params, searchParams);
  return { title: `${page.doc.title} – ${page.doc.reference}` };
}

const PDF_PROBLEMS: Record<string, string> = {
  unavailable: 'This server cannot make PDFs. Use your browser\'s Print instead, and choose "Save as PDF" to keep a copy.',
  failed: 'The PDF could not be made just now. Try again, or use your browser\'s Print and choose "Save as PDF".',
};

/** A form the policy names, filled in from the dispute's record: to read, print, or download as a PDF. */
export default async function DisputeFormPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const page = await load(params, searchParams);
  const problem = PDF_PROBLEMS[one((await searchParams).pdf) ?? ""];
  const { doc } = page;
  return (
    <div className="max-w-4xl">
      <div className="print-hidden">
        <BackLink href={page.disputeHref}>Back to the dispute</BackLink>
        {problem ? (
          <NotificationBanner title="The PDF">
            <p>{problem}</p>
          </NotificationBanner>
        ) : null}
        {!page.isLatest ? (
          <WarningText>
            This is the form as the record stood at version {doc.version}. The record has changed since.{" "}
            <Link href={page.latestHref}>See the form as it stands now</Link>.
          </WarningText>
        ) : null}
        <div className="mb-8 border-l-4 border-[var(--color-brand)] bg-[var(--color-panel)] p-4">
          <p className="mb-3">
            Filled in from the dispute&apos;s record. Print it, or keep it as a PDF, and send it where the policy says. Printed, the page is the form alone.
          </p>
          <div className="flex flex-wrap items-center gap-4">
            <PrintButton />
            {page.pdf.available ? (
              // A plain link: the response is a file (Content-Disposition: attachment), or, if the PDF cannot be made, this page again with why.
              <a href={page.pdf.href}>
                Download this form as a PDF<span className="sr-only"> ({doc.title})</span>
              </a>
            ) : (
              <span>To keep a PDF, use your browser&apos;s Print and choose &quot;Save as PDF&quot;: this server does not make PDFs itself.</span>
            )}
          </div>
          {page.recordHref ? (
            <p className="mt-3">
              <Link href={page.recordHref}>Record that you have completed and sent this form</Link>
            </p>
          ) : null}
        </div>
      </div>

      <FormDocument doc={doc} fingerprint={page.fingerprint} />

      <section aria-labelledby="completions-title" className="print-hidden mt-10">
        <h2 id="completions-title" className="mb-3 text-2xl font-bold">
          Recorded as completed
        </h2>
        {page.completions.length === 0 ? (
          <p>This form has not been recorded as completed on this dispute.</p>
        ) : (
          <ul className="border-t border-[var(--color-border)]">
            {page.completions.map((c, i) => (
              <li key={i} className="border-b border-[var(--color-border)] py-3">
                <p className="font-bold">
                  By {c.who}, at {c.when}
                </p>
                {c.document ? (
                  <>
                    <p>
                      They sent the form Parley produced from version {c.document.version} of the record (fingerprint{" "}
                      <span className="break-all font-mono">{c.document.sha256}</span>).{" "}
                      {c.document.matches
                        ? "Built again today from that version, it is the same document."
                        : "Built again today from that version, it differs (a name in it has changed since)."}
                    </p>
                    <p>
                      <Link href={c.document.href}>See the form as it was sent (version {c.document.version})</Link>
                    </p>
                  </>
                ) : (
                  <p>No document was recorded with it: the form sent was completed outside Parley, or before Parley kept the document.</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

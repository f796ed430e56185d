import type { Metadata } from "next";
import { BackLink } from "@/components/back-link";
import { ErrorSummary } from "@/components/error-summary";
import { Button, TextInput } from "@/components/form-fields";
import { exampleReference, isReferenceProblem, partnershipNaming, referenceProblemMessage, tidyReference } from "@/lib/audit/dispute-trail";
import { appNow } from "@/lib/clock";
import { getDatabase } from "@/lib/db/client";
import { adminPath, requireAdmin } from "../_lib";

type Query = { reference?: string | string[]; error?: string | string[] };
type Props = { params: Promise<{ partnership: string }>; searchParams: Promise<Query> };

const TITLE = "Audit trail of a dispute";
const one = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? "") : (value ?? "")).slice(0, 40);

/** GOV.UK: a page showing an error says so first in its title. */
export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  // The page's own gate: to anyone it turns away, this is the not-found page, titled as one.
  await requireAdmin((await params).partnership, "audit.export");
  return { title: isReferenceProblem(one((await searchParams).error)) ? `Error: ${TITLE}` : TITLE };
}

export default async function AuditPage({ params, searchParams }: Props) {
  const actor = await requireAdmin((await params).partnership, "audit.export");
  const query = await searchParams;
  const reference = one(query.reference);
  const problem = one(query.error);
  const naming = await partnershipNaming(await getDatabase(), actor);
  const year = Number(appNow().toISOString().slice(0, 4));
  // Only Parley's own messages are shown: the address bar names the problem, never its words.
  const message = isReferenceProblem(problem) ? referenceProblemMessage(problem, tidyReference(reference), naming, year) : undefined;
  return (
    <div className="max-w-2xl">
      <BackLink href={adminPath(actor)}>Administration</BackLink>
      <ErrorSummary errors={message ? [{ field: "reference", message }] : []} />
      <h1 className="mb-4 text-3xl font-bold">{TITLE}</h1>
      <p className="mb-4">
        Download, as a spreadsheet (CSV), every step taken on one dispute and every time someone opened it: who, when, and from which address. It does not
        include what the dispute says. Your download is itself recorded.
      </p>
      <form method="post" action={adminPath(actor, "/audit/export")} noValidate>
        <TextInput
          name="reference"
          label="Dispute reference"
          hint={`For example, ${exampleReference(naming, year)}`}
          defaultValue={reference}
          error={message}
          width="short"
          autoComplete="off"
        />
        <Button>Download audit trail</Button>
      </form>
    </div>
  );
}

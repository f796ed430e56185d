import type { Metadata } from "next";
import { BackLink } from "@/components/back-link";
import { ErrorSummary } from "@/components/error-summary";
import { Button, TextInput } from "@/components/form-fields";
import { adminPath, requireAdmin } from "../_lib";

export const metadata: Metadata = { title: "Audit trail of a dispute" };

type Props = { params: Promise<{ partnership: string }>; searchParams: Promise<{ reference?: string; error?: string }> };

export default async function AuditPage({ params, searchParams }: Props) {
  const actor = await requireAdmin((await params).partnership, "audit.export");
  const { reference, error } = await searchParams;
  const message = error ? error.slice(0, 300) : undefined;
  return (
    <div className="max-w-2xl">
      <BackLink href={adminPath(actor)}>Administration</BackLink>
      <ErrorSummary errors={message ? [{ field: "reference", message }] : []} />
      <h1 className="mb-4 text-3xl font-bold">Audit trail of a dispute</h1>
      <p className="mb-4">
        Download, as a spreadsheet (CSV), every step taken on one dispute and every time someone opened it: who, when, and from which
        address. It does not include what the dispute says. Your download is itself recorded.
      </p>
      <form method="post" action={adminPath(actor, "/audit/export")}>
        <TextInput name="reference" label="Dispute reference" hint="For example, TSCP-2026-0042" defaultValue={reference} error={message} width="short" />
        <Button>Download audit trail</Button>
      </form>
    </div>
  );
}

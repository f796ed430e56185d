import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Panel } from "@/components/panel";
import { SummaryList } from "@/components/summary-list";
import { disputePath } from "@/lib/views/dispute";
import { raisedConfirmation } from "@/lib/views/raise-flow";
import { disputeSettingForRequest } from "../../_lib/dispute-setting";
import { one, type PartnershipParams, type SearchParams } from "../../_lib/server";

export async function generateMetadata({ params, searchParams }: { params: PartnershipParams; searchParams: SearchParams }): Promise<Metadata> {
  // The page's own checks and load: whatever it would not show is the not-found page, titled as one.
  const id = one((await searchParams).id);
  if (!id) notFound();
  await disputeSettingForRequest((await params).partnership, id);
  return { title: "Disagreement raised" };
}

/** After raising: the reference, the stage, the owners and the first deadline in words. */
export default async function RaisedPage({ params, searchParams }: { params: PartnershipParams; searchParams: SearchParams }) {
  const id = one((await searchParams).id);
  if (!id) notFound();
  const setting = await disputeSettingForRequest((await params).partnership, id);
  const c = raisedConfirmation(setting.view, setting.policy);
  return (
    <div className="max-w-3xl">
      <Panel title="Disagreement raised">
        Your reference number
        <br />
        <strong className="text-3xl">{c.reference}</strong>
      </Panel>
      <h2 className="mb-3 text-2xl font-bold">What happens next</h2>
      <SummaryList
        rows={[
          { key: "Stage", value: c.stage },
          ...(c.urgent ? [{ key: "Urgent", value: "Yes" }] : []),
          ...c.owners.map((o) => ({ key: `Owner for ${o.key}`, value: o.value })),
          { key: "First deadline", value: c.firstDeadline ?? "The policy sets no deadline at this stage" },
        ]}
      />
      <p className="mb-4">Keep the reference number: quote it in any email or call about this disagreement.</p>
      <p>
        <Link href={disputePath(setting.partnershipId, setting.view.id)}>View the dispute</Link>
      </p>
    </div>
  );
}

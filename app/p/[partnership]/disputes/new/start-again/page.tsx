import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { BackLink } from "@/components/back-link";
import { Button } from "@/components/form-fields";
import { formatDateTime } from "@/lib/policy";
import { stepPath } from "@/lib/views/raise-flow";
import { requireRaiserOf } from "../../_lib/raiser";
import { one, raiseSetting, type PartnershipParams, type SearchParams } from "../../_lib/server";
import { startAgain } from "../actions";

export async function generateMetadata({ params }: { params: PartnershipParams }): Promise<Metadata> {
  // The page's own gate: to anyone it turns away, this is the not-found page, titled as one.
  await requireRaiserOf((await params).partnership);
  return { title: "Are you sure you want to delete your answers? – Raise a disagreement" };
}

/**
 * "Start again" asks first: a page of its own, so it works without JavaScript.
 * Only "Yes, delete my answers" deletes the draft; "No" goes back to where the
 * person was (check your answers, or the first step) with every answer kept.
 */
export default async function StartAgainPage({ params, searchParams }: { params: PartnershipParams; searchParams: SearchParams }) {
  const setting = await raiseSetting((await params).partnership);
  const { policy, partnershipId, draft } = setting;
  // Nothing to delete: straight to the first step.
  if (!policy || !draft) redirect(stepPath(partnershipId, "start"));
  const fromCheck = one((await searchParams).from) === "check";
  const back = stepPath(partnershipId, fromCheck ? "check" : "start");

  return (
    <div className="max-w-2xl">
      <BackLink href={back} />
      <span className="mb-1 block text-lg text-[var(--color-ink-muted)]">Raise a disagreement</span>
      <h1 className="mb-6 text-3xl font-bold">Are you sure you want to delete your answers?</h1>
      <p className="mb-6">
        This deletes every answer you have given since you started raising this disagreement at {formatDateTime(draft.createdAt, policy.timeZone)}. You cannot
        get them back. Nothing has been sent to the other agency.
      </p>
      <form action={startAgain.bind(null, partnershipId)}>
        <Button variant="warning">Yes, delete my answers</Button>
      </form>
      <p>
        <Link href={back}>{fromCheck ? "No, go back to check your answers" : "No, go back to my answers"}</Link>
      </p>
    </div>
  );
}

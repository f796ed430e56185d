import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { appNow } from "@/lib/clock";
import { isRaiseStep } from "@/lib/drafts";
import { policyRegistry } from "@/lib/server/policies";
import { stepHeading } from "@/lib/views/raise-flow";
import { RaiseStepPage } from "../step-page";
import { requireRaiserOf } from "../../_lib/raiser";
import { one, type SearchParams } from "../../_lib/server";

type Params = Promise<{ partnership: string; step: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { partnership, step } = await params;
  // The page's own gate: to anyone it turns away, this is the not-found page, titled as one.
  if (!isRaiseStep(step) || step === "start") notFound();
  const actor = await requireRaiserOf(partnership);
  const policy = policyRegistry().inForce(actor.partnershipId, appNow());
  return { title: policy ? `${stepHeading(step, policy)} – Raise a disagreement` : "Raise a disagreement" };
}

/** A step of the raise flow after the first. */
export default async function RaiseStep({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { partnership, step } = await params;
  if (!isRaiseStep(step) || step === "start") notFound();
  return <RaiseStepPage partnership={partnership} step={step} returnToCheck={one((await searchParams).return) === "check"} />;
}

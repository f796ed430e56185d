import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { decodeParam } from "@/lib/auth/redirects";
import { requireActor } from "@/lib/auth/server";
import { appNow } from "@/lib/clock";
import { isRaiseStep } from "@/lib/drafts";
import { policyRegistry } from "@/lib/server/policies";
import { stepHeading } from "@/lib/views/raise-flow";
import { RaiseStepPage } from "../step-page";
import { one, type SearchParams } from "../../_lib/server";

type Params = Promise<{ partnership: string; step: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { partnership, step } = await params;
  const partnershipId = decodeParam(partnership);
  await requireActor(partnershipId);
  const policy = policyRegistry().inForce(partnershipId, appNow());
  return { title: policy && isRaiseStep(step) ? `${stepHeading(step, policy)} – Raise a disagreement` : "Raise a disagreement" };
}

/** A step of the raise flow after the first. */
export default async function RaiseStep({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { partnership, step } = await params;
  if (!isRaiseStep(step) || step === "start") notFound();
  return <RaiseStepPage partnership={partnership} step={step} returnToCheck={one((await searchParams).return) === "check"} />;
}

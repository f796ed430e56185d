import type { Metadata } from "next";
import { RaiseStepPage } from "./step-page";
import { one, type PartnershipParams, type SearchParams } from "../_lib/server";

export const metadata: Metadata = { title: "Raise a disagreement" };

/** The first step of raising a disagreement: the immediate-risk route, then "is anyone at immediate risk?". */
export default async function RaiseStartPage({ params, searchParams }: { params: PartnershipParams; searchParams: SearchParams }) {
  const query = await searchParams;
  return <RaiseStepPage partnership={(await params).partnership} step="start" returnToCheck={one(query.return) === "check"} restarted={one(query.restarted) === "1"} />;
}

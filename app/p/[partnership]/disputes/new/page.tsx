import type { Metadata } from "next";
import { RaiseStepPage } from "./step-page";
import { requireRaiserOf } from "../_lib/raiser";
import { one, type PartnershipParams, type SearchParams } from "../_lib/server";

export async function generateMetadata({ params }: { params: PartnershipParams }): Promise<Metadata> {
  // The page's own gate: to anyone it turns away, this is the not-found page, titled as one.
  await requireRaiserOf((await params).partnership);
  return { title: "Raise a disagreement" };
}

/** The first step of raising a disagreement: the immediate-risk route, then "is anyone at immediate risk?". */
export default async function RaiseStartPage({ params, searchParams }: { params: PartnershipParams; searchParams: SearchParams }) {
  const query = await searchParams;
  return (
    <RaiseStepPage
      partnership={(await params).partnership}
      step="start"
      returnToCheck={one(query.return) === "check"}
      restarted={one(query.restarted) === "1"}
    />
  );
}

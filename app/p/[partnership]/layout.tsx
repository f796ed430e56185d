import type { ReactNode } from "react";
import { decodeParam } from "@/lib/auth/redirects";
import { requireActor } from "@/lib/auth/server";

/**
 * Every page of a partnership: signed in (else to sign in, and back), and a
 * member of this partnership (else the not-found page, whether or not the
 * partnership exists). Pages must still call requireActor themselves: a layout
 * is not run again when the browser moves between the pages beneath it.
 */
export default async function PartnershipLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ partnership: string }>;
}) {
  await requireActor(decodeParam((await params).partnership));
  return children;
}

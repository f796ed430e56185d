import type { ReactNode } from "react";
import { PartnershipNav, type PartnershipNavItem } from "@/components/partnership-nav";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { decodeParam } from "@/lib/auth/redirects";
import { requireActor } from "@/lib/auth/server";

/**
 * Every page of a partnership: signed in (else to sign in, and back), and a
 * member of this partnership (else the not-found page, whether or not the
 * partnership exists). Pages must still call requireActor themselves: a layout
 * is not run again when the browser moves between the pages beneath it.
 */
export default async function PartnershipLayout({ children, params }: { children: ReactNode; params: Promise<{ partnership: string }> }) {
  const actor = await requireActor(decodeParam((await params).partnership));
  return (
    <>
      <PartnershipNav items={navItems(actor)} />
      {children}
    </>
  );
}

/** The partnership's pages this person may use. */
function navItems(actor: Actor): PartnershipNavItem[] {
  const base = `/p/${encodeURIComponent(actor.partnershipId)}`;
  const items: PartnershipNavItem[] = [{ href: base, label: "Dashboard", exact: true }];
  if (can(actor, "escalations.raise")) items.push({ href: `${base}/disputes/new`, label: "Raise a disagreement" });
  if (can(actor, "register.view")) items.push({ href: `${base}/register`, label: "Register" });
  if (can(actor, "reports.view")) items.push({ href: `${base}/reports`, label: "Reports" });
  if (can(actor, "users.manage")) items.push({ href: `${base}/admin`, label: "Administration" });
  return items;
}

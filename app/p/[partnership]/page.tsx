import type { Metadata } from "next";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { decodeParam } from "@/lib/auth/redirects";
import { membershipsOf, requireActor } from "@/lib/auth/server";

type Params = Promise<{ partnership: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const actor = await requireActor(decodeParam((await params).partnership));
  const here = (await membershipsOf(actor.userId)).find((m) => m.partnershipId === actor.partnershipId);
  return { title: here?.partnershipName ?? "Partnership" };
}

/** A partnership's home page. Dashboards come later; for now, who you are here. */
export default async function PartnershipHomePage({ params }: { params: Params }) {
  const actor = await requireActor(decodeParam((await params).partnership));
  const here = (await membershipsOf(actor.userId)).find((m) => m.partnershipId === actor.partnershipId);
  return (
    <div className="max-w-3xl">
      <span className="mb-1 block text-lg text-[var(--color-ink-muted)]">Your partnership</span>
      <h1 className="mb-6 text-3xl font-bold">{here?.partnershipName ?? actor.partnershipId}</h1>
      <dl className="mb-6 grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">
        <dt className="font-bold">Name</dt>
        <dd>{actor.name}</dd>
        <dt className="font-bold">Agency</dt>
        <dd>{here?.agencyName}</dd>
        <dt className="font-bold">{actor.roles.length === 1 ? "Role" : "Roles"}</dt>
        <dd>{actor.roles.map((r) => ROLE_LABELS[r]).join(", ")}</dd>
      </dl>
    </div>
  );
}

import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { BackLink } from "@/components/back-link";
import { NotificationBanner } from "@/components/notification-banner";
import { SummaryList } from "@/components/summary-list";
import { Tag } from "@/components/tag";
import { getDatabase } from "@/lib/db/client";
import { previewPolicyMoves } from "@/lib/escalations/move-version";
import { policyRegistry } from "@/lib/server/policies";
import { moveFields, moveIntro, moveItems, movedMessage, type MoveDeadlineRow, type MoveItem } from "@/lib/views/admin-policy-move";
import { initialFormState } from "@/lib/views/form-spec";
import { adminPath, requireAdmin } from "../../_lib";
import { moveDisputesAction } from "../actions";
import { TableHead } from "@/components/table-head";

type Props = { params: Promise<{ partnership: string }>; searchParams: Promise<{ done?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  // The page's own gate: to anyone it turns away, this is the not-found page, titled as one.
  await requireAdmin((await params).partnership, "policy.move");
  return { title: "Move open disputes to the policy in force" };
}

export default async function MoveDisputesPage({ params, searchParams }: Props) {
  const actor = await requireAdmin((await params).partnership, "policy.move");
  const preview = await previewPolicyMoves(await getDatabase(), actor, { policies: policyRegistry() });
  const done = movedMessage((await searchParams).done, preview);
  const items = moveItems(preview);
  const heading = (
    <>
      {done ? (
        <NotificationBanner variant="success" title="Disputes moved">
          <p>{done}</p>
        </NotificationBanner>
      ) : null}
      <h1 className="mb-4 text-3xl font-bold">Move open disputes to the policy in force</h1>
      <p className="mb-4 max-w-3xl">{moveIntro(preview)}</p>
    </>
  );
  return (
    <div className="max-w-4xl">
      <BackLink href={adminPath(actor, "/policy")}>Escalation policy</BackLink>
      {items.length === 0 ? (
        <>
          {heading}
          {preview.target ? <p>No open dispute is under an older version of the policy.</p> : null}
        </>
      ) : !items.some((i) => i.movable) ? (
        <>
          {heading}
          <p className="mb-6 max-w-3xl">None of these open disputes under an older version can be moved: each says why.</p>
          {items.map((item) => (
            <MoveItemSection key={item.id} item={item} />
          ))}
        </>
      ) : (
        <ActionForm
          action={moveDisputesAction.bind(null, actor.partnershipId)}
          initialState={initialFormState()}
          intro={
            <>
              {heading}
              <p className="mb-6 max-w-3xl">
                For each open dispute under an older version: the stage it would be at, and each deadline before and after, worked out from what has happened on
                the dispute. Moving one records it in its history and its audit trail, and its owners see the new deadlines at once.
              </p>
              {items.map((item) => (
                <MoveItemSection key={item.id} item={item} />
              ))}
            </>
          }
          fields={moveFields(preview)}
          submitLabel="Move the selected disputes"
        />
      )}
    </div>
  );
}

function MoveItemSection({ item }: { item: MoveItem }) {
  return (
    <section aria-labelledby={`move-${item.id}`} className="mb-8 border-l-4 border-[var(--color-border)] pl-4">
      <h2 id={`move-${item.id}`} className="mb-2 text-2xl font-bold">
        {item.reference} {item.movable ? null : <Tag colour="orange">Cannot be moved</Tag>}
      </h2>
      <SummaryList
        rows={[
          { key: "Now", value: item.now },
          { key: "After the move", value: item.after },
          ...(item.how ? [{ key: "How the stage was matched", value: item.how }] : []),
        ]}
      />
      <Deadlines caption={`Deadlines of ${item.reference} now`} rows={item.before} />
      {item.movable ? <Deadlines caption={`Deadlines of ${item.reference} after the move`} rows={item.afterDeadlines} /> : null}
    </section>
  );
}

function Deadlines({ caption, rows }: { caption: string; rows: MoveDeadlineRow[] }) {
  if (rows.length === 0) return <p className="mb-4">{caption}: none.</p>;
  return (
    <div className="mb-4 overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <caption className="mb-2 text-left font-bold">{caption}</caption>
        <TableHead columns={["Deadline", "Due", "How it was worked out"]} />
        <tbody>
          {rows.map((d) => (
            <tr key={d.label} className="border-b border-[var(--color-border)] align-top">
              <th scope="row" className="py-2 pr-4 font-normal">
                {d.label}
                {d.decides ? <span className="block text-sm">Decides when the stage is overdue</span> : null}
              </th>
              <td className="py-2 pr-4">{d.due}</td>
              <td className="py-2">{d.how}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

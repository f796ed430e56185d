import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/back-link";
import { DeadlineList } from "@/components/deadline-list";
import { DisputeHistory } from "@/components/dispute-history";
import { ImmediateRisk } from "@/components/immediate-risk";
import { NotificationBanner } from "@/components/notification-banner";
import { StageLadder } from "@/components/stage-ladder";
import { SummaryList } from "@/components/summary-list";
import { Tag } from "@/components/tag";
import { WarningText } from "@/components/warning-text";
import { disputePage, doneMessage } from "@/lib/views/dispute";
import { registerBackHref } from "@/lib/views/register";
import { disputeTitle } from "@/lib/views/page-titles";
import { riskSetting } from "@/lib/views/raise-flow";
import { disputeSettingForRequest } from "../_lib/dispute-setting";
import { one, type DisputeParams, type SearchParams } from "../_lib/server";

export async function generateMetadata({ params }: { params: DisputeParams }): Promise<Metadata> {
  const { partnership, id } = await params;
  // The page's own load: a dispute the reader may not see is the not-found page, titled as one.
  const setting = await disputeSettingForRequest(partnership, id);
  return { title: disputeTitle(setting.view.record.reference) };
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-10">
      <h2 id={id} className="mb-4 text-2xl font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** One dispute: the record, its stages and deadlines, owners, agreed actions, history, and what the reader may do now. */
export default async function DisputePage({ params, searchParams }: { params: DisputeParams; searchParams: SearchParams }) {
  const { partnership, id } = await params;
  const setting = await disputeSettingForRequest(partnership, id);
  const ctx = { ...setting };
  const page = disputePage(ctx);
  const query = await searchParams;
  const done = doneMessage(one(query.done), ctx);
  // Opened from the board register: back to that page of it, filters and all.
  const backToRegister = registerBackHref(setting.partnershipId, one(query.back));

  return (
    <div className="max-w-4xl">
      {backToRegister ? (
        <BackLink href={backToRegister}>Back to the register</BackLink>
      ) : (
        <BackLink href={`/p/${encodeURIComponent(setting.partnershipId)}`}>Back to your partnership</BackLink>
      )}
      {done ? (
        <NotificationBanner variant="success">
          <p className="font-bold">{done}</p>
        </NotificationBanner>
      ) : null}
      <span className="mb-1 block text-lg text-[var(--color-ink-muted)]">{setting.policy.partnership.name}</span>
      <h1 className="mb-3 text-3xl font-bold">{page.title}</h1>
      <p className="mb-6 flex flex-wrap gap-2">
        <Tag colour={page.status.colour}>{page.status.text}</Tag>
        {page.urgent ? <Tag colour="red">Urgent</Tag> : null}
        <Tag colour="purple">{page.stage}</Tag>
      </p>
      {!page.closed ? <ImmediateRisk {...riskSetting(setting.policy, setting.view.record.routeId)} variant="compact" /> : null}
      {page.formsOutstanding.map((title) => (
        <WarningText key={title}>The policy requires the {title} at this stage, and it has not been recorded as completed.</WarningText>
      ))}
      <SummaryList rows={page.summary} />

      <Section id="actions-title" title="What you can do">
        {page.actions.length > 0 ? (
          <ul className="space-y-2">
            {page.actions.map((a) => (
              <li key={a.href}>
                <Link href={a.href} className="text-lg">
                  {a.label}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p>There is nothing for you to do on this dispute now.</p>
        )}
      </Section>

      {!page.closed ? (
        <Section id="deadlines-title" title={`Deadlines at ${page.stageName.toLowerCase()}`}>
          {page.branches ? (
            <div className="mb-4">
              <p>{page.branches.applies}</p>
              {page.branches.others.map((o) => (
                <p key={o} className="text-sm">
                  Otherwise the policy says: {o.charAt(0).toLowerCase()}
                  {o.slice(1)}
                </p>
              ))}
            </div>
          ) : null}
          <DeadlineList deadlines={page.deadlines} />
        </Section>
      ) : page.deadlines.length > 0 ? (
        <Section id="deadlines-title" title="What the policy asks after resolution">
          <DeadlineList deadlines={page.deadlines} />
        </Section>
      ) : null}

      {page.obligations.length > 0 ? (
        <Section id="obligations-title" title="What the policy asks at this stage">
          <ul className="border-t border-[var(--color-border)]">
            {page.obligations.map((o) => (
              <li key={o.title} className="border-b border-[var(--color-border)] py-3">
                <p className="font-bold">
                  {o.title}
                  {o.outstanding ? (
                    <>
                      {" "}
                      <Tag colour="red">Outstanding</Tag>
                    </>
                  ) : null}
                </p>
                {o.detail ? <p>{o.detail}</p> : null}
                <p className="text-[var(--color-ink-muted)]">{o.state}</p>
                {o.form ? (
                  <p className="mt-1">
                    <Link href={o.form.href}>{o.form.label}</Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {page.forms.length > 0 ? (
        <Section id="forms-title" title="The policy's forms">
          <p className="mb-4">Each form filled in from this record, to print or save as a PDF and send where the policy says.</p>
          <ul className="border-t border-[var(--color-border)]">
            {page.forms.map((f) => (
              <li key={f.id} className="border-b border-[var(--color-border)] py-3">
                <Link href={f.href} className="font-bold">
                  {f.title}
                </Link>
                <p className="text-[var(--color-ink-muted)]">{f.stages}.</p>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Section id="owners-title" title="Owners">
        <SummaryList rows={page.owners} />
      </Section>

      <Section id="ladder-title" title="Stages">
        <StageLadder stages={page.ladder} />
      </Section>

      <Section id="subjects-title" title="Who it concerns">
        <SummaryList rows={page.subjects} />
      </Section>

      <Section id="parties-title" title="The agencies and people">
        <SummaryList rows={page.parties} />
      </Section>

      <Section id="record-title" title="The disagreement">
        <SummaryList rows={page.record} />
      </Section>

      <Section id="agreed-actions-title" title="Agreed actions">
        {page.agreedActions.length === 0 ? (
          <p>No actions have been agreed yet.</p>
        ) : (
          <ul className="border-t border-[var(--color-border)]">
            {page.agreedActions.map((a) => (
              <li key={a.id} className="flex flex-col gap-2 border-b border-[var(--color-border)] py-3 sm:flex-row sm:justify-between">
                <div className="sm:flex-1">
                  <p className="font-bold">{a.description}</p>
                  <p>
                    {a.owner}. Due {a.due}.
                  </p>
                  {a.completeHref ? (
                    <Link href={a.completeHref}>
                      Mark as done<span className="sr-only">: {a.description}</span>
                    </Link>
                  ) : null}
                </div>
                <div className="sm:w-40 sm:text-right">
                  <Tag colour={a.status.colour}>{a.status.text}</Tag>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="history-title" title="History">
        <p className="mb-4">Everything that has happened, oldest first, with each e-mail Parley sent or tried to send.</p>
        <DisputeHistory items={page.history} />
      </Section>

      {page.waitingNotices.length > 0 ? (
        <Section id="waiting-title" title="E-mails waiting to go">
          <p className="mb-2">Parley sends routine e-mails in the partnership&apos;s working hours.</p>
          <ul className="list-disc pl-6">
            {page.waitingNotices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}

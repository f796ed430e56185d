import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { BackLink } from "@/components/back-link";
import { ImmediateRisk } from "@/components/immediate-risk";
import { SummaryList } from "@/components/summary-list";
import { Tag } from "@/components/tag";
import { WarningText } from "@/components/warning-text";
import { formatLocalDate, getStage, stageName } from "@/lib/policy";
import { descriptorBySlug } from "@/lib/escalations/action-registry";
import { disputePath, isActionSlug } from "@/lib/views/dispute";
import { actionFormView, deadlineItems, escalatePreview, expediteChoices, type ActionFormContext } from "@/lib/views/dispute-forms";
import { initialFormState } from "@/lib/views/form-spec";
import { disputeActionTitle } from "@/lib/views/page-titles";
import { riskSetting } from "@/lib/views/raise-flow";
import { disputeSettingForRequest } from "../../_lib/dispute-setting";
import { one, type SearchParams } from "../../_lib/server";
import { submitDisputeAction } from "../actions";

type Params = Promise<{ partnership: string; id: string; action: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { partnership, id, action } = await params;
  // The page's own checks and load: whatever it would not show is the not-found page, titled as one.
  if (!isActionSlug(action)) notFound();
  const setting = await disputeSettingForRequest(partnership, id);
  return { title: disputeActionTitle(action, setting.view.record.reference) };
}

/** One action on a dispute, on its own page with its form; only the actions the reader may take now. */
export default async function DisputeActionPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { partnership, id, action } = await params;
  if (!isActionSlug(action)) notFound();
  const setting = await disputeSettingForRequest(partnership, id);
  const query = await searchParams;
  // What the action applies to, where its page is asked for one (?side=, ?action=, ?form=).
  const targetParam = descriptorBySlug(action).page.target;
  const target = targetParam ? one(query[targetParam]) : undefined;
  const ctx: ActionFormContext = { ...setting, target };
  const form = actionFormView(action, ctx);
  const { view, policy, partnershipId } = setting;
  const back = disputePath(partnershipId, view.id);
  const caption = <span className="mb-1 block text-lg text-[var(--color-ink-muted)]">Dispute {view.record.reference}</span>;

  if (form.unavailable) {
    return (
      <div className="max-w-2xl">
        <BackLink href={back} />
        {caption}
        <h1 className="mb-6 text-3xl font-bold">{form.heading}</h1>
        <p className="mb-6">{form.unavailable}</p>
        <p>
          <Link href={back}>Go back to the dispute</Link>
        </p>
      </div>
    );
  }

  const stage = getStage(policy, view.record.stageKey, view.record.routeId);
  const moves = action === "escalate" || action === "expedite";
  const intro = (
    <>
      {caption}
      <h1 className="mb-6 text-3xl font-bold">{form.heading}</h1>
      {moves ? <ImmediateRisk {...riskSetting(policy, view.record.routeId)} variant="compact" /> : null}
      {action === "escalate" ? <EscalateIntro ctx={ctx} /> : null}
      {action === "expedite" ? <ExpediteIntro ctx={ctx} /> : null}
      {action === "complete-action" ? (
        <SummaryList
          rows={view.actions
            .filter((a) => a.id === target)
            .flatMap((a) => [
              { key: "Agreed action", value: a.description },
              { key: "Who", value: a.ownerName },
              { key: "Due", value: formatLocalDate(a.dueDate) },
            ])}
        />
      ) : null}
      {action === "timescale" ? (
        <p className="mb-6 max-w-2xl">
          The policy leaves this timescale at {stageName(stage)} to be set by a person. Once set, it counts like any other deadline.
        </p>
      ) : null}
      {action === "owner" ? (
        <p className="mb-6 max-w-2xl">
          The owner of a side is the person who leads the dispute for their agency at {stageName(stage)}. They see it on their list of disputes and what is due.
        </p>
      ) : null}
      {action === "resolve" ? (
        <p className="mb-6 max-w-2xl">
          Record the outcome both sides agreed, any actions agreed with who will do them and by when, and how each side confirmed it.
        </p>
      ) : null}
      {action === "withdraw" ? <WarningText>A withdrawn dispute cannot be reopened. Its record is kept.</WarningText> : null}
    </>
  );

  return (
    <div>
      <BackLink href={back} />
      <ActionForm
        action={submitDisputeAction.bind(null, partnershipId, view.id, action, target, form.fields)}
        initialState={initialFormState(form.values, form.counts)}
        fields={form.fields}
        submitLabel={form.submitLabel}
        expectedVersion={view.record.version}
        variant={form.variant}
        intro={intro}
        after={
          <p>
            <Link href={back}>Cancel and go back to the dispute</Link>
          </p>
        }
      />
    </div>
  );
}

function EscalateIntro({ ctx }: { ctx: ActionFormContext }) {
  const preview = escalatePreview(ctx);
  if (!preview) return null;
  const missing = preview.required.filter((r) => !r.done);
  const current = deadlineItems(ctx);
  return (
    <div className="mb-6 max-w-2xl">
      <p className="mb-4">
        The dispute is at {preview.from}. Escalating it takes it to <strong>{preview.to.title}</strong>.
      </p>
      {preview.to.summary ? <p className="mb-4">{preview.to.summary}</p> : null}
      {missing.length > 0 ? (
        <WarningText>
          Before it can be escalated, the policy requires: {missing.map((m) => m.what.charAt(0).toLowerCase() + m.what.slice(1)).join("; ")}.
          {missing.some((m) => m.kind === "record") ? (
            <>
              {" "}
              <Link href={disputePath(ctx.partnershipId, ctx.view.id, "discussion")}>Record a discussion</Link> first.
            </>
          ) : null}
          {missing.some((m) => m.kind === "form") ? " If you have completed the form, tick it below." : null}
        </WarningText>
      ) : null}
      {preview.required.length > 0 ? (
        <>
          <h2 className="mb-2 mt-6 text-xl font-bold">What must be recorded before it leaves {preview.fromName.toLowerCase()}</h2>
          <ul className="mb-4 space-y-2">
            {preview.required.map((r) => (
              <li key={r.what} className="flex flex-wrap items-center gap-3">
                <span>{r.what}</span>
                <Tag colour={r.done ? "green" : "red"}>{r.done ? "Recorded" : "Not recorded yet"}</Tag>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {current.length > 0 ? (
        <>
          <h2 className="mb-2 mt-6 text-xl font-bold">Deadlines at {preview.fromName.toLowerCase()} now</h2>
          <ul className="mb-4 list-disc space-y-1 pl-6">
            {current.map((d) => (
              <li key={d.id}>
                {d.label}: {d.due.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 className="mb-2 mt-6 text-xl font-bold">{preview.to.title}: the deadlines if you escalate now</h2>
      {preview.deadlines.length === 0 ? (
        <p className="mb-4">The policy sets no deadline at this stage.</p>
      ) : (
        <ul className="mb-4 space-y-3">
          {preview.deadlines.map((d) => (
            <li key={d.label} className="border-l-4 border-[var(--color-border)] pl-4">
              <p className="font-bold">{d.label}</p>
              {d.by ? <p>Due {d.by}</p> : null}
              <p className="text-[var(--color-ink-muted)]">{d.due}</p>
              {d.warnings.map((w) => (
                <p key={w} className="font-bold">
                  {w}
                </p>
              ))}
              <details className="mt-1">
                <summary className="cursor-pointer text-[var(--color-link)] underline">
                  How this was worked out<span className="sr-only">: {d.label}</span>
                </summary>
                <p className="mt-1">{d.explanation}</p>
              </details>
            </li>
          ))}
        </ul>
      )}
      {preview.notify.length > 0 || preview.board ? (
        <>
          <h2 className="mb-2 mt-6 text-xl font-bold">Who is told</h2>
          <ul className="mb-4 list-disc space-y-1 pl-6">
            {preview.notify.map((n) => (
              <li key={n}>{n}</li>
            ))}
            {preview.board ? <li>{preview.board}</li> : null}
          </ul>
        </>
      ) : null}
      {preview.formsOnEntry.length > 0 ? (
        <>
          <h2 className="mb-2 mt-6 text-xl font-bold">Forms to complete at {preview.to.name.toLowerCase()}</h2>
          <ul className="mb-4 list-disc space-y-1 pl-6">
            {preview.formsOnEntry.map((f) => (
              <li key={f.id}>
                {f.title} ({f.use.toLowerCase()}){f.sendTo ? `: send it to ${f.sendTo}` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function ExpediteIntro({ ctx }: { ctx: ActionFormContext }) {
  const route = ctx.policy.routes.find((r) => r.id === ctx.view.record.routeId);
  const choices = expediteChoices(ctx);
  return (
    <div className="mb-6 max-w-2xl">
      <p className="mb-4">
        Expediting takes the dispute straight to a later stage, passing over the stages in between. The policy allows it
        {route?.urgent?.grounds ? ` when: ${route.urgent.grounds.charAt(0).toLowerCase()}${route.urgent.grounds.slice(1)}` : "."}
      </p>
      {route?.urgent?.note ? <p className="mb-4">{route.urgent.note}</p> : null}
      {route?.urgent?.recording ? <p className="mb-4">{route.urgent.recording}</p> : null}
      <p className="mb-4">
        {choices.length === 1 ? `It can go to ${choices[0]?.label}.` : `It can go to any of ${choices.length} stages, listed below with the stages each skips.`}{" "}
        You can choose the owners of the new stage afterwards.
      </p>
    </div>
  );
}

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { BackLink } from "@/components/back-link";
import { ImmediateRisk } from "@/components/immediate-risk";
import { StartAgainButton } from "@/components/start-again";
import { SummaryList } from "@/components/summary-list";
import { initialFormState } from "@/lib/views/form-spec";
import { NotOnParley } from "@/components/not-on-parley";
import { agencyOnParley, checkAnswers, firstIncompleteStep, notOnParleyAdvice, previousStep, raiseRiskSetting, stepPath } from "@/lib/views/raise-flow";
import { requireRaiserOf } from "../../_lib/raiser";
import { raiseSetting, type PartnershipParams } from "../../_lib/server";
import { submitRaise } from "../actions";

export async function generateMetadata({ params }: { params: PartnershipParams }): Promise<Metadata> {
  // The page's own gate: to anyone it turns away, this is the not-found page, titled as one.
  await requireRaiserOf((await params).partnership);
  return { title: "Check your answers – Raise a disagreement" };
}

/** Every answer with a link to change it, then the submit that raises the dispute. */
export default async function CheckAnswersPage({ params }: { params: PartnershipParams }) {
  const setting = await raiseSetting((await params).partnership);
  const { policy, partnershipId, draft } = setting;
  if (!policy || !draft) redirect(stepPath(partnershipId, "start"));
  const answers = draft.answers;
  const missing = firstIncompleteStep(answers);
  if (missing) redirect(stepPath(partnershipId, missing));
  const ctx = { policy, agencyId: setting.actor.agencyId, directory: setting.directory, answers };
  const sections = checkAnswers(ctx, partnershipId);
  const back = previousStep("check", answers);

  const intro = (
    <>
      <span className="mb-1 block text-lg text-[var(--color-ink-muted)]">Raise a disagreement</span>
      <h1 className="mb-6 text-3xl font-bold">Check your answers before raising the disagreement</h1>
      <ImmediateRisk {...raiseRiskSetting(policy, answers)} variant="compact" />
      {sections.map((section) => (
        <section key={section.title} aria-labelledby={`section-${section.title.replace(/\W+/g, "-").toLowerCase()}`}>
          <h2 id={`section-${section.title.replace(/\W+/g, "-").toLowerCase()}`} className="mb-3 text-2xl font-bold">
            {section.title}
          </h2>
          <SummaryList rows={section.rows.map((r) => ({ key: r.key, value: r.value, change: { href: r.href } }))} className="mb-8" />
        </section>
      ))}
      {!agencyOnParley(ctx) ? <NotOnParley advice={notOnParleyAdvice(ctx)} /> : null}
      <h2 className="mb-3 text-2xl font-bold">Now raise the disagreement</h2>
      <p className="mb-6 max-w-2xl">When you raise it, the other agency&apos;s people named here can see it, and the policy&apos;s deadlines start.</p>
    </>
  );

  return (
    <div>
      <BackLink href={back ? stepPath(partnershipId, back) : stepPath(partnershipId, "start")} />
      <ActionForm
        action={submitRaise.bind(null, partnershipId)}
        initialState={initialFormState()}
        fields={[]}
        submitLabel="Raise the disagreement"
        intro={intro}
        // "Start again" asks first, on a page of its own: one click beside "Raise the disagreement" must not delete every answer.
        after={<StartAgainButton raiseStartPath={stepPath(partnershipId, "start")} from="check" />}
      />
    </div>
  );
}

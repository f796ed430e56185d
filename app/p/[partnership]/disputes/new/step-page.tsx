import { redirect } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { BackLink } from "@/components/back-link";
import { ImmediateRisk } from "@/components/immediate-risk";
import { NotificationBanner } from "@/components/notification-banner";
import { StartAgainButton } from "@/components/start-again";
import type { RaiseStep } from "@/lib/drafts";
import { formatDateTime } from "@/lib/policy";
import { initialFormState } from "@/lib/views/form-spec";
import { NotOnParley } from "@/components/not-on-parley";
import {
  agencyOnParley,
  applicableSteps,
  notOnParleyAdvice,
  previousStep,
  routeOf,
  stepFields,
  stepHeading,
  stepPath,
  stepValues,
  raiseRiskSetting,
  whoWord,
} from "@/lib/views/raise-flow";
import { raiseSetting } from "../_lib/server";
import { saveRaiseStep } from "./actions";

const caption = <span className="mb-1 block text-lg text-[var(--color-ink-muted)]">Raise a disagreement</span>;

/** One step of the raise flow: its content, its question(s), and the answers saved so far. */
export async function RaiseStepPage({
  partnership,
  step,
  returnToCheck,
  restarted,
}: {
  partnership: string;
  step: RaiseStep;
  returnToCheck: boolean;
  restarted?: boolean;
}) {
  const setting = await raiseSetting(partnership);
  const { policy, partnershipId, draft } = setting;
  if (!policy) {
    return (
      <div className="max-w-2xl">
        <h1 className="mb-6 text-3xl font-bold">You cannot raise a disagreement here yet</h1>
        <p>Your partnership has no escalation policy in force today. Ask your partnership administrator.</p>
      </div>
    );
  }
  const answers = draft?.answers ?? {};
  if (step !== "start" && !applicableSteps(answers).includes(step)) redirect(stepPath(partnershipId, "start"));
  if (step === "person" && !answers.respondingAgencyId) redirect(stepPath(partnershipId, "agency"));

  const ctx = { policy, agencyId: setting.actor.agencyId, directory: setting.directory, answers };
  const who = whoWord(policy);
  const heading = stepHeading(step, policy);
  const previous = previousStep(step, answers);
  const back = returnToCheck ? stepPath(partnershipId, "check") : previous ? stepPath(partnershipId, previous) : `/p/${encodeURIComponent(partnershipId)}`;
  const { values, counts } = stepValues(step, ctx);
  const route = routeOf(policy, answers);

  const intro = (
    <>
      {step === "start" && draft && !restarted ? (
        <NotificationBanner title="You have a disagreement in progress">
          <p>
            You started raising a disagreement at {formatDateTime(draft.createdAt, policy.timeZone)}. Your answers are saved: continue below, or start again.
          </p>
        </NotificationBanner>
      ) : null}
      {step === "start" && restarted ? (
        <NotificationBanner variant="success">
          <p>Your earlier answers have been deleted.</p>
        </NotificationBanner>
      ) : null}
      {caption}
      <h1 className="mb-6 text-3xl font-bold">{heading}</h1>
      {step === "start" ? (
        <>
          <p className="mb-4 max-w-2xl">
            Use this to raise a disagreement with another agency about a decision it made about a {who}, under {policy.partnership.name}&apos;s {policy.title}.
          </p>
          <ImmediateRisk risk={policy.immediateRisk} who={who} variant="full" />
        </>
      ) : step === "emergency" ? (
        <ImmediateRisk risk={policy.immediateRisk} who={who} variant="emergency" />
      ) : (
        <ImmediateRisk {...raiseRiskSetting(policy, answers)} variant="compact" />
      )}
      {step === "emergency" ? (
        <p className="mb-4 max-w-2xl">
          You can still raise the disagreement. It will be marked urgent, and you will be offered the policy&apos;s options for dealing with it quickly.
        </p>
      ) : null}
      {step === "process" ? (
        <div className="mb-6 max-w-2xl">
          <p className="mb-3">This process is for a disagreement about a decision another agency made. Some matters go elsewhere:</p>
          <ul className="mb-4 space-y-3">
            {policy.outOfScope.map((o) => (
              <li key={o.id} className="border-l-4 border-[var(--color-border)] pl-4">
                <p className="font-bold">{o.label}</p>
                <p>{o.guidance}</p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {step === "person" && !agencyOnParley(ctx) ? <NotOnParley advice={notOnParleyAdvice(ctx)} /> : null}
      {step === "subjects" ? (
        <p className="mb-6 max-w-2xl">
          We only need enough to find the {who} in agency records: their initials, year of birth and each agency&apos;s case reference. Do not enter their name,
          address or date of birth.
        </p>
      ) : null}
      {step === "urgent" ? (
        <div className="mb-6 max-w-2xl">
          <p className="mb-3">Because a {who} is at immediate risk, this dispute will be marked urgent.</p>
          {route.urgent?.allowed ? (
            <p className="mb-3">
              The policy allows stages to be skipped
              {route.urgent.grounds ? ` when: ${route.urgent.grounds.charAt(0).toLowerCase()}${route.urgent.grounds.slice(1)}` : "."}
              {route.urgent.note ? ` ${route.urgent.note}` : ""}
            </p>
          ) : (
            <p className="mb-3">This policy does not allow stages to be skipped.{route.urgent?.note ? ` ${route.urgent.note}` : ""}</p>
          )}
        </div>
      ) : null}
    </>
  );

  return (
    <div>
      <BackLink href={back} />
      <ActionForm
        action={saveRaiseStep.bind(null, partnershipId, step, returnToCheck)}
        initialState={initialFormState(values, counts)}
        fields={stepFields(step, ctx)}
        submitLabel="Continue"
        intro={intro}
        after={step === "start" && draft ? <StartAgainButton raiseStartPath={stepPath(partnershipId, "start")} from="start" /> : null}
      />
    </div>
  );
}

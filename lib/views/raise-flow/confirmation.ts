/** The page after raising: the reference, the stage, who owns each side, and the first deadline in words. */
import type { EscalationView } from "../../escalations";
import { formatDue, getRoute, joinWithAnd, stageTitle, type Policy, type Stage } from "../../policy";

export type RaisedConfirmation = {
  reference: string;
  stage: string;
  owners: { key: string; value: string }[];
  firstDeadline: string | null;
  urgent: boolean;
};

/** The confirmation after raising: the reference, the stage, who owns each side, and the first deadline in words. */
export function raisedConfirmation(view: EscalationView, policy: Policy): RaisedConfirmation {
  const r = view.record;
  const stage = getRoute(policy, r.routeId).stages.find((s) => s.key === r.stageKey) as Stage;
  const person = (id: string | null) => (id ? (view.people[id] ?? "(unknown user)") : null);
  const live = view.deadlines.filter((d) => d.dueAt && d.status !== "met");
  // Say who was told, from the record, rather than ask the raiser to act for the other side.
  const contacts = [...new Set(view.notices.filter((n) => n.trigger === "awaiting_owner").map((n) => n.recipientName))];
  const toBoard = view.notices.some((n) => n.trigger === "agency_not_on_parley");
  const responding =
    person(r.respondingOwnerId) ??
    (contacts.length > 0
      ? `Nobody yet. It is on the list of disputes awaiting an owner at ${view.respondingAgency.name}, and Parley is letting ${joinWithAnd(contacts)} know: they take disputes for it.`
      : toBoard
        ? `Nobody yet. Nobody at ${view.respondingAgency.name} uses Parley, so Parley is letting your partnership's board business manager know, to arrange who responds. Raise it with ${view.respondingAgency.name} yourself meanwhile.`
        : `Nobody yet. ${view.respondingAgency.name} will choose who owns it.`);
  const deciding = live.find((d) => d.decidesOverdue) ?? live[0];
  return {
    reference: r.reference,
    stage: stageTitle(stage),
    owners: [
      { key: view.raisingAgency.name, value: person(r.raisingOwnerId) ?? "Nobody yet" },
      { key: view.respondingAgency.name, value: responding },
    ],
    firstDeadline: deciding?.dueAt ? `${deciding.label}: ${formatDue(deciding.dueAt, policy.timeZone)}` : null,
    urgent: r.urgent,
  };
}

/**
 * What each trigger says and to whom: the notices a command's events call for
 * (raised, owner assigned, escalated, resolved…) and those a timer calls for
 * (a deadline or agreed action about to fall due, or missed). Recipients come
 * from the policy where it names them, otherwise from the dispute's owners.
 */
import { stageTitle } from "../views/dispute-history";
import { formatDue, formatLocalDate, getRoute, getStage, deadlineDefinitionAt, partyWords, type Policy } from "../policy";
import type { PartnershipTx } from "../db/scope";
import type { EscalationEvent } from "../escalations/events";
import type { ActionRow, DeadlineRow, EscalationRow, EscalationState } from "../escalations/state";
import { effectiveContacts } from "../agencies/contacts";
import type { NoticeContent } from "./content";
import type { NoticeDraft, Trigger } from "./outbox";
import { boardBusinessManagers, partyRecipients, recipientKey, sidesOf, unownedSide, usersById, withPreference, type Recipient } from "./recipients";
import { localDate } from "./working-hours";
import type { Timer } from "./timers";

type Names = { raising: string; responding: string };

export type DraftContext = {
  tx: PartnershipTx;
  id: string;
  policy: Policy;
  row: EscalationRow;
  names: Names;
};

export async function agencyNames(tx: PartnershipTx, row: Pick<EscalationRow, "raisingAgencyId" | "respondingAgencyId">): Promise<Names> {
  const rows = await tx.agency.findMany({ where: { id: { in: [row.raisingAgencyId, row.respondingAgencyId] } }, select: { id: true, name: true } });
  const name = (id: string) => rows.find((r) => r.id === id)?.name ?? "the other agency";
  return { raising: name(row.raisingAgencyId), responding: name(row.respondingAgencyId) };
}

const currentStage = (c: DraftContext) => getStage(c.policy, c.row.stageKey, c.row.routeId);
const urgentOf = (row: EscalationRow) => row.immediateRisk || row.urgent;

function content(c: DraftContext, headline: string, lines: string[]): NoticeContent {
  return {
    partnership: c.policy.partnership.name,
    headline,
    lines: [`Dispute ${c.row.reference}, between ${c.names.raising} and ${c.names.responding}.`, ...lines],
    link: `/p/${c.row.partnershipId}/disputes/${c.id}`,
  };
}

function nextDueLine(c: DraftContext, deadlines: readonly DeadlineRow[]): string[] {
  const next = deadlines.find((d) => d.decidesOverdue && d.status !== "met" && d.dueAt);
  return next?.dueAt ? [`${next.label}: due ${formatDue(next.dueAt, c.policy.timeZone)}.`] : [];
}

function outstandingFormLines(c: DraftContext, state: EscalationState): string[] {
  const stage = currentStage(c);
  const done = state.forms[c.row.stageKey] ?? {};
  return (stage.forms ?? [])
    .filter((f) => f.use === "required" && done[f.id] === undefined)
    .map((f) => `The policy requires the ${f.title} at this stage. It has not been recorded as completed in Parley yet.`);
}

/** The events draftsForEvents tells anyone about (the cases of its switch that add a draft). */
const TOLD: ReadonlySet<EscalationEvent["type"]> = new Set(["raised", "owner_assigned", "escalated", "expedited", "resolved", "withdrawn", "action_added"]);

/** Whether any of the events calls for a notice: most commands (a comment, a discussion) do not. */
export const callsForNotices = (events: readonly EscalationEvent[]): boolean => events.some((e) => TOLD.has(e.type));

/** The notices a command's events call for. Each person gets at most one per command: the first that applies. */
export async function draftsForEvents(c: DraftContext, after: EscalationState, events: readonly EscalationEvent[]): Promise<NoticeDraft[]> {
  const drafts: NoticeDraft[] = [];
  const urgent = urgentOf(c.row);
  const here = stageTitle(currentStage(c));
  const add = (trigger: Trigger, subjectKey: string, recipients: Recipient[], subject: string, body: NoticeContent) =>
    drafts.push({ trigger, subjectKey, recipients, subject, content: body, urgent });

  for (const e of events) {
    switch (e.type) {
      case "raised": {
        const ref = c.row.reference;
        const due = nextDueLine(c, after.deadlines);
        if (c.row.respondingOwnerId) {
          add(
            "raised",
            e.id,
            await usersById(c.tx, c.row.partnershipId, [c.row.respondingOwnerId], "Owner for the responding side"),
            `${ref}: a disagreement has been raised with you`,
            content(c, `${c.names.raising} has raised a disagreement with you.`, [`It is at ${here}.`, ...due]),
          );
        } else {
          const contacts = await effectiveContacts(c.tx, c.row.partnershipId, c.row.respondingAgencyId);
          if (contacts.length > 0) {
            add(
              "awaiting_owner",
              e.id,
              contacts.map((x) => ({ userId: x.userId, email: x.email, name: x.name, reason: `Escalation contact for ${c.names.responding}` })),
              `${ref}: a disagreement raised with ${c.names.responding} needs an owner`,
              content(c, `${c.names.raising} has raised a disagreement with ${c.names.responding}, and nobody there owns it yet.`, [
                `It is at ${here}. Open it to take it, or to choose who in ${c.names.responding} will.`,
                ...due,
              ]),
            );
          } else {
            add(
              "agency_not_on_parley",
              e.id,
              await boardBusinessManagers(c.tx, c.row, c.policy),
              `${ref}: raised with ${c.names.responding}, which has nobody on Parley`,
              content(c, `A disagreement has been raised with ${c.names.responding}, which has nobody on Parley to receive it.`, [
                `Nobody there can be told through Parley. Arrange with ${c.names.responding} who will respond, then a partnership administrator can add them.`,
                ...due,
              ]),
            );
          }
        }
        if (!c.row.raisingOwnerId) {
          // Raised by the agency's own system (an API token), which owns nothing: its managers choose who will.
          const managers = await unownedSide(c.tx, c.row, "raising");
          if (managers.length > 0) {
            add(
              "awaiting_owner",
              e.id,
              managers,
              `${ref}: a disagreement ${c.names.raising}'s system raised needs an owner`,
              content(
                c,
                `${c.names.raising}'s case-management system has raised a disagreement with ${c.names.responding}, and nobody at ${c.names.raising} owns it yet.`,
                [`It is at ${here}. Open it to choose who in ${c.names.raising} will take it.`, ...due],
              ),
            );
          }
        }
        const responder = e.payload.respondingUserId;
        if (responder && responder !== c.row.respondingOwnerId) {
          add(
            "raised",
            e.id,
            await usersById(c.tx, c.row.partnershipId, [responder], "Named as the person whose decision is disputed"),
            `${ref}: a disagreement has been raised about a decision of yours`,
            content(c, `${c.names.raising} has raised a disagreement about a decision you made.`, [`It is at ${here}.`]),
          );
        }
        // Raised straight into a later stage (urgent): the stage it started at was skipped at once.
        if (!events.some((x) => x.type === "expedited")) drafts.push(...(await entryDrafts(c, after, e, e.payload.stageKey, urgent)));
        break;
      }
      case "owner_assigned": {
        if (e.payload.retained) break;
        const agency = e.payload.side === "raising" ? c.names.raising : c.names.responding;
        add(
          "owner_assigned",
          e.id,
          await usersById(c.tx, c.row.partnershipId, [e.payload.userId], `Owner for ${agency}`),
          `${c.row.reference}: you now own this dispute for ${agency}`,
          content(c, `You now own this dispute for ${agency}${e.payload.proxy ? ", standing in as a proxy" : ""}.`, [
            `It is at ${here}.`,
            ...nextDueLine(c, after.deadlines),
          ]),
        );
        break;
      }
      case "escalated":
      case "expedited": {
        const verb = e.type === "escalated" ? "escalated" : "moved up urgently";
        add(
          "stage_entered",
          e.id,
          await sidesOf(c.tx, c.row),
          `${c.row.reference}: ${verb} to ${here}`,
          content(c, `The dispute has been ${verb} to ${here}.`, [...nextDueLine(c, after.deadlines), ...outstandingFormLines(c, after)]),
        );
        drafts.push(...(await entryDrafts(c, after, e, e.payload.to, urgent)));
        const left = getStage(c.policy, e.payload.from, c.row.routeId);
        for (const n of left.notify?.onExit ?? []) {
          add(
            "stage_left",
            partySubjectKey(e.id, n.who),
            await partyRecipients(c.tx, n.who, c.row, c.policy),
            `${c.row.reference}: not resolved at ${stageTitle(left)}`,
            content(
              c,
              `The dispute was not resolved at ${stageTitle(left)} and is now at ${here}.`,
              n.what ? [`The policy says: ${n.what}${n.how ? ` ${n.how}` : ""}`] : [],
            ),
          );
        }
        break;
      }
      case "resolved":
      case "withdrawn": {
        const word = e.type;
        const people = after.participants.filter((p) => p.role === "raiser" || p.role === "responder").map((p) => p.userId);
        const recipients = [
          ...(await usersById(c.tx, c.row.partnershipId, [c.row.raisingOwnerId, c.row.respondingOwnerId], "Owner of the dispute")),
          ...(await usersById(c.tx, c.row.partnershipId, people, "On the dispute")),
          ...(c.row.onRegister ? await boardBusinessManagers(c.tx, c.row, c.policy) : []),
        ];
        // The outcome goes back to those who raised it (the Isle of Man's "outcome of agreed
        // actions"): where it is recorded, not its words, which stay behind the sign-in.
        const actions = e.type === "resolved" ? e.payload.actionIds.length : 0;
        const returned =
          e.type === "resolved"
            ? [
                `The outcome${actions > 0 ? ` and ${actions} agreed ${actions === 1 ? "action" : "actions"}` : ""} ${actions > 0 ? "are" : "is"} recorded on the dispute: sign in to read ${actions > 0 ? "them" : "it"}.`,
                // What the policy asks for after resolution at this stage (the stored deadlines of a resolved dispute).
                ...after.deadlines.map(
                  (d) => `The policy asks for this after resolution: ${d.label}${d.dueAt ? `, due ${formatDue(d.dueAt, c.policy.timeZone)}` : ""}.`,
                ),
              ]
            : [];
        add(word, e.id, recipients, `${c.row.reference}: ${word}`, content(c, `The dispute has been ${word} at ${here}.`, returned));
        break;
      }
      case "action_added": {
        if (!e.payload.ownerUserId) break;
        add(
          "action_assigned",
          e.payload.actionId,
          await usersById(c.tx, c.row.partnershipId, [e.payload.ownerUserId], "Owner of an agreed action"),
          `${c.row.reference}: an agreed action has been given to you`,
          content(c, "An agreed action on this dispute has been given to you.", [`It is due on ${formatLocalDate(e.payload.dueDate)}.`]),
        );
        break;
      }
      case "discussion_recorded":
      case "deadline_set":
      case "milestone_recorded":
      case "form_completed":
      case "board_notified":
      case "action_completed":
      case "comment":
      // A move to a newer policy version is an administrator's: the new deadlines' warnings follow from the timers.
      case "policy_version_changed":
        break;
      default: {
        const never: never = e;
        throw new Error(`unknown event ${JSON.stringify(never)}`);
      }
    }
  }
  return onePerPerson(drafts);
}

/**
 * The subject of a notice to a policy party about an event (a stage entered or
 * left): the event and the party as the policy names it. lib/views/dispute.ts
 * finds what Parley told a stage's parties by it.
 */
export const partySubjectKey = (eventId: string, p: { contact?: string | undefined; level?: string | undefined; title?: string | undefined }) =>
  `${eventId}:${p.contact ?? p.level ?? p.title ?? "party"}`;

/** The policy's `notify.onEntry` parties of a stage just entered. */
async function entryDrafts(c: DraftContext, after: EscalationState, e: EscalationEvent, stageKey: string, urgent: boolean): Promise<NoticeDraft[]> {
  const stage = getStage(c.policy, stageKey, getRoute(c.policy, c.row.routeId).id);
  const drafts: NoticeDraft[] = [];
  for (const n of stage.notify?.onEntry ?? []) {
    drafts.push({
      trigger: "stage_entered",
      subjectKey: partySubjectKey(e.id, n.who),
      recipients: await partyRecipients(c.tx, n.who, c.row, c.policy),
      subject: `${c.row.reference}: reached ${stageTitle(stage)}`,
      content: content(c, `The dispute has reached ${stageTitle(stage)}, where the policy says you are to be told.`, [
        ...(n.what ? [`The policy says: ${n.what}${n.how ? ` ${n.how}` : ""}`] : []),
        ...outstandingFormLines(c, after),
      ]),
      urgent,
    });
  }
  return drafts;
}

function onePerPerson(drafts: NoticeDraft[]): NoticeDraft[] {
  const told = new Set<string>();
  return drafts.map((d) => {
    const recipients = d.recipients.filter((r) => !told.has(recipientKey(r)));
    for (const r of recipients) told.add(recipientKey(r));
    return { ...d, recipients };
  });
}

/** The notices a timer calls for, about the dispute as it is now. Empty when what it was about has gone. */
export async function draftsForTimer(
  c: DraftContext,
  state: { deadlines: readonly DeadlineRow[]; actions: readonly ActionRow[] },
  timer: Timer,
): Promise<NoticeDraft[]> {
  const tz = c.policy.timeZone;
  const urgent = urgentOf(c.row);
  const subjectKey = `${timer.subject}@${timer.dueAt.toISOString()}`;
  switch (timer.kind) {
    case "deadline_warning":
    case "deadline_missed":
    case "deadline_reminder": {
      const d = state.deadlines.find((x) => x.deadlineId === timer.subject && x.dueAt?.getTime() === timer.dueAt.getTime() && x.status !== "met");
      // A resolved dispute's stored deadlines are what the policy asks for after resolution.
      const resolved = c.row.status === "resolved";
      if (!d || (c.row.status !== "open" && !resolved) || (resolved && timer.kind === "deadline_reminder")) return [];
      const title = stageTitle(currentStage(c));
      const here = resolved ? `The dispute was resolved at ${title}; the policy asks for this after resolution.` : `The dispute is at ${title}.`;
      const definition = deadlineDefinitionAt(c.policy, c.row.stageKey, c.row.routeId, d.deadlineId, resolved);
      // Who must act, and the policy's note on it, when the policy says.
      const guidance = [
        ...(definition?.party ? [`Who must act: ${partyWords(definition.party, c.policy, c.row.routeId)}.`] : []),
        ...(definition?.note ? [definition.note] : []),
      ];
      if (timer.kind === "deadline_reminder") {
        const owners = await usersById(
          c.tx,
          c.row.partnershipId,
          [c.row.raisingOwnerId, c.row.respondingOwnerId],
          "Owner of an overdue dispute (you asked for a daily reminder)",
        );
        return [
          {
            trigger: "deadline_reminder",
            subjectKey: `${subjectKey}#${localDate(timer.fireAt, tz)}`,
            urgent: false,
            deadlineId: d.deadlineId,
            dueAt: timer.dueAt,
            recipients: await withPreference(c.tx, owners, "overdueReminders"),
            subject: `${c.row.reference}: still overdue, ${d.label} was due ${formatDue(timer.dueAt, tz)}`,
            content: content(c, `${d.label} was due ${formatDue(timer.dueAt, tz)} and is still not met.`, [
              here,
              "You get this reminder each working morning while a dispute you own is overdue; you can turn it off in Your notice settings.",
            ]),
          },
        ];
      }
      if (timer.kind === "deadline_warning") {
        return [
          {
            trigger: "deadline_warning",
            subjectKey,
            urgent,
            deadlineId: d.deadlineId,
            dueAt: timer.dueAt,
            // A deadline the policy gives to one side warns that side; the other side hears only if it is missed.
            recipients: await sidesOf(c.tx, c.row, definition?.party?.side ?? "both"),
            subject: `${c.row.reference}: ${d.label} is due ${formatDue(timer.dueAt, tz)}`,
            content: content(c, `${d.label} is due ${formatDue(timer.dueAt, tz)}.`, [here, ...guidance]),
          },
        ];
      }
      const recipients: Recipient[] = [...(await sidesOf(c.tx, c.row))];
      for (const party of definition?.notifyOnMiss ?? []) recipients.push(...(await partyRecipients(c.tx, party, c.row, c.policy)));
      if (c.row.onRegister) recipients.push(...(await boardBusinessManagers(c.tx, c.row, c.policy)));
      return [
        {
          trigger: "deadline_missed",
          subjectKey,
          urgent,
          deadlineId: d.deadlineId,
          dueAt: timer.dueAt,
          recipients,
          subject: `${c.row.reference}: overdue, ${d.label} was due ${formatDue(timer.dueAt, tz)}`,
          content: content(c, `${d.label} was due ${formatDue(timer.dueAt, tz)} and has not been met.`, [
            here,
            ...guidance,
            ...(definition?.onMiss ? [`The policy says: ${definition.onMiss}`] : []),
          ]),
        },
      ];
    }
    case "action_warning":
    case "action_overdue": {
      const a = state.actions.find((x) => x.id === timer.subject && x.doneAt === null);
      if (!a?.ownerUserId) return [];
      const recipients = await usersById(c.tx, c.row.partnershipId, [a.ownerUserId], "Owner of an agreed action");
      const when = formatLocalDate(a.dueDate);
      // Keyed on the due date, not the instant: the instant follows the partnership's hours, which may change.
      return [
        {
          trigger: timer.kind,
          subjectKey: `${a.id}@${a.dueDate}`,
          urgent: false,
          actionId: a.id,
          dueAt: timer.dueAt,
          recipients,
          subject:
            timer.kind === "action_warning"
              ? `${c.row.reference}: an agreed action of yours is due on ${when}`
              : `${c.row.reference}: an agreed action of yours is overdue`,
          content: content(
            c,
            timer.kind === "action_warning"
              ? `An agreed action given to you is due on ${when}.`
              : `An agreed action given to you was due on ${when} and is not marked as done.`,
            ["Open the dispute to see it, and mark it as done when it is."],
          ),
        },
      ];
    }
    default: {
      const never: never = timer.kind;
      throw new Error(`unknown timer ${String(never)}`);
    }
  }
}

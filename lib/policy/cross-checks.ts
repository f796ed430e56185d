/**
 * Rules that span fields (stage numbers increasing, anchors naming declared
 * events, budgets naming real stages…). They run once the shape is valid and
 * report paths in the same form as the shape errors.
 */
import type { z } from "zod";
import { ANCHOR_RAISED, ANCHOR_STAGE_ENTERED, type Budget, type Deadline, type Party, type PolicyData, type Unit } from "./schema";

type Path = (string | number)[];
type Report = (path: Path, message: string) => void;

/** Units whose deadline has (or, once set, will have) a due date. */
export const TIMED_UNITS: ReadonlySet<Unit> = new Set<Unit>(["working-days", "hours", "same-working-day", "set-by-role"]);

export function hasDueDate(d: { unit: Unit }): boolean {
  return TIMED_UNITS.has(d.unit);
}

function duplicates<T>(items: readonly T[], keyOf: (item: T) => string, report: (index: number, k: string, first: number) => void) {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = keyOf(item);
    const first = seen.get(k);
    if (first !== undefined) report(i, k, first);
    else seen.set(k, i);
  });
}

export function checkPolicy(policy: PolicyData, ctx: z.core.$RefinementCtx<PolicyData>): void {
  const report: Report = (path, message) => ctx.addIssue({ code: "custom", path, message });

  const contactIds = new Set((policy.contacts ?? []).map((c) => c.id));
  duplicates(policy.contacts ?? [], (c) => c.id, (i, k) => report(["contacts", i, "id"], `"${k}" is used by another contact; ids must be unique`));

  const eventIds = new Set<string>();
  (policy.events ?? []).forEach((e, i) => {
    if (e.id === ANCHOR_RAISED || e.id === ANCHOR_STAGE_ENTERED) {
      report(["events", i, "id"], `"${e.id}" is built in; choose another id for this event`);
    } else if (eventIds.has(e.id)) {
      report(["events", i, "id"], `"${e.id}" is used by another event; ids must be unique`);
    }
    eventIds.add(e.id);
  });

  duplicates(policy.areas.items, (a) => a.id, (i, k) => report(["areas", "items", i, "id"], `"${k}" is used by another area; ids must be unique`));
  duplicates(policy.outOfScope, (o) => o.id, (i, k) => report(["outOfScope", i, "id"], `"${k}" is used by another entry; ids must be unique`));
  duplicates(policy.routes, (r) => r.id, (i, k) => report(["routes", i, "id"], `"${k}" is used by another route; ids must be unique`));

  const checkParty = (party: Party | undefined, path: Path) => {
    if (party?.contact !== undefined && !contactIds.has(party.contact)) {
      report([...path, "contact"], `no contact with id "${party.contact}" (declare it under contacts)`);
    }
  };

  const checkAnchor = (d: Deadline | Budget, path: Path, isBudget: boolean) => {
    (d.notifyOnMiss ?? []).forEach((p, i) => checkParty(p, [...path, "notifyOnMiss", i]));
    if (!("from" in d)) return;
    if (d.from === ANCHOR_RAISED) return;
    if (d.from === ANCHOR_STAGE_ENTERED) {
      if (isBudget) {
        report([...path, "from"], `a deadline shared by several stages cannot count from "stage-entered" (each stage is entered at a different time); use "raised" or an event`);
      }
      return;
    }
    if (!eventIds.has(d.from)) {
      report([...path, "from"], `"${d.from}" is not "raised", "stage-entered" or an event this policy declares (declare it under events)`);
    }
  };

  policy.routes.forEach((route, r) => {
    const routePath: Path = ["routes", r];
    const stageKeys = new Map<string, number>();
    route.stages.forEach((stage, s) => {
      if (stageKeys.has(stage.key)) report([...routePath, "stages", s, "key"], `"${stage.key}" is used by another stage in this route; keys must be unique`);
      else stageKeys.set(stage.key, s);
    });

    // Stage numbers increase down the ladder.
    let previous: number | null = null;
    route.stages.forEach((stage, s) => {
      const stagePath: Path = [...routePath, "stages", s];
      if (stage.number !== undefined) {
        if (previous !== null && stage.number <= previous) {
          report([...stagePath, "number"], `expected a number greater than ${previous} (the stage before it); stages are listed in order`);
        }
        previous = stage.number;
        if (stage.responding === undefined) {
          report([...stagePath, "responding"], "required for a numbered stage: name the level expected on the responding side");
        }
      }
      if (stage.board && stage.board.involvement !== "none" && stage.board.cite === undefined) {
        report([...stagePath, "board", "cite"], "required when the board is involved: say where the policy says so");
      }
      checkParty(stage.decidedBy, [...stagePath, "decidedBy"]);
      (stage.forms ?? []).forEach((form, f) => {
        const formPath = [...stagePath, "forms", f];
        checkParty(form.completedBy, [...formPath, "completedBy"]);
        (form.sendTo ?? []).forEach((p, i) => checkParty(p, [...formPath, "sendTo", i]));
        checkParty(form.returnedTo, [...formPath, "returnedTo"]);
      });
      for (const when of ["onEntry", "onExit"] as const) {
        (stage.notify?.[when] ?? []).forEach((n, i) => checkParty(n.who, [...stagePath, "notify", when, i, "who"]));
      }
      duplicates(stage.records ?? [], (x) => x.id, (i, k) => report([...stagePath, "records", i, "id"], `"${k}" is used by another record in this stage`));
      duplicates(stage.forms ?? [], (x) => x.id, (i, k) => report([...stagePath, "forms", i, "id"], `"${k}" is used by another form in this stage`));
    });

    // Deadline ids are unique in a route: the API sets "set-by-role" deadlines by id.
    const deadlineIds = new Set<string>();
    const seeDeadline = (d: Deadline | Budget, path: Path, isBudget: boolean) => {
      if (deadlineIds.has(d.id)) report([...path, "id"], `"${d.id}" is used by another deadline in this route; ids must be unique`);
      deadlineIds.add(d.id);
      checkAnchor(d, path, isBudget);
      if (d.unit === "set-by-role") checkParty(d.setBy, [...path, "setBy"]);
      if (d.decidesOverdue && !hasDueDate(d)) {
        report([...path, "decidesOverdue"], `a deadline of "${d.unit}" has no due date, so it cannot decide when a stage is overdue`);
      }
    };
    route.stages.forEach((stage, s) =>
      (stage.deadlines ?? []).forEach((d, i) => {
        const path: Path = [...routePath, "stages", s, "deadlines", i];
        seeDeadline(d, path, false);
        if (d.metBy?.form !== undefined && !(stage.forms ?? []).some((f) => f.id === d.metBy?.form)) {
          report([...path, "metBy", "form"], `"${d.metBy.form}" is not a form of this stage (list it under the stage's forms)`);
        }
        if (d.metBy?.event !== undefined && !eventIds.has(d.metBy.event)) {
          report([...path, "metBy", "event"], `"${d.metBy.event}" is not an event this policy declares (declare it under events)`);
        }
      }),
    );
    (route.budgets ?? []).forEach((b, i) => {
      const budgetPath: Path = [...routePath, "budgets", i];
      seeDeadline(b, budgetPath, true);
      const inBudget = new Set<string>();
      b.stages.forEach((k, j) => {
        if (!stageKeys.has(k)) report([...budgetPath, "stages", j], `no stage with key "${k}" in this route`);
        if (inBudget.has(k)) report([...budgetPath, "stages", j], `"${k}" is listed twice`);
        inBudget.add(k);
      });
    });

    // Exactly one deadline decides when a stage is overdue, if any has a due date.
    route.stages.forEach((stage, s) => {
      const stagePath: Path = [...routePath, "stages", s];
      const label = stage.number !== undefined ? `stage ${stage.number}` : `step "${stage.key}"`;
      const candidates: { d: Deadline | Budget; path: Path }[] = [
        ...(route.budgets ?? []).flatMap((b, i) => (b.stages.includes(stage.key) ? [{ d: b, path: [...routePath, "budgets", i] }] : [])),
        ...(stage.deadlines ?? []).map((d, i) => ({ d, path: [...stagePath, "deadlines", i] })),
      ];
      const deciders = candidates.filter((c) => c.d.decidesOverdue === true && hasDueDate(c.d));
      if (candidates.some((c) => hasDueDate(c.d)) && deciders.length === 0) {
        report(
          stage.deadlines && stage.deadlines.length > 0 ? [...stagePath, "deadlines"] : stagePath,
          `${label} has deadlines with due dates, so exactly one of them must say "decidesOverdue: true" (the one that decides when the stage is overdue)`,
        );
      }
      for (const extra of deciders.slice(1)) {
        const first = deciders[0] as (typeof deciders)[number];
        report(
          [...extra.path, "decidesOverdue"],
          `${label} already has "${first.d.id}" deciding when it is overdue; only one deadline per stage can`,
        );
      }
    });

    const effectiveBoardStage = route.boardOversightStage !== undefined ? route.boardOversightStage : policy.boardOversightStage;
    if (effectiveBoardStage !== null && !route.stages.some((st) => st.number === effectiveBoardStage)) {
      if (route.boardOversightStage !== undefined) {
        report([...routePath, "boardOversightStage"], `no stage numbered ${effectiveBoardStage} in this route`);
      } else {
        report(
          ["boardOversightStage"],
          `no stage numbered ${effectiveBoardStage} in route "${route.id}" (routes[${r}]); set routes[${r}].boardOversightStage for that route`,
        );
      }
    }

    if (route.urgent) {
      const lastKey = route.stages[route.stages.length - 1]?.key;
      if (!route.urgent.allowed && (route.urgent.maySkip ?? []).length > 0) {
        report([...routePath, "urgent", "maySkip"], "must be empty when the urgent route is not allowed");
      }
      (route.urgent.maySkip ?? []).forEach((k, j) => {
        if (!stageKeys.has(k)) report([...routePath, "urgent", "maySkip", j], `no stage with key "${k}" in this route`);
        else if (k === lastKey) report([...routePath, "urgent", "maySkip", j], `"${k}" is the last stage; there is nothing to go on to`);
      });
    }

    (route.ownership ?? []).forEach((rule, i) => {
      rule.stages.forEach((k, j) => {
        if (!stageKeys.has(k)) report([...routePath, "ownership", i, "stages", j], `no stage with key "${k}" in this route`);
      });
    });
  });
}

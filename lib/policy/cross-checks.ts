/**
 * Rules that span fields (stage numbers increasing, anchors naming declared
 * events, budgets naming real stages…). They run once the shape is valid and
 * report paths in the same form as the shape errors.
 */
import type { z } from "zod";
import { MAX_BRANCH_AREAS, branchIfWords, factCombinations, factsWords } from "./branches";
import { branchWhenHolds } from "./lookup";
import { coversFor } from "./populations";
import {
  ANCHOR_RAISED,
  ANCHOR_RESOLVED,
  ANCHOR_STAGE_ENTERED,
  anchorsOf,
  type Anchor,
  type Budget,
  type Deadline,
  type Party,
  type PolicyData,
  type Unit,
} from "./schema";
import type { Policy } from "./parse";

type Path = (string | number)[];
type Report = (path: Path, message: string) => void;

/** Units whose deadline has (or, once set, will have) a due date. */
export const TIMED_UNITS: ReadonlySet<Unit> = new Set<Unit>([
  "working-days",
  "working-weeks",
  "calendar-days",
  "hours",
  "same-working-day",
  "set-by-role",
  "earliest-of",
]);

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
  duplicates(
    policy.contacts ?? [],
    (c) => c.id,
    (i, k) => report(["contacts", i, "id"], `"${k}" is used by another contact; ids must be unique`),
  );

  const eventIds = new Set<string>();
  (policy.events ?? []).forEach((e, i) => {
    if (e.id === ANCHOR_RAISED || e.id === ANCHOR_STAGE_ENTERED || e.id === ANCHOR_RESOLVED) {
      report(["events", i, "id"], `"${e.id}" is built in; choose another id for this event`);
    } else if (eventIds.has(e.id)) {
      report(["events", i, "id"], `"${e.id}" is used by another event; ids must be unique`);
    }
    eventIds.add(e.id);
  });

  duplicates(
    policy.roleEquivalents ?? [],
    (e) => `${e.agencyType}/${e.level}`,
    (i, _k, first) =>
      report(
        ["roleEquivalents", i],
        `roleEquivalents[${first}] already names ${policy.roleEquivalents?.[first]?.agencyType}'s title for ${policy.roleEquivalents?.[first]?.level}`,
      ),
  );
  duplicates(
    policy.areas.items,
    (a) => a.id,
    (i, k) => report(["areas", "items", i, "id"], `"${k}" is used by another area; ids must be unique`),
  );
  duplicates(
    policy.outOfScope,
    (o) => o.id,
    (i, k) => report(["outOfScope", i, "id"], `"${k}" is used by another entry; ids must be unique`),
  );
  duplicates(
    policy.routes,
    (r) => r.id,
    (i, k) => report(["routes", i, "id"], `"${k}" is used by another route; ids must be unique`),
  );
  const areaIds = new Set(policy.areas.items.map((a) => a.id));
  policy.routes.forEach((route, r) => {
    (route.when?.areas ?? []).forEach((area, j) => {
      if (!areaIds.has(area)) report(["routes", r, "when", "areas", j], `no area with id "${area}" (list it under areas)`);
    });
    (route.when?.about ?? []).forEach((kind, j) => {
      if (!policy.covers.includes(kind === "child" ? "children" : "adults")) {
        report(["routes", r, "when", "about", j], `this policy covers ${policy.covers.join(" and ")}, not ${kind === "child" ? "children" : "adults"}`);
      }
    });
  });
  if (policy.routes.some((r) => r.when) && policy.routes.every((r) => r.when)) {
    report(["routes"], "when routes are chosen by the facts, at least one route must have no `when`: it takes every dispute the others do not");
  }

  const populations = checkPopulations(policy, report);

  const checkParty = (party: Party | undefined, path: Path) => {
    if (party?.contact === undefined) return;
    const route = path[0] === "routes" && typeof path[1] === "number" ? policy.routes[path[1]] : undefined;
    const owner = populations.contactOwner.get(party.contact);
    if (owner === undefined) {
      if (!contactIds.has(party.contact)) report([...path, "contact"], `no contact with id "${party.contact}" (declare it under contacts)`);
    } else if (route && route.population !== owner && populations.declared.has(route.population ?? "")) {
      report(
        [...path, "contact"],
        `"${party.contact}" is a contact of population "${owner}", but route "${route.id}" serves ${route.population === undefined ? "no population" : `population "${route.population}"`}: name one of its own contacts, or one under the policy's contacts`,
      );
    }
  };

  /**
   * Where an anchor may point: a declared event (at this stage, or as recorded at an
   * earlier stage of the route), or another deadline of the same stage.
   * `stageIndex` is null for a deadline shared by several stages.
   */
  type AnchorScope = {
    isBudget: boolean;
    stageKeys: Map<string, number>;
    stageIndex: number | null;
    siblings: ReadonlySet<string>;
    self: string;
    /** One of a stage's onResolution obligations: may count from "resolved", and from another obligation only. */
    obligation?: boolean;
  };
  const checkOneAnchor = (from: Anchor, path: Path, scope: AnchorScope) => {
    if (from === ANCHOR_RAISED) return;
    if (from === ANCHOR_RESOLVED) {
      if (!scope.obligation) report(path, `only what a stage asks for after resolution (its onResolution) can count from "resolved"`);
      return;
    }
    if (from === ANCHOR_STAGE_ENTERED) {
      if (scope.isBudget) {
        report(
          path,
          `a deadline shared by several stages cannot count from "stage-entered" (each stage is entered at a different time); use "raised" or an event`,
        );
      }
      return;
    }
    if (typeof from === "string") {
      if (!eventIds.has(from)) report(path, `"${from}" is not "raised", "stage-entered" or an event this policy declares (declare it under events)`);
      return;
    }
    if ("event" in from) {
      if (!eventIds.has(from.event)) report([...path, "event"], `"${from.event}" is not an event this policy declares (declare it under events)`);
      const at = scope.stageKeys.get(from.stage);
      if (at === undefined) report([...path, "stage"], `no stage with key "${from.stage}" in this route`);
      else if (scope.stageIndex !== null && at > scope.stageIndex) {
        report([...path, "stage"], `"${from.stage}" comes after this stage: a deadline can count only from an event at this stage or an earlier one`);
      }
      return;
    }
    if (from.deadline === scope.self) report([...path, "deadline"], "a deadline cannot count from itself");
    else if (!scope.siblings.has(from.deadline)) {
      report(
        [...path, "deadline"],
        `"${from.deadline}" is not another ${scope.obligation ? "of this stage's onResolution obligations" : "deadline of this stage"}`,
      );
    }
  };

  const checkAnchor = (d: Deadline | Budget, path: Path, scope: AnchorScope) => {
    (d.notifyOnMiss ?? []).forEach((p, i) => checkParty(p, [...path, "notifyOnMiss", i]));
    checkParty(d.party, [...path, "party"]);
    if (d.unit === "earliest-of") {
      d.of.forEach((t, i) => {
        if (t.unit === "set-by-role") checkParty(t.setBy, [...path, "of", i, "setBy"]);
        else checkOneAnchor(t.from, [...path, "of", i, "from"], scope);
      });
      if (!d.of.some((t) => t.unit !== "set-by-role")) report([...path, "of"], "name at least one timescale with a start, besides any set by a role");
    }
    if (d.alsoStated) {
      if (!("from" in d) || !["working-days", "working-weeks", "calendar-days", "hours"].includes(d.unit)) {
        report([...path, "alsoStated"], `only a deadline counted in working days, working weeks, calendar days or hours can also be stated in other units`);
      } else if (d.alsoStated.unit === d.unit) {
        report([...path, "alsoStated", "unit"], `the deadline is already counted in ${d.unit}: give the other units the policy states`);
      }
    }
    if (!("from" in d)) return;
    checkOneAnchor(d.from, [...path, "from"], scope);
  };

  /** A chain of deadlines counting from each other must end somewhere. */
  const checkChains = (entries: { d: Deadline | Budget; path: Path }[]) => {
    const next = new Map<string, string[]>();
    for (const { d } of entries) {
      const anchors = anchorsOf(d);
      next.set(
        d.id,
        anchors.flatMap((a) => (typeof a === "object" && "deadline" in a ? [a.deadline] : [])),
      );
    }
    for (const { d, path } of entries) {
      const seen = new Set<string>([d.id]);
      let frontier = next.get(d.id) ?? [];
      while (frontier.length > 0) {
        if (frontier.includes(d.id)) {
          report([...path, "from"], `"${d.id}" counts, through other deadlines, from itself: a chain of deadlines must start from an event`);
          break;
        }
        frontier = frontier.filter((x) => !seen.has(x));
        frontier.forEach((x) => seen.add(x));
        frontier = frontier.flatMap((x) => next.get(x) ?? []);
      }
    }
  };

  checkMovesWithin(policy, report);

  /** Branch ids unique, conditions naming real areas, and exactly one branch for every combination of the facts. */
  const checkBranches = (stage: PolicyData["routes"][number]["stages"][number], stagePath: Path, routeId: string) => {
    const branches = stage.branches;
    if (!branches) return;
    // Whom the route serves: its population's covers, if it has one.
    const covers = coversFor(policy, routeId);
    const named = new Set(branches.flatMap((b) => b.when?.areas ?? []));
    if (named.size > MAX_BRANCH_AREAS) {
      report([...stagePath, "branches"], `the branches of a stage may name at most ${MAX_BRANCH_AREAS} areas between them (these name ${named.size})`);
      return;
    }
    duplicates(
      branches,
      (b) => b.id,
      (i, k) => report([...stagePath, "branches", i, "id"], `"${k}" is used by another branch of this stage; ids must be unique`),
    );
    const otherwise = branches.flatMap((b, i) => (b.when ? [] : [i]));
    for (const i of otherwise.slice(1)) {
      report(
        [...stagePath, "branches", i, "when"],
        `branch "${branches[otherwise[0]!]!.id}" already takes every other case (it has no \`when\`); say when this one applies`,
      );
    }
    branches.forEach((b, i) => {
      (b.when?.areas ?? []).forEach((area, j) => {
        if (!areaIds.has(area)) report([...stagePath, "branches", i, "when", "areas", j], `no area with id "${area}" (list it under areas)`);
      });
      (b.when?.about ?? []).forEach((kind, j) => {
        if (!covers.includes(kind === "child" ? "children" : "adults")) {
          report(
            [...stagePath, "branches", i, "when", "about", j],
            `this route serves ${covers.join(" and ")}, not ${kind === "child" ? "children" : "adults"}`,
          );
        }
      });
    });
    const reported = new Set<string>();
    for (const facts of factCombinations(branches, { covers })) {
      const holding = branches.flatMap((b, i) => (b.when && branchWhenHolds(b.when, facts) ? [i] : []));
      if (holding.length > 1) {
        const [a, b] = holding as [number, number];
        if (reported.has(`${a}/${b}`)) continue;
        reported.add(`${a}/${b}`);
        report(
          [...stagePath, "branches", b, "when"],
          `branches "${branches[a]!.id}" and "${branches[b]!.id}" both apply to ${factsWords(facts, branches, policy)}; exactly one branch must apply, so make their conditions exclusive`,
        );
      } else if (holding.length === 0 && otherwise.length === 0 && !reported.has("none")) {
        reported.add("none");
        report(
          [...stagePath, "branches"],
          `no branch applies to ${factsWords(facts, branches, policy)}; add a branch without \`when\` for every other case, or one for this (${branches.map((x) => `"${x.id}" applies ${branchIfWords(stage, x, policy)}`).join("; ")})`,
        );
      }
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
      duplicates(
        stage.records ?? [],
        (x) => x.id,
        (i, k) => report([...stagePath, "records", i, "id"], `"${k}" is used by another record in this stage`),
      );
      duplicates(
        stage.forms ?? [],
        (x) => x.id,
        (i, k) => report([...stagePath, "forms", i, "id"], `"${k}" is used by another form in this stage`),
      );
    });

    // Deadline ids are unique in a route: the API sets "set-by-role" deadlines by id.
    const deadlineIds = new Set<string>();
    const siblingsOf = (stageKey: string) =>
      new Set([
        ...(route.stages.find((st) => st.key === stageKey)?.deadlines ?? []).map((x) => x.id),
        ...(route.budgets ?? []).filter((b) => b.stages.includes(stageKey)).map((b) => b.id),
      ]);
    const seeDeadline = (d: Deadline | Budget, path: Path, isBudget: boolean, stageIndex: number | null, branchSiblings: readonly string[] = []) => {
      if (deadlineIds.has(d.id)) report([...path, "id"], `"${d.id}" is used by another deadline in this route; ids must be unique`);
      deadlineIds.add(d.id);
      const siblings =
        stageIndex !== null
          ? new Set([...siblingsOf(route.stages[stageIndex]!.key), ...branchSiblings])
          : new Set((d as Budget).stages.flatMap((k) => [...siblingsOf(k)]));
      checkAnchor(d, path, { isBudget, stageKeys, stageIndex, siblings, self: d.id });
      if (d.unit === "set-by-role") checkParty(d.setBy, [...path, "setBy"]);
      if (d.decidesOverdue && !hasDueDate(d)) {
        report([...path, "decidesOverdue"], `a deadline of "${d.unit}" has no due date, so it cannot decide when a stage is overdue`);
      }
    };
    route.stages.forEach((stage, s) => {
      const seeStageDeadline = (d: Deadline, path: Path, branchSiblings?: readonly string[]) => {
        seeDeadline(d, path, false, s, branchSiblings);
        if (d.metBy?.form !== undefined && !(stage.forms ?? []).some((f) => f.id === d.metBy?.form)) {
          report([...path, "metBy", "form"], `"${d.metBy.form}" is not a form of this stage (list it under the stage's forms)`);
        }
        if (d.metBy?.event !== undefined && !eventIds.has(d.metBy.event)) {
          report([...path, "metBy", "event"], `"${d.metBy.event}" is not an event this policy declares (declare it under events)`);
        }
      };
      (stage.deadlines ?? []).forEach((d, i) => seeStageDeadline(d, [...routePath, "stages", s, "deadlines", i]));
      // A branch's deadlines may count from each other and from the stage's own, not from another branch's.
      (stage.branches ?? []).forEach((branch, b) => {
        const ids = branch.deadlines.map((d) => d.id);
        branch.deadlines.forEach((d, i) => seeStageDeadline(d, [...routePath, "stages", s, "branches", b, "deadlines", i], ids));
      });
      checkBranches(stage, [...routePath, "stages", s], route.id);
    });
    // What a stage asks for after resolution: ids unique with the route's other deadlines; never
    // deciding when a stage is overdue; never set by a role (nobody can set a date on a resolved dispute).
    route.stages.forEach((stage, s) => {
      const obligations = stage.onResolution ?? [];
      const siblings = new Set(obligations.map((o) => o.id));
      const entries = obligations.map((o, i) => ({ d: o, path: [...routePath, "stages", s, "onResolution", i] as Path }));
      for (const { d, path } of entries) {
        if (deadlineIds.has(d.id)) report([...path, "id"], `"${d.id}" is used by another deadline in this route; ids must be unique`);
        deadlineIds.add(d.id);
        checkAnchor(d, path, { isBudget: false, stageKeys, stageIndex: s, siblings, self: d.id, obligation: true });
        if (d.decidesOverdue)
          report([...path, "decidesOverdue"], "what is asked after resolution cannot decide when a stage is overdue: the dispute has left it");
        if (d.unit === "set-by-role" || (d.unit === "earliest-of" && d.of.some((t) => t.unit === "set-by-role"))) {
          report([...path, "unit"], "what is asked after resolution cannot be set by a role: nobody can set a date on a resolved dispute");
        }
      }
      checkChains(entries);
    });
    (route.budgets ?? []).forEach((b, i) => {
      const budgetPath: Path = [...routePath, "budgets", i];
      seeDeadline(b, budgetPath, true, null);
      const inBudget = new Set<string>();
      b.stages.forEach((k, j) => {
        if (!stageKeys.has(k)) report([...budgetPath, "stages", j], `no stage with key "${k}" in this route`);
        if (inBudget.has(k)) report([...budgetPath, "stages", j], `"${k}" is listed twice`);
        inBudget.add(k);
      });
    });

    // Exactly one deadline decides when a stage is overdue, if any has a due date: in each branch, if it has branches.
    route.stages.forEach((stage, s) => {
      const stagePath: Path = [...routePath, "stages", s];
      const stageLabel = stage.number !== undefined ? `stage ${stage.number}` : `step "${stage.key}"`;
      const common: { d: Deadline | Budget; path: Path }[] = [
        ...(route.budgets ?? []).flatMap((b, i) => (b.stages.includes(stage.key) ? [{ d: b, path: [...routePath, "budgets", i] }] : [])),
        ...(stage.deadlines ?? []).map((d, i) => ({ d, path: [...stagePath, "deadlines", i] })),
      ];
      const cases = stage.branches
        ? stage.branches.map((branch, b) => ({
            label: `${stageLabel} (branch "${branch.id}")`,
            where: [...stagePath, "branches", b, "deadlines"] as Path,
            candidates: [...common, ...branch.deadlines.map((d, i) => ({ d, path: [...stagePath, "branches", b, "deadlines", i] as Path }))],
          }))
        : [{ label: stageLabel, where: (stage.deadlines && stage.deadlines.length > 0 ? [...stagePath, "deadlines"] : stagePath) as Path, candidates: common }];
      for (const { label, where, candidates } of cases) {
        checkChains(candidates);
        const deciders = candidates.filter((c) => c.d.decidesOverdue === true && hasDueDate(c.d));
        if (candidates.some((c) => hasDueDate(c.d)) && deciders.length === 0) {
          report(
            where,
            `${label} has deadlines with due dates, so exactly one of them must say "decidesOverdue: true" (the one that decides when the stage is overdue)`,
          );
        }
        for (const extra of deciders.slice(1)) {
          const first = deciders[0] as (typeof deciders)[number];
          report([...extra.path, "decidesOverdue"], `${label} already has "${first.d.id}" deciding when it is overdue; only one deadline per stage can`);
        }
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

/**
 * Populations (children, adults) under one policy: ids unique; contact ids unique
 * across the policy's contacts and every population's; when any are declared,
 * every route names one and every one has a route. Returns which population
 * owns each of its contacts, for the routes' parties to be checked against.
 */
function checkPopulations(policy: PolicyData, report: Report): { contactOwner: Map<string, string>; declared: ReadonlySet<string> } {
  const contactOwner = new Map<string, string>();
  const declared = policy.populations ?? [];
  const ids = new Set(declared.map((p) => p.id));
  duplicates(
    declared,
    (p) => p.id,
    (i, k) => report(["populations", i, "id"], `"${k}" is used by another population; ids must be unique`),
  );
  const policyContacts = new Set((policy.contacts ?? []).map((c) => c.id));
  declared.forEach((population, i) => {
    (population.covers ?? []).forEach((c, j) => {
      if (!policy.covers.includes(c)) report(["populations", i, "covers", j], `this policy covers ${policy.covers.join(" and ")}, not ${c} (add it to covers)`);
    });
    (population.contacts ?? []).forEach((c, j) => {
      const where = ["populations", i, "contacts", j, "id"];
      if (policyContacts.has(c.id))
        report(where, `"${c.id}" is also a contact under the policy's contacts; contact ids must be unique across the policy and its populations`);
      else if (contactOwner.has(c.id)) {
        const other = contactOwner.get(c.id);
        report(
          where,
          other === population.id
            ? `"${c.id}" is used by another contact of this population; ids must be unique`
            : `"${c.id}" is also a contact of population "${other}"; contact ids must be unique across the policy and its populations (e.g. "${population.id}-${c.id}")`,
        );
      } else contactOwner.set(c.id, population.id);
    });
  });
  const used = new Set<string>();
  policy.routes.forEach((route, r) => {
    if (route.population === undefined) {
      if (declared.length > 0) {
        report(
          ["routes", r, "population"],
          `required when the policy declares populations: name the one this route serves (${declared.map((p) => `"${p.id}"`).join(" or ")})`,
        );
      }
      return;
    }
    if (declared.length === 0) {
      report(
        ["routes", r, "population"],
        `no population "${route.population}": this policy declares no populations (declare them under populations, or leave population out)`,
      );
      return;
    }
    if (!ids.has(route.population)) {
      report(["routes", r, "population"], `no population with id "${route.population}" (populations: ${declared.map((p) => `"${p.id}"`).join(", ")})`);
      return;
    }
    used.add(route.population);
    const covers = declared.find((p) => p.id === route.population)?.covers;
    (route.when?.about ?? []).forEach((kind, j) => {
      const group = kind === "child" ? "children" : "adults";
      if (covers && !covers.includes(group)) {
        report(
          ["routes", r, "when", "about", j],
          `route "${route.id}" serves population "${route.population}", which covers ${covers.join(" and ")}, not ${group}`,
        );
      }
    });
  });
  // (Not while a route's own population is missing or unknown: that is said already.)
  const allNamed = policy.routes.every((r) => r.population !== undefined && ids.has(r.population));
  declared.forEach((population, i) => {
    if (allNamed && !used.has(population.id))
      report(["populations", i, "id"], `no route serves population "${population.id}": name it as some route's population, or remove it`);
  });
  return { contactOwner, declared: ids };
}

/** "main/stage-2" → ["main", "stage-2"] (the schema has checked the form). */
export function splitRouteStage(value: string): [string, string] {
  const at = value.indexOf("/");
  return [value.slice(0, at), value.slice(at + 1)];
}

/** The stages of a policy's route, listed for a message: `"stage-1", "stage-2"`. */
function stageList(policy: Pick<PolicyData, "routes">, routeId: string): string {
  const route = policy.routes.find((r) => r.id === routeId);
  return route ? route.stages.map((s) => `"${s.key}"`).join(", ") : "";
}

/** Where `value` ("route/stage") does not name a stage of `policy`, why not; else null. */
function routeStageProblem(policy: Pick<PolicyData, "routes" | "version">, value: string, whose: string): string | null {
  const [routeId, stageKey] = splitRouteStage(value);
  const route = policy.routes.find((r) => r.id === routeId);
  if (!route) return `${whose} has no route "${routeId}" (its routes: ${policy.routes.map((r) => `"${r.id}"`).join(", ")})`;
  if (!route.stages.some((s) => s.key === stageKey))
    return `${whose} has no stage "${stageKey}" in route "${routeId}" (its stages: ${stageList(policy, routeId)})`;
  return null;
}

/** movesFrom, as far as one file can tell: each `to` names a stage of this version, no version or stage twice, never this version itself. */
function checkMovesWithin(policy: PolicyData, report: Report): void {
  duplicates(
    policy.movesFrom ?? [],
    (m) => m.version,
    (i, k) => report(["movesFrom", i, "version"], `version "${k}" is listed twice; give all its stages under one entry`),
  );
  (policy.movesFrom ?? []).forEach((move, i) => {
    if (move.version === policy.version) report(["movesFrom", i, "version"], `"${move.version}" is this version; name an older version of the policy`);
    duplicates(
      move.stages,
      (m) => m.from,
      (j, k) => report(["movesFrom", i, "stages", j, "from"], `"${k}" is listed twice; a stage moves to one place`),
    );
    move.stages.forEach((m, j) => {
      const problem = routeStageProblem(policy, m.to, "this version");
      if (problem) report(["movesFrom", i, "stages", j, "to"], problem);
    });
  });
}

export type MoveProblem = { path: string; message: string };

/**
 * movesFrom checked against the versions it names (rules across files, run when
 * a partnership's versions are loaded together): each names an older version of
 * the same partnership, and each `from` a stage of that version.
 */
export function checkMovesAcrossVersions(policy: Policy, versions: readonly Policy[]): MoveProblem[] {
  const problems: MoveProblem[] = [];
  (policy.movesFrom ?? []).forEach((move, i) => {
    const older = versions.find((v) => v.partnership.id === policy.partnership.id && v.version === move.version);
    if (!older) {
      const known = versions.filter((v) => v.partnership.id === policy.partnership.id && v.version !== policy.version).map((v) => `"${v.version}"`);
      problems.push({
        path: `movesFrom[${i}].version`,
        message: `no version "${move.version}" of ${policy.partnership.id}'s policy is loaded (${known.length > 0 ? `its others: ${known.join(", ")}` : "it has no other version"})`,
      });
      return;
    }
    if (older.effectiveFrom >= policy.effectiveFrom) {
      problems.push({
        path: `movesFrom[${i}].version`,
        message: `version "${older.version}" is in force from ${older.effectiveFrom}, not before this version (${policy.effectiveFrom}): disputes move only to a newer version`,
      });
    }
    move.stages.forEach((m, j) => {
      const problem = routeStageProblem(older, m.from, `version "${older.version}"`);
      if (problem) problems.push({ path: `movesFrom[${i}].stages[${j}].from`, message: problem });
    });
  });
  // A population's register lists disputes by route id, in every version: a route id
  // keeps its population (or its lack of one) across versions.
  const older = versions.filter((v) => v.partnership.id === policy.partnership.id && v.effectiveFrom < policy.effectiveFrom);
  policy.routes.forEach((route, r) => {
    for (const v of older) {
      const before = v.routes.find((x) => x.id === route.id);
      if (!before || before.population === route.population) continue;
      const was = before.population === undefined ? "no population" : `population "${before.population}"`;
      const is = route.population === undefined ? "no population" : `population "${route.population}"`;
      problems.push({
        path: `routes[${r}].population`,
        message: `route "${route.id}" serves ${is} here but ${was} in version "${v.version}": a register lists a population's disputes by route id, so give this route a new id (and map its stages under movesFrom)`,
      });
    }
  });
  return problems;
}

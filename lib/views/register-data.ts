/**
 * The board register's data, read on the server: every dispute on the register
 * that the actor may see (board roles see all of them), and the choices its
 * filters offer, from the partnership's policy in force and its agencies.
 */
import type { Actor } from "../auth/actor";
import type { Database } from "../db/connect";
import { inPartnership } from "../db/scope";
import type { EscalationDeps } from "../escalations";
import { AREA_OTHER } from "../escalations/raise-escalation";
import { nowOf } from "../escalations/deps";
import { boardOversightStageOf, type Policy } from "../policy";
import type { SummaryList } from "./dashboard";
import { atInstant, boardOversightStage, listSummaries } from "./dashboard-data";
import { onRegister, type RegisterOptions } from "./register";

/** Stages at or above each route's board-oversight stage, by number (the first route's title names each). */
export function registerStages(policy: Policy): RegisterOptions["stages"] {
  const seen = new Map<number, string>();
  for (const route of policy.routes) {
    const threshold = boardOversightStageOf(policy, route.id);
    if (threshold === null) continue;
    for (const stage of route.stages) {
      if (stage.number !== undefined && stage.number >= threshold && !seen.has(stage.number)) {
        seen.set(stage.number, `Stage ${stage.number}: ${stage.title}`);
      }
    }
  }
  return [...seen.entries()].sort(([a], [b]) => a - b).map(([number, label]) => ({ number, label }));
}

export function registerAreas(policy: Policy): RegisterOptions["areas"] {
  return [...policy.areas.items.map((a) => ({ id: a.id, label: a.label })), { id: AREA_OTHER, label: "Other" }];
}

export type RegisterData =
  | { policy: null }
  | {
      policy: { id: string; version: string; title: string };
      /** null: the policy gives the board no register. */
      boardOversightStage: number | null;
      options: RegisterOptions;
      /** Everything on the register (filters apply on the page). */
      list: SummaryList;
    };

export async function loadRegister(db: Database, actor: Actor, deps: EscalationDeps): Promise<RegisterData> {
  const now = nowOf(deps);
  const policy = deps.policies.inForce(actor.partnershipId, now);
  if (!policy) return { policy: null };
  const stage = boardOversightStage(policy);
  const agencies = await inPartnership(db, actor, (tx) =>
    tx.agency.findMany({ where: { partnershipId: actor.partnershipId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  );
  const options: RegisterOptions = { stages: registerStages(policy), agencies, areas: registerAreas(policy) };
  const list: SummaryList =
    stage === null ? { items: [], truncated: false } : await listSummaries(db, actor, { stageAtLeast: stage }, atInstant(deps, now), policy);
  return {
    policy: { id: policy.partnership.id, version: policy.version, title: policy.title },
    boardOversightStage: stage,
    options,
    list: { items: onRegister(list.items), truncated: list.truncated },
  };
}

/**
 * Where a dispute open under an older version of a partnership's policy goes in
 * a newer one: the stage with the same route id and key, unless the newer
 * version's `movesFrom` says otherwise for that older version. Pure: the use
 * case that moves a dispute is lib/escalations/move-version.ts.
 */
import { splitRouteStage } from "./cross-checks";
import type { Policy } from "./parse";
import { stageTitle } from "./lookup";

/** Where one stage of the older version goes, and how that was decided; or why it cannot go anywhere. */
export type StageDestination =
  | {
      ok: true;
      routeId: string;
      stageKey: string;
      /** true: the newer version's movesFrom says so; false: the same route id and key. */
      declared: boolean;
      /** The movesFrom entry's note, if it has one. */
      note: string | null;
    }
  | { ok: false; reason: string };

/** The stage's title in a version ("Stage 2: Manager to manager"), or its key. */
export function stageWordsIn(policy: Policy, routeId: string, stageKey: string): string {
  const stage = policy.routes.find((r) => r.id === routeId)?.stages.find((s) => s.key === stageKey);
  return stage ? stageTitle(stage) : `"${stageKey}"`;
}

/** Where a dispute at `routeId`/`stageKey` of version `fromVersion` goes in `target`. */
export function whereStageMoves(target: Policy, fromVersion: string, routeId: string, stageKey: string): StageDestination {
  const declared = target.movesFrom?.find((m) => m.version === fromVersion)?.stages.find((m) => m.from === `${routeId}/${stageKey}`);
  if (declared) {
    const [toRoute, toStage] = splitRouteStage(declared.to);
    return { ok: true, routeId: toRoute, stageKey: toStage, declared: true, note: declared.note ?? null };
  }
  const route = target.routes.find((r) => r.id === routeId);
  if (route?.stages.some((s) => s.key === stageKey)) return { ok: true, routeId, stageKey, declared: false, note: null };
  const where = route ? `has no stage "${stageKey}" in route "${routeId}"` : `has no route "${routeId}"`;
  return {
    ok: false,
    reason: `version ${target.version} ${where}, and its movesFrom does not say where a dispute at that stage of version ${fromVersion} goes`,
  };
}

/**
 * Every stage of the older route that has a place in the newer route `toRoute`:
 * old key → new key. What was recorded at those stages counts at the new ones;
 * the others stay as history.
 */
export function stageMap(target: Policy, older: Policy, routeId: string, toRoute: string): Record<string, string> {
  const map: Record<string, string> = {};
  const route = older.routes.find((r) => r.id === routeId);
  for (const stage of route?.stages ?? []) {
    const dest = whereStageMoves(target, older.version, routeId, stage.key);
    if (dest.ok && dest.routeId === toRoute) map[stage.key] = dest.stageKey;
  }
  return map;
}

/** Whether `target` is a newer version than `older` of the same partnership's policy (a later effectiveFrom). */
export function isNewerVersion(target: Policy, older: Policy): boolean {
  return target.partnership.id === older.partnership.id && target.effectiveFrom > older.effectiveFrom;
}

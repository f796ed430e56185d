/** When nobody at the other agency works on cases in Parley: said before the raiser submits, with who will be told instead. */
import { CASE_ROLES } from "../../auth/permissions";
import { startStage } from "../../escalations/policy-facts";
import { routeContactOfLevel } from "../../policy";
import { agencyName, routeOf, type RaiseContext } from "./context";

const CASE_ROLE_SET = new Set<string>(CASE_ROLES);

/**
 * Whether anyone at the agency the dispute is raised with works on cases in
 * Parley. When nobody does, the raise flow says so before the raiser submits,
 * and who will be told instead.
 */
export function agencyOnParley(ctx: Pick<RaiseContext, "directory" | "answers">): boolean {
  return ctx.directory.members.some((m) => m.agencyId === ctx.answers.respondingAgencyId && m.roles.some((r) => CASE_ROLE_SET.has(r)));
}

/** What happens when nobody at the other agency uses Parley, in the policy's terms. */
export function notOnParleyAdvice(ctx: Pick<RaiseContext, "directory" | "answers" | "policy">): { agency: string; lines: string[] } {
  const agency = agencyName(ctx.directory, ctx.answers.respondingAgencyId) ?? "The other agency";
  const bm = routeContactOfLevel(ctx.policy, routeOf(ctx.policy, ctx.answers).id, "board-business-manager");
  return {
    agency,
    lines: [
      `Nobody at ${agency} uses Parley, so nobody there can be told about this disagreement through it.`,
      `You can still raise it here: Parley will tell your partnership's board business manager${bm ? ` (${bm.label}${bm.email ? `, ${bm.email}` : ""})` : ""}, who can arrange who responds.`,
      `Meanwhile, raise it with ${agency} yourself, as your policy describes for ${stageWords(ctx)}, and keep a record of the discussion.`,
    ],
  };
}

function stageWords(ctx: Pick<RaiseContext, "policy" | "answers">): string {
  const start = startStage(routeOf(ctx.policy, ctx.answers));
  return start.number !== undefined ? `stage ${start.number} (${start.title.toLowerCase()})` : start.title.toLowerCase();
}

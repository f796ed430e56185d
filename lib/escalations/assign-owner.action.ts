/** Choosing who owns one side at the current stage: its API command, page, links and form (the use case is assign-owner.ts). */
import { getRoute, getStage, stageName } from "../policy";
import { agencyOfSide, levelOf, ownerOptions } from "../views/dispute-form-parts";
import { defineAction, type FormInputOf } from "./action-descriptor";
import { assignOwner, AssignOwnerInput } from "./assign-owner";
import { LIMITS } from "./schemas";

export const assignOwnerAction = defineAction({
  name: "assign_owner",
  run: assignOwner,
  input: AssignOwnerInput,
  api: { path: "owners", operationId: "assignOwner", summary: "Assign the owner of one side at the current stage" },
  page: {
    slug: "owner",
    title: "Choose who owns the dispute",
    target: "side",
    // One link for each side the reader may choose the owner of.
    links: (a, { view }) =>
      a.sides.map((side) => ({
        label: `Choose who owns it for ${side === "raising" ? view.raisingAgency.name : view.respondingAgency.name}`,
        query: `?side=${side}`,
      })),
    done: () => "The owner has been recorded.",
  },
  form: {
    view: (ctx) => {
      const { policy } = ctx;
      const r = ctx.view.record;
      const stage = getStage(policy, r.stageKey, r.routeId);
      const side = ctx.target === "responding" ? "responding" : "raising";
      const agency = agencyOfSide(ctx, side);
      const { words } = levelOf(stage, side, { policy, agencyType: agency.type });
      const proxyRule = getRoute(policy, r.routeId).ownership?.find((o) => o.kind === "proxy" && o.stages.includes(r.stageKey));
      // Whose job title is the policy's word for the level first, with why; those below it only as a proxy.
      const options = ownerOptions(ctx.directory.members, agency, stage, side, policy, { proxies: true });
      return {
        heading: `Choose who owns the dispute for ${agency.name}`,
        submitLabel: "Save the owner",
        fields: [
          { kind: "hidden", name: "side", value: side },
          {
            kind: "select",
            name: "userId",
            label: "Who will own it?",
            hint: `At ${stageName(stage)} the policy expects: ${words}.`,
            placeholder: "Choose someone",
            options,
          },
          {
            kind: "checkboxes",
            name: "proxy",
            label: "Standing in",
            hint: proxyRule ? proxyRule.text : "Only where the agency has nobody at the level the policy expects.",
            options: [{ value: "yes", label: "They are standing in as a proxy" }],
          },
          { kind: "textarea", name: "proxyReason", label: "Why is a proxy needed? (only if they are standing in)", rows: 3, maxLength: LIMITS.long },
        ],
      };
    },
    toInput: (f): FormInputOf<typeof AssignOwnerInput> => ({
      side: f.target,
      userId: f.optional("userId"),
      proxy: f.list("proxy").includes("yes"),
      proxyReason: f.optional("proxyReason"),
    }),
  },
});

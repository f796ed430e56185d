/** Step "agency": the other agency, whose decision the raiser disagrees with. */
import { optional, type Option } from "../form-spec";
import { shown, type RaiseContext } from "./context";
import type { RaiseStepModule } from "./step";

export function otherAgencies(ctx: Pick<RaiseContext, "directory" | "agencyId">): Option[] {
  return ctx.directory.agencies.filter((a) => a.id !== ctx.agencyId).map((a) => ({ value: a.id, label: a.name }));
}

export const agencyStep: RaiseStepModule<"agency"> = {
  step: "agency",
  paths: ["respondingAgencyId"],
  heading: () => "Which agency made the decision you disagree with?",
  fields: (ctx) => [
    {
      kind: "select",
      name: "respondingAgencyId",
      label: "Agency",
      hint: "Choose the other agency. A disagreement within your own agency is not handled by this policy.",
      placeholder: "Choose an agency",
      options: otherAgencies(ctx),
    },
  ],
  values: ({ answers: a }) => ({ values: { respondingAgencyId: shown(a.respondingAgencyId) } }),
  input: (values) => ({ input: { respondingAgencyId: optional(values, "respondingAgencyId") }, aliases: {} }),
  isComplete: (a) => !!a.respondingAgencyId,
};

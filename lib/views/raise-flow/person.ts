/** Step "person": whose decision it was at the other agency, and whether they use Parley. */
import { ROLE_LABELS } from "../../auth/permissions";
import { optional, type FieldSpec, type Option } from "../form-spec";
import { shown, type RaiseContext } from "./context";
import type { RaiseStepModule } from "./step";

/** Parley users of the responding agency, for "if they use Parley, choose them". */
export function respondingPeople(ctx: Pick<RaiseContext, "directory" | "answers">): Option[] {
  return ctx.directory.members
    .filter((m) => m.agencyId === ctx.answers.respondingAgencyId)
    .map((m) => ({ value: m.userId, label: `${m.name} (${m.roles.map((r) => ROLE_LABELS[r]).join(", ")})` }));
}

export const personStep: RaiseStepModule<"person"> = {
  step: "person",
  paths: ["respondingPerson", "respondingUserId"],
  heading: () => "Whose decision do you disagree with?",
  fields: (ctx) => {
    const people = respondingPeople(ctx);
    const names = ctx.directory.members.filter((m) => m.agencyId === ctx.answers.respondingAgencyId).map((m) => m.name);
    const fields: FieldSpec[] = [
      {
        kind: "text",
        name: "respondingPerson",
        label: "Their name and role",
        hint:
          names.length > 0
            ? "For example, Sam Riley, social worker. If you do not know their name, give their role or team. As you type, the names of people at that agency who use Parley are suggested."
            : "For example, Sam Riley, social worker. If you do not know their name, give their role or team.",
        autoComplete: "off",
        suggestions: names,
      },
    ];
    if (people.length > 0) {
      fields.push({
        kind: "select",
        name: "respondingUserId",
        label: "If they use Parley, choose them (optional)",
        hint: "They will then see the dispute and can work on it.",
        placeholder: "They do not use Parley, or I do not know",
        options: people,
      });
    }
    return fields;
  },
  values: ({ answers: a }) => ({ values: { respondingPerson: shown(a.respondingPerson), respondingUserId: shown(a.respondingUserId) } }),
  input: (values) => ({
    input: {
      respondingPerson: optional(values, "respondingPerson"),
      ...(optional(values, "respondingUserId") ? { respondingUserId: optional(values, "respondingUserId") } : {}),
    },
    aliases: {},
  }),
  isComplete: (a) => !!a.respondingPerson,
};

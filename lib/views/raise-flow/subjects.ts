/** Step "subjects": the children (or adults) the disagreement is about, with each agency's case reference. */
import { LIMITS } from "../../escalations/schemas";
import { optional, repeatIndexes, wholeNumber, type FieldSpec, type FormValues } from "../form-spec";
import { agencyName, whoWord } from "./context";
import type { RaiseStepModule } from "./step";

export const subjectsStep: RaiseStepModule<"subjects"> = {
  step: "subjects",
  paths: ["subjects"],
  heading: (policy) => {
    const who = whoWord(policy);
    return `Which ${who === "child" ? "child is" : `${who} is`} this about?`;
  },
  fields: (ctx) => {
    const { policy, answers } = ctx;
    const who = whoWord(policy);
    const inner: FieldSpec[] = [];
    if (policy.covers.length > 1) {
      inner.push({
        kind: "radios",
        name: "kind",
        label: "Child or adult",
        inline: true,
        options: [
          { value: "child", label: "Child" },
          { value: "adult", label: "Adult" },
        ],
      });
    } else {
      inner.push({ kind: "hidden", name: "kind", value: policy.covers[0] === "adults" ? "adult" : "child" });
    }
    inner.push(
      { kind: "text", name: "initials", label: "Initials", hint: "For example, JS. Not their name.", width: "short", autoComplete: "off" },
      {
        kind: "text",
        name: "yearOfBirth",
        label: "Year of birth",
        hint: "For example, 2015. For an unborn child, the year they are due.",
        width: "short",
        inputMode: "numeric",
        autoComplete: "off",
      },
      {
        kind: "text",
        name: "refRaising",
        label: `${agencyName(ctx.directory, ctx.agencyId) ?? "Your agency"} case reference (optional)`,
        width: "short",
        autoComplete: "off",
      },
    );
    if (answers.respondingAgencyId) {
      inner.push({
        kind: "text",
        name: "refResponding",
        label: `${agencyName(ctx.directory, answers.respondingAgencyId) ?? "The other agency"} case reference (optional)`,
        width: "short",
        autoComplete: "off",
      });
    }
    const label = who === "child" ? "Child" : who === "adult" ? "Adult" : "Person";
    return [
      {
        kind: "repeat",
        name: "subjects",
        itemLabel: label,
        fields: inner,
        min: 1,
        max: LIMITS.subjects,
        addLabel: who === "child" ? "Add another child (for example, a sibling)" : `Add another ${label.toLowerCase()}`,
      },
    ];
  },
  values: (ctx) => {
    const a = ctx.answers;
    const subjects = a.subjects ?? [];
    const values: FormValues = {};
    subjects.forEach((subject, i) => {
      values[`subjects.${i}.kind`] = subject.kind;
      values[`subjects.${i}.initials`] = subject.initials;
      values[`subjects.${i}.yearOfBirth`] = String(subject.yearOfBirth);
      const raising = subject.caseReferences.find((r) => r.agencyId === ctx.agencyId);
      const responding = subject.caseReferences.find((r) => r.agencyId === a.respondingAgencyId);
      if (raising) values[`subjects.${i}.refRaising`] = raising.reference;
      if (responding) values[`subjects.${i}.refResponding`] = responding.reference;
    });
    return { values, counts: { subjects: Math.max(1, subjects.length) } };
  },
  input: (values, ctx) => {
    const aliases: Record<string, string> = {};
    const subjects = repeatIndexes(values, "subjects").map((i, position) => {
      const at = (f: string) => `subjects.${i}.${f}`;
      const refs: { agencyId: string; reference: string }[] = [];
      const raising = optional(values, at("refRaising"));
      const responding = optional(values, at("refResponding"));
      if (raising) {
        aliases[`subjects.${position}.caseReferences.${refs.length}.reference`] = `subjects.${position}.refRaising`;
        refs.push({ agencyId: ctx.agencyId, reference: raising });
      }
      if (responding && ctx.answers.respondingAgencyId) {
        aliases[`subjects.${position}.caseReferences.${refs.length}.reference`] = `subjects.${position}.refResponding`;
        refs.push({ agencyId: ctx.answers.respondingAgencyId, reference: responding });
      }
      return {
        kind: optional(values, at("kind")),
        initials: optional(values, at("initials")),
        yearOfBirth: wholeNumber(values, at("yearOfBirth")),
        caseReferences: refs,
      };
    });
    return { input: { subjects }, aliases };
  },
  isComplete: (a) => (a.subjects?.length ?? 0) > 0,
};

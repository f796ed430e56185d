import { DateInput } from "./date-input";
import { Button, ChoiceGroup } from "./form-fields";
import { PERIOD_KINDS, PERIOD_LABELS, type PeriodKind } from "@/lib/reports/period";
import type { DatePart } from "@/lib/views/date-input";

type Values = Partial<Record<DatePart, string>>;

/**
 * Which period the report covers: a GET form, so the report for a period is a
 * link (for the board papers, or to send on) and it works without JavaScript.
 */
export function ReportPeriodForm({
  action,
  kind,
  from,
  to,
  errors,
}: {
  action: string;
  kind: PeriodKind;
  from: Values;
  to: Values;
  errors: { field: "from" | "to"; message: string }[];
}) {
  const error = (field: "from" | "to") => errors.find((e) => e.field === field)?.message;
  return (
    <form
      method="get"
      action={action}
      aria-labelledby="period-heading"
      className="print-hidden mb-8 border-l-4 border-[var(--color-border)] bg-[var(--color-panel)] p-4"
    >
      <h2 id="period-heading" className="mb-4 text-xl font-bold">
        Choose the period
      </h2>
      <ChoiceGroup type="radio" name="period" label="Period" defaultValue={kind} choices={PERIOD_KINDS.map((k) => ({ value: k, label: PERIOD_LABELS[k] }))} />
      <p className="mb-4">For &ldquo;Between two dates&rdquo;, enter the first and last day. Both are included.</p>
      <DateInput
        name="from"
        id="from"
        label="Start date"
        hint="For example, 1 4 2026"
        error={error("from")}
        values={from}
        invalidParts={error("from") ? ["day", "month", "year"] : []}
      />
      <DateInput
        name="to"
        id="to"
        label="End date"
        hint="For example, 31 3 2027"
        error={error("to")}
        values={to}
        invalidParts={error("to") ? ["day", "month", "year"] : []}
      />
      <Button>Show the report</Button>
    </form>
  );
}

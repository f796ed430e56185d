import type { DatePart } from "@/lib/views/date-input";
import { LIST_ORDERS } from "@/lib/escalations/list-orders";
import {
  DUE_FILTERS,
  DUE_LABELS,
  SORT_LABELS,
  STATUS_LABELS,
  isFiltered,
  registerChoice,
  registerHref,
  type RegisterFilterError,
  type RegisterFilters as Filters,
  type RegisterOptions,
} from "@/lib/views/register";
import { DateInput } from "./date-input";
import { Button, Select, TextInput } from "./form-fields";

type Typed = Partial<Record<DatePart, string>>;

/**
 * The register's filters: a GET form, so each choice is in the address (a link
 * anyone can bookmark or send) and it works without JavaScript.
 */
export function RegisterFilters({
  partnershipId,
  filters,
  options,
  typed = {},
  errors = [],
}: {
  partnershipId: string;
  filters: Filters;
  options: RegisterOptions;
  /** What was typed in the raised-date boxes, to show again (a date that could not be read is not in `filters`). */
  typed?: Partial<Record<"raisedFrom" | "raisedTo", Typed>>;
  errors?: RegisterFilterError[];
}) {
  const error = (field: "raisedFrom" | "raisedTo") => errors.find((e) => e.field === field)?.message;
  return (
    <form
      method="get"
      action={registerHref(partnershipId)}
      aria-labelledby="register-filters-heading"
      className="mb-8 border-l-4 border-[var(--color-border)] bg-[var(--color-panel)] p-4"
    >
      <h2 id="register-filters-heading" className="mb-4 text-xl font-bold">
        Filter the register
      </h2>
      {filters.population ? <input type="hidden" name="population" value={filters.population} /> : null}
      <div className="grid grid-cols-1 gap-x-6 sm:grid-cols-2">
        <Select
          name="status"
          label="Status"
          placeholder="Any status"
          defaultValue={filters.status}
          options={(["open", "resolved", "withdrawn"] as const).map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        />
        <Select
          name="stage"
          label="Stage"
          placeholder="Any stage"
          defaultValue={filters.stage === undefined ? undefined : String(filters.stage)}
          options={options.stages.map((s) => ({ value: String(s.number), label: s.label }))}
        />
        <Select
          name="agency"
          label="Agency"
          hint="Raised by this agency, or with it."
          placeholder="Any agency"
          defaultValue={filters.agency}
          options={options.agencies.map((a) => ({ value: a.id, label: a.name }))}
        />
        <Select
          name="area"
          label="Area of disagreement"
          placeholder="Any area"
          defaultValue={filters.area}
          options={options.areas.map((a) => ({ value: a.id, label: a.label }))}
        />
        <Select
          name="due"
          label="Deadline"
          placeholder="Any deadline"
          defaultValue={filters.due}
          options={DUE_FILTERS.map((d) => ({ value: d, label: DUE_LABELS[d] }))}
        />
        <Select
          name="owner"
          label="Owner"
          hint="Open disputes nobody owns yet at the agency they were raised with."
          placeholder="Any"
          defaultValue={filters.unowned ? "none" : undefined}
          options={[{ value: "none", label: "Awaiting an owner" }]}
        />
        <TextInput
          name="reference"
          label="Reference"
          hint="A dispute's reference, for example TSCP-2026-0042, or an agency's own case reference for the child or adult."
          defaultValue={filters.reference}
        />
        <Select name="sort" label="Order" defaultValue={filters.sort ?? "due"} options={LIST_ORDERS.map((o) => ({ value: o, label: SORT_LABELS[o] }))} />
      </div>
      <div className="grid grid-cols-1 gap-x-6 sm:grid-cols-2">
        {(["raisedFrom", "raisedTo"] as const).map((field) => (
          <DateInput
            key={field}
            name={field}
            id={field}
            label={field === "raisedFrom" ? "Raised on or after" : "Raised on or before"}
            hint={field === "raisedFrom" ? "For example, 1 4 2026" : "For example, 30 6 2026"}
            error={error(field)}
            values={typed[field] ?? {}}
            invalidParts={error(field) ? ["day", "month", "year"] : []}
          />
        ))}
      </div>
      <div className="flex flex-wrap items-baseline gap-x-4">
        <Button>Apply filters</Button>
        {isFiltered(filters) ? <a href={registerHref(partnershipId, registerChoice(filters))}>Clear filters</a> : null}
      </div>
    </form>
  );
}

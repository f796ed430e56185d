import type { Metadata } from "next";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { BarChart } from "@/components/bar-chart";
import { ErrorSummary } from "@/components/error-summary";
import { ReportPeriodForm } from "@/components/report-period-form";
import { ReportTable } from "@/components/report-table";
import { can } from "@/lib/auth/permissions";
import { decodeParam } from "@/lib/auth/redirects";
import { requireActor } from "@/lib/auth/server";
import { appNow } from "@/lib/clock";
import { getDatabase } from "@/lib/db/client";
import { PERIOD_KINDS, periodQuery, readPeriod, type PeriodKind } from "@/lib/reports/period";
import { loadReport } from "@/lib/reports/report";
import { reportTables, type TableKey } from "@/lib/reports/tables";
import { policyRegistry } from "@/lib/server/policies";
import { datePartId } from "@/lib/views/date-input";

type Params = Promise<{ partnership: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const actor = await requireActor(decodeParam((await params).partnership));
  if (!can(actor, "reports.view")) notFound();
  return { title: "Reports" };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/**
 * The board's report for a period: figures on disputes between agencies, each
 * table downloadable as CSV, the whole page printable for the board papers.
 * Board roles only; anyone else gets the not-found page.
 */
export default async function ReportsPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const actor = await requireActor(decodeParam((await params).partnership));
  if (!can(actor, "reports.view")) notFound();
  const query = await searchParams;
  const registry = policyRegistry();
  const now = appNow();
  const policy = registry.inForce(actor.partnershipId, now);
  const base = `/p/${encodeURIComponent(actor.partnershipId)}/reports`;
  if (!policy) {
    return (
      <div className="max-w-3xl">
        <h1 className="mb-6 text-3xl font-bold">Reports</h1>
        <p>Your partnership has no escalation policy in force today, so there is nothing to report on.</p>
      </div>
    );
  }

  const reading = readPeriod(query, now, policy.timeZone);
  const kind = (PERIOD_KINDS as readonly string[]).includes(one(query.period)) ? (one(query.period) as PeriodKind) : "reporting-year";
  const typed = (name: "from" | "to") => ({ day: one(query[`${name}.day`]), month: one(query[`${name}.month`]), year: one(query[`${name}.year`]) });
  const form = (errors: { field: "from" | "to"; message: string }[]) => (
    <ReportPeriodForm action={base} kind={kind} from={typed("from")} to={typed("to")} errors={errors} />
  );

  if (!reading.ok) {
    return (
      <div className="max-w-3xl">
        <ErrorSummary errors={reading.errors.map((e) => ({ field: e.field, message: e.message, href: `#${datePartId(e.field, "day")}` }))} />
        <h1 className="mb-6 text-3xl font-bold">Reports</h1>
        {form(reading.errors)}
      </div>
    );
  }

  const report = await loadReport(await getDatabase(), actor, policy, reading.period, { calendar: registry.calendarFor(policy) });
  const tables = reportTables(report);
  const byKey = Object.fromEntries(tables.map((t) => [t.key, t])) as Record<TableKey, (typeof tables)[number]>;
  const csv = (key: TableKey) => {
    const q = periodQuery(reading.period);
    q.set("table", key);
    return `${base}/export?${q.toString()}`;
  };
  const section = (key: TableKey, chart?: ReactNode) => (
    <section key={key} aria-labelledby={`${key}-caption`} className="report-section mb-10">
      {chart}
      <ReportTable table={byKey[key]} csvHref={csv(key)} />
    </section>
  );

  return (
    <div>
      <h1 className="mb-2 text-3xl font-bold">Reports</h1>
      <p className="mb-2 text-xl">{reading.period.label}</p>
      <p className="mb-6 max-w-3xl">
        Disputes between agencies under the {policy.title}, counted from Parley&apos;s record. Nothing here names a child or a person. To print the report for
        the board papers, use your browser&apos;s Print: the navigation and the forms are left out.
      </p>
      {form([])}

      {section("summary")}
      {section(
        "months",
        <BarChart
          id="months-chart"
          caption="Raised and resolved each month (the same figures are in the table below)"
          categories={report.byMonth.map((m) => m.label)}
          series={[
            { name: "Raised", colour: "#1d70b8", values: report.byMonth.map((m) => m.raised) },
            { name: "Resolved", colour: "#505a5f", values: report.byMonth.map((m) => m.resolved) },
          ]}
        />,
      )}
      {section("agencies")}
      {section("agency-types")}
      {section("areas")}
      {section("highest-stage")}
      {section(
        "resolved-stage",
        report.byResolvedStage.length > 0 ? (
          <BarChart
            id="resolved-stage-chart"
            caption="Disputes resolved at each stage (the same figures are in the table below)"
            categories={report.byResolvedStage.map((s) => s.label)}
            series={[{ name: "Resolved", colour: "#1d70b8", values: report.byResolvedStage.map((s) => s.count) }]}
          />
        ) : undefined,
      )}
      {section("time-to-resolve")}
      {section("missed-stage")}
      {section("missed-agency")}
      {section("learning")}
    </div>
  );
}

import Link from "next/link";
import { countLinks, registerHref, type RegisterCounts as Counts } from "@/lib/views/register";

/**
 * The register's counts, each a link to the register filtered to those disputes
 * ("2 Overdue" opens the overdue ones). Used at the top of the register and on
 * a board member's dashboard.
 */
export function RegisterCounts({
  counts,
  partnershipId,
  labelledBy,
  population,
}: {
  counts: Counts;
  partnershipId: string;
  labelledBy?: string;
  /** The population whose register the counts are of: each link keeps to it. */
  population?: string | undefined;
}) {
  return (
    <ul aria-labelledby={labelledBy} className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-4">
      {countLinks(counts).map((c) => (
        <li key={c.key} className="border-l-4 border-[var(--color-brand)] bg-[var(--color-panel)] p-3">
          <Link
            href={registerHref(partnershipId, population ? { population, ...c.filters } : c.filters)}
            prefetch={false}
            className="block no-underline hover:underline"
          >
            <span className="block text-3xl font-bold">{c.value}</span> <span className="block underline">{c.label}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

import Link from "next/link";

/**
 * Links between the pages of a long list: "Next page" (the page after the last
 * row shown) and, from a later page, back to the first. Plain links, so paging
 * works without JavaScript and every page has an address.
 */
export function PageLinks({ label, next, first }: { label: string; next: string | null; first: string | null }) {
  if (!next && !first) return null;
  return (
    <nav aria-label={label} className="mb-8">
      <ul className="flex flex-wrap gap-x-6 gap-y-2">
        {first ? (
          <li>
            <Link href={first} prefetch={false}>
              <span aria-hidden="true">«</span> First page
            </Link>
          </li>
        ) : null}
        {next ? (
          <li>
            <Link href={next} prefetch={false} className="font-bold">
              Next page <span aria-hidden="true">»</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

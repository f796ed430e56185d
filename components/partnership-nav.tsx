"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type PartnershipNavItem = {
  href: string;
  label: string;
  /** Current only on exactly this path (the dashboard), rather than on it and the pages beneath it. */
  exact?: boolean;
};

/** Whether `item` is the page at `pathname`. */
export function isCurrent(item: PartnershipNavItem, pathname: string): boolean {
  if (pathname === item.href) return true;
  return !item.exact && pathname.startsWith(`${item.href}/`);
}

/**
 * The partnership's pages, with the one you are on marked for screen readers
 * (aria-current) and by sight (bold, underlined in a bar). A client component
 * only to read the path: the partnership layout that renders it is not rendered
 * again when the browser moves between the pages beneath it.
 */
export function PartnershipNav({ items }: { items: PartnershipNavItem[] }) {
  const pathname = usePathname() ?? "";
  return (
    <nav aria-label="Partnership" className="-mt-4 mb-8 border-b border-[var(--color-border)]">
      <ul className="flex flex-wrap gap-x-6">
        {items.map((item) => {
          const current = isCurrent(item, pathname);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                prefetch={false}
                aria-current={current ? "page" : undefined}
                className={`inline-block border-b-4 py-2 text-base ${
                  current ? "border-[var(--color-brand)] font-bold text-[var(--color-ink)] no-underline visited:text-[var(--color-ink)]" : "border-transparent"
                }`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

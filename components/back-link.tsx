import Link from "next/link";

/** The GOV.UK back link, at the top of a page in a journey. */
export function BackLink({ href, children = "Back" }: { href: string; children?: string }) {
  return (
    <Link href={href} className="mb-6 inline-flex min-h-6 items-center gap-1 text-base text-[var(--color-ink)] visited:text-[var(--color-ink)]">
      <span aria-hidden="true">‹</span>
      {children}
    </Link>
  );
}

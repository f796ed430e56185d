import Link from "next/link";

/**
 * The footer of every page: the reminder that escalation is no substitute for a
 * referral, and the statements a public-sector service publishes.
 */
export function SiteFooter() {
  return (
    <footer className="border-t border-[var(--color-border)] bg-[var(--color-panel)]">
      <div className="mx-auto max-w-5xl px-4 py-6 text-sm text-[var(--color-ink-muted)]">
        <p className="mb-4">
          If a child or adult is in immediate danger, call 999. Escalation is not a substitute for a child protection or adult safeguarding referral.
        </p>
        <nav aria-label="Support links">
          <ul className="flex flex-wrap gap-x-6 gap-y-2">
            <li>
              <Link href="/accessibility">Accessibility statement</Link>
            </li>
            <li>
              <Link href="/privacy">Privacy notice</Link>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}

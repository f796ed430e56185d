import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Parley", template: "%s – Parley" },
  description: "Resolve professional disagreements about children's and adults' safety under your safeguarding partnership's escalation policy.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-GB">
      <body className="flex min-h-screen flex-col">
        <a
          href="#main-content"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-[var(--color-focus)] focus:p-2 focus:text-[var(--color-ink)]"
        >
          Skip to main content
        </a>
        <header className="bg-[var(--color-brand)] text-white">
          <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-3">
            <Link href="/" className="text-xl font-bold text-white visited:text-white no-underline">
              Parley
            </Link>
            <p className="text-sm">Resolving professional differences in safeguarding</p>
          </div>
        </header>
        <main id="main-content" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 focus:outline-none">
          {children}
        </main>
        <footer className="border-t border-[var(--color-border)] bg-[var(--color-panel)]">
          <div className="mx-auto max-w-5xl px-4 py-6 text-sm text-[var(--color-ink-muted)]">
            <p>
              If a child or adult is in immediate danger, call 999. Escalation is not a substitute for a child
              protection or adult safeguarding referral.
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteFooter } from "@/components/site-footer";
import { SiteHeader, type HeaderUser } from "@/components/site-header";
import { getSession, membershipsOf } from "@/lib/auth/server";
import { config, hasDemoMailbox } from "@/lib/config";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Parley", template: "%s – Parley" },
  description: "Resolve professional disagreements about children's and adults' safety under your safeguarding partnership's escalation policy.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/** Who the header shows as signed in. Reading the session makes every page render per request, as the CSP nonce needs. */
async function headerUser(): Promise<HeaderUser | null> {
  const session = await getSession();
  if (!session) return null;
  const memberships = await membershipsOf(session.userId);
  const c = config();
  return {
    name: session.name,
    partnerships: memberships.map((m) => ({ id: m.partnershipId, name: m.partnershipName })),
    demoMailbox: hasDemoMailbox(c),
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await headerUser();
  return (
    <html lang="en-GB">
      <body className="flex min-h-screen flex-col">
        <a
          href="#main-content"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-[var(--color-focus)] focus:p-2 focus:text-[var(--color-ink)]"
        >
          Skip to main content
        </a>
        <SiteHeader user={user} />
        <main id="main-content" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 focus:outline-none">
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}

"use client";

import Link from "next/link";
import "./globals.css";

function referenceOf(error: unknown): string | null {
  if (error && typeof error === "object" && "digest" in error && typeof error.digest === "string" && error.digest !== "") return error.digest;
  return null;
}

/** When even the page's frame fails: the same plain page as app/error.tsx, in a document of its own. */
export default function GlobalError({ error }: { error: unknown; retry?: () => void }) {
  const reference = referenceOf(error);
  return (
    <html lang="en-GB">
      <body className="flex min-h-screen flex-col">
        <title>Sorry, there is a problem with the service – Parley</title>
        <header className="bg-[var(--color-brand)] text-white">
          <div className="mx-auto max-w-5xl px-4 py-3 text-xl font-bold">Parley</div>
        </header>
        <main id="main-content" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
          <h1 className="mb-6 text-3xl font-bold">Sorry, there is a problem with the service</h1>
          <p className="mb-4">Try again later. Anything you had already saved has not been lost.</p>
          {reference ? (
            <p className="mb-4">
              If it keeps happening, tell your partnership administrator and quote this reference: <strong className="break-all">{reference}</strong>
            </p>
          ) : (
            <p className="mb-4">If it keeps happening, tell your partnership administrator what you were doing and when.</p>
          )}
          <p className="mb-4">If a child or adult is in immediate danger, call 999. Do not wait for this service.</p>
          <p>
            <Link href="/p">Go to your partnerships</Link>
          </p>
        </main>
      </body>
    </html>
  );
}

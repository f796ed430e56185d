"use client";

import Link from "next/link";

/** The digest Next.js gives a server error: the reference to quote (the server's log has the same one). */
function referenceOf(error: unknown): string | null {
  if (error && typeof error === "object" && "digest" in error && typeof error.digest === "string" && error.digest !== "") return error.digest;
  return null;
}

/**
 * Something went wrong that Parley did not expect. A plain page: what to do, and
 * a reference to quote. Nothing internal: the details are in the server's log.
 */
export default function ErrorPage({ error }: { error: unknown; retry?: () => void }) {
  const reference = referenceOf(error);
  return (
    <div className="max-w-2xl">
      <title>Sorry, there is a problem with the service – Parley</title>
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
    </div>
  );
}

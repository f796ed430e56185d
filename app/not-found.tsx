import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

/**
 * Also what someone sees for a partnership they do not belong to: the same page
 * as for one that does not exist, so a URL never reveals which partnerships do.
 */
export default function NotFound() {
  return (
    <div className="max-w-2xl">
      <h1 className="mb-6 text-3xl font-bold">Page not found</h1>
      <p className="mb-4">If you typed the web address, check it is correct.</p>
      <p className="mb-4">If you pasted the web address, check you copied the entire address.</p>
      <p>
        <Link href="/p">Go to your partnerships</Link>
      </p>
    </div>
  );
}

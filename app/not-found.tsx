import type { Metadata } from "next";
import Link from "next/link";
import { NOT_FOUND_TITLE } from "@/lib/views/page-titles";

export const metadata: Metadata = { title: NOT_FOUND_TITLE };

/**
 * Also what someone sees for a partnership they do not belong to: the same page
 * as for one that does not exist, so a URL never reveals which partnerships do.
 */
export default function NotFound() {
  return (
    <div className="max-w-2xl">
      <h1 className="mb-6 text-3xl font-bold">{NOT_FOUND_TITLE}</h1>
      <p className="mb-4">If you typed the web address, check it is correct.</p>
      <p className="mb-4">If you pasted the web address, check you copied the entire address.</p>
      <p>
        <Link href="/p">Go to your partnerships</Link>
      </p>
    </div>
  );
}

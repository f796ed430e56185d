import type { ReactNode } from "react";

/** Everything under /p is for signed-in people only; each page and the partnership layout check. */
export default function PartnershipsLayout({ children }: { children: ReactNode }) {
  return children;
}

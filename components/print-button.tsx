"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * Opens the browser's print dialogue. Without JavaScript the button is not
 * shown, and the text beside it says to use the browser's own Print.
 */
export function PrintButton({ label = "Print this form" }: { label?: string }) {
  const available = useSyncExternalStore(
    noSubscription,
    () => typeof window !== "undefined" && typeof window.print === "function",
    () => false,
  );
  if (!available) return null;
  return (
    <button type="button" className="border-2 border-[var(--color-ink)] bg-white px-3 py-1 font-bold" onClick={() => window.print()}>
      {label}
    </button>
  );
}

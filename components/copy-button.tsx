"use client";

import { useState, useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * Copies a text (a one-time link) to the clipboard. Without JavaScript, or
 * without clipboard access, the button is not shown and the text stays on the
 * page to select and copy by hand.
 */
export function CopyButton({ text, label = "Copy link" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const available = useSyncExternalStore(
    noSubscription,
    () => typeof navigator !== "undefined" && navigator.clipboard !== undefined,
    () => false,
  );
  if (!available) return null;
  return (
    <p className="mt-2">
      <button
        type="button"
        className="border-2 border-[var(--color-ink)] bg-white px-3 py-1 font-bold"
        onClick={() =>
          navigator.clipboard.writeText(text).then(
            () => setState("copied"),
            () => setState("failed"),
          )
        }
      >
        {label}
      </button>{" "}
      <span role="status">{state === "copied" ? "Copied." : state === "failed" ? "Could not copy: select the link and copy it." : ""}</span>
    </p>
  );
}

import type { ReactNode } from "react";

/**
 * A banner at the top of the page. "success" reports what just happened and is
 * announced (role=alert); "important" is information the reader needs (a region).
 */
export function NotificationBanner({ variant = "important", title, children }: { variant?: "important" | "success"; title?: string; children: ReactNode }) {
  const id = `banner-title-${variant}`;
  const colour = variant === "success" ? "border-[var(--color-success)]" : "border-[var(--color-brand)]";
  const head = variant === "success" ? "bg-[var(--color-success)]" : "bg-[var(--color-brand)]";
  return (
    <div className={`mb-6 border-4 ${colour}`} role={variant === "success" ? "alert" : "region"} aria-labelledby={id}>
      <h2 id={id} className={`${head} px-4 py-1 text-base font-bold text-white`}>
        {title ?? (variant === "success" ? "Success" : "Important")}
      </h2>
      <div className="px-4 py-3">{children}</div>
    </div>
  );
}

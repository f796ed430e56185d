import type { Policy } from "@/lib/policy";
import { WarningText } from "./warning-text";

type Risk = Policy["immediateRisk"];

function Contacts({ contacts }: { contacts: Risk["contacts"] }) {
  if (contacts.length === 0) {
    return (
      <p className="mb-2">Your partnership&apos;s policy names no emergency contacts of its own: follow your agency&apos;s child protection procedures.</p>
    );
  }
  return (
    <ul className="mb-2 space-y-2">
      {contacts.map((c) => (
        <li key={`${c.kind}:${c.label}`}>
          <strong>{c.label}</strong>
          {c.phone ? (
            <>
              {" "}
              on <a href={`tel:${c.phone.replace(/\s+/g, "")}`}>{c.phone}</a>
            </>
          ) : null}
          {c.email ? (
            <>
              {" "}
              at <a href={`mailto:${c.email}`}>{c.email}</a>
            </>
          ) : null}
          {c.url ? (
            <>
              {" "}
              (<a href={c.url}>website</a>)
            </>
          ) : null}
          {c.when ? <span className="block text-[var(--color-ink-muted)]">{c.when}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function Guidance({ guidance }: { guidance: Risk["guidance"] }) {
  return (
    <ul className="mb-4 list-disc space-y-2 pl-6">
      {guidance.map((g) => (
        <li key={g.text}>{g.text}</li>
      ))}
    </ul>
  );
}

/**
 * The partnership's immediate-risk route, from its policy ("the child first").
 * `full` before raising; `emergency` once someone says a child is at risk;
 * `compact` on every later screen that starts or moves a dispute.
 */
export function ImmediateRisk({ risk, who = "child", variant }: { risk: Risk; who?: string; variant: "full" | "emergency" | "compact" }) {
  const danger = `If a ${who} is in immediate danger, call 999. Raising a disagreement is not a child protection referral.`;
  if (variant === "compact") {
    return (
      <aside aria-label="Immediate risk" className="mb-6 border-l-4 border-[var(--color-danger)] bg-[var(--color-panel)] px-4 py-2">
        <p className="font-bold">{danger}</p>
        <details className="mt-1">
          <summary className="cursor-pointer text-[var(--color-link)] underline">What your partnership says to do if a {who} is at immediate risk</summary>
          <div className="mt-2">
            <Guidance guidance={risk.guidance} />
            <Contacts contacts={risk.contacts} />
          </div>
        </details>
      </aside>
    );
  }
  if (variant === "emergency") {
    return (
      <section aria-labelledby="emergency-title" className="mb-8 border-4 border-[var(--color-danger)] p-4">
        <h2 id="emergency-title" className="mb-2 text-2xl font-bold">
          Act on the risk now
        </h2>
        <WarningText>{danger} Do not wait for this process.</WarningText>
        <h3 className="mb-2 text-lg font-bold">Who to contact</h3>
        <Contacts contacts={risk.contacts} />
        <h3 className="mb-2 mt-4 text-lg font-bold">What your partnership&apos;s policy says</h3>
        <Guidance guidance={risk.guidance} />
      </section>
    );
  }
  return (
    <section aria-labelledby="immediate-risk-title" className="mb-8 border-l-8 border-[var(--color-danger)] bg-[var(--color-panel)] p-4">
      <h2 id="immediate-risk-title" className="mb-2 text-xl font-bold">
        If a {who} is at immediate risk of harm
      </h2>
      <WarningText>{danger}</WarningText>
      <Guidance guidance={risk.guidance} />
      <h3 className="mb-2 text-lg font-bold">Who to contact</h3>
      <Contacts contacts={risk.contacts} />
    </section>
  );
}

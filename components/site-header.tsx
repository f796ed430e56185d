import Link from "next/link";

export type HeaderUser = {
  name: string;
  partnerships: { id: string; name: string }[];
  /** Demo mode: link to the demo mailbox, where Parley's e-mail is written. */
  demoMailbox?: boolean;
};

/**
 * The banner: Parley's name, and when signed in, who you are, the partnerships
 * you can switch between, and a sign-out button (a POST form: it works without
 * JavaScript, and a link cannot sign anyone out).
 */
export function SiteHeader({ user }: { user: HeaderUser | null }) {
  const linkClass = "text-white visited:text-white underline";
  return (
    <header className="bg-[var(--color-brand)] text-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
        <Link href={user ? "/p" : "/"} className="text-xl font-bold text-white visited:text-white no-underline">
          Parley
        </Link>
        {user ? (
          <nav aria-label="Your account" className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm">
            <p>
              Signed in as <strong>{user.name}</strong>
            </p>
            {user.partnerships.length > 1 ? (
              <details className="relative">
                <summary className="cursor-pointer underline">Switch partnership</summary>
                <ul className="absolute right-0 z-10 mt-2 w-72 space-y-2 border-2 border-[var(--color-ink)] bg-white p-3 text-[var(--color-ink)]">
                  {user.partnerships.map((p) => (
                    <li key={p.id}>
                      <Link href={`/p/${encodeURIComponent(p.id)}`}>{p.name}</Link>
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
            {user.demoMailbox ? (
              <Link href="/mailbox" className={linkClass}>
                Demo mailbox
              </Link>
            ) : null}
            <form method="post" action="/api/auth/sign-out">
              <button type="submit" className="border-2 border-white px-3 py-1 font-bold text-white">
                Sign out
              </button>
            </form>
          </nav>
        ) : (
          <div className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm">
            <p>Resolving professional differences in safeguarding</p>
            <Link href="/sign-in" className={linkClass}>
              Sign in
            </Link>
          </div>
        )}
      </div>
    </header>
  );
}

/**
 * proxy.ts's part of the one text rule (lib/text/safe-text.ts): a request whose
 * path or query string holds, once decoded, a control character, a null
 * character or half of an emoji, or a broken %-escape (`%E0%A4%A`), is refused
 * with a 400 before any page or route handler runs; else such a value reaches
 * PostgreSQL as a partnership id or a filter and fails as a 500. The API gets
 * its usual JSON error naming the query parameter; a browser a short page.
 */
import { NextResponse, type NextRequest } from "next/server";
import { findUnsafeAddress, unsafeAddressMessage } from "./safe-text";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(message: string): string {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>There is a problem with the page address – Parley</title>
</head>
<body>
<main>
<h1>There is a problem with the page address</h1>
<p>${escapeHtml(message)}</p>
<p><a href="/">Go to the Parley home page</a></p>
</main>
</body>
</html>
`;
}

/** The 400 for a request whose address Parley cannot use, with `headers` (the security headers) set; null when the address is fine. */
export function refuseUnsafeAddress(request: NextRequest, headers: Readonly<Record<string, string>>): NextResponse | null {
  const found = findUnsafeAddress(request.nextUrl.pathname, request.nextUrl.search);
  if (!found) return null;
  const message = unsafeAddressMessage(found);
  const fields = found.part === "query" ? { [found.name]: message } : {};
  const refused = request.nextUrl.pathname.startsWith("/api/")
    ? NextResponse.json({ error: { code: "invalid_request", message, fields } }, { status: 400 })
    : new NextResponse(page(message), { status: 400, headers: { "Content-Type": "text/html; charset=utf-8" } });
  for (const [name, value] of Object.entries(headers)) refused.headers.set(name, value);
  refused.headers.set("Cache-Control", "no-store");
  return refused;
}

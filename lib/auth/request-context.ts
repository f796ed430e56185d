import type { RequestContext } from "./audit";

/**
 * Who is asking, as far as the audit trail and the sign-in throttle need to know.
 *
 * The address is read from X-Forwarded-For. Next.js fills that header with the
 * connection's address when no proxy did; a reverse proxy appends the address it
 * saw. With `trustedProxies` proxies in front (PARLEY_TRUSTED_PROXIES, default 1:
 * one reverse proxy, or none and Next.js's own entry), the client is the entry
 * that many places from the right; entries further left were supplied by the
 * client and are not trusted.
 */
export function requestContextFromHeaders(headers: Headers, trustedProxies = 1): RequestContext {
  return {
    ipAddress: clientAddress(headers.get("x-forwarded-for"), trustedProxies),
    userAgent: headers.get("user-agent"),
  };
}

export function clientAddress(forwardedFor: string | null, trustedProxies = 1): string | null {
  if (!forwardedFor) return null;
  const entries = forwardedFor
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0) return null;
  const index = Math.max(0, entries.length - Math.max(1, trustedProxies));
  return normaliseAddress(entries[index]!);
}

function normaliseAddress(address: string): string {
  // "::ffff:127.0.0.1" and "127.0.0.1" are one client.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped ? mapped[1]! : address).slice(0, 100);
}

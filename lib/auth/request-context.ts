import type { RequestContext } from "./audit";

/**
 * Who is asking, as far as the audit trail and the sign-in throttle need to know.
 *
 * The address is read from X-Forwarded-For. Parley's server (scripts/serve.mjs)
 * appends the connection's own address to it, as each reverse proxy appends the
 * address it saw. With `trustedProxies` proxies in front (PARLEY_TRUSTED_PROXIES,
 * default 0), the client is the entry that many places left of the last one;
 * entries further left were supplied by the client and are not trusted. With
 * none, it is the connection's address.
 */
export function requestContextFromHeaders(headers: Headers, trustedProxies = 0): RequestContext {
  return {
    ipAddress: clientAddress(headers.get("x-forwarded-for"), trustedProxies),
    userAgent: headers.get("user-agent"),
  };
}

export function clientAddress(forwardedFor: string | null, trustedProxies = 0): string | null {
  if (!forwardedFor) return null;
  const entries = forwardedFor
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0) return null;
  const index = Math.max(0, entries.length - 1 - Math.max(0, trustedProxies));
  return normaliseAddress(entries[index]!);
}

function normaliseAddress(address: string): string {
  // "::ffff:127.0.0.1" and "127.0.0.1" are one client.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped ? mapped[1]! : address).slice(0, 100);
}

/**
 * What Parley's server (scripts/serve.mjs) does to the forwarding headers of
 * every request before Next.js sees it. Plain JavaScript: it runs in the
 * server process without a TypeScript loader.
 *
 * - With no trusted proxies (PARLEY_TRUSTED_PROXIES=0, the default) a client's
 *   own X-Forwarded-For, -Host, -Proto and -Port and Forwarded are dropped:
 *   Next.js then fills them from the connection itself.
 * - In every case the connection's own address is appended to X-Forwarded-For,
 *   as a proxy would. lib/auth/request-context.ts takes the client to be the
 *   entry that many trusted proxies from the right, so with none it is the
 *   connection's address, whatever the client sent.
 *
 * @param {import("node:http").IncomingHttpHeaders} headers changed in place
 * @param {string | undefined} peer the socket's remote address
 * @param {number} trustedProxies
 */
export function stampForwardedHeaders(headers, peer, trustedProxies) {
  if (trustedProxies <= 0) {
    for (const name of ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded", "x-real-ip"]) {
      delete headers[name];
    }
  }
  if (!peer) return;
  const existing = headers["x-forwarded-for"];
  const earlier = Array.isArray(existing) ? existing.join(", ") : existing;
  headers["x-forwarded-for"] = earlier ? `${earlier}, ${peer}` : peer;
}

/** PARLEY_TRUSTED_PROXIES as the server reads it (lib/config.ts validates it first). */
export function trustedProxiesFrom(env) {
  const value = Number.parseInt(env.PARLEY_TRUSTED_PROXIES ?? "0", 10);
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * Where a webhook may be sent. An administrator of one partnership must not be
 * able to make Parley's servers call into the network they run on (a cloud's
 * metadata service, a database, another partnership's systems), so by default
 * an endpoint must be https on a public address: checked when it is registered
 * (the URL) and again before every try (what its name resolves to then).
 * PARLEY_WEBHOOKS_PRIVATE_NETWORK=true allows private and loopback addresses,
 * and plain http on loopback, for an installation inside an organisation's own
 * network, development and the tests.
 */
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

export const URL_MAX = 2_000;

const PRIVATE = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  PRIVATE.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  PRIVATE.addSubnet(net, bits, "ipv6");

/** Whether an address is loopback, private, link-local or otherwise not on the public internet. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, "ipv4");
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    return mapped ? PRIVATE.check(mapped[1]!, "ipv4") : PRIVATE.check(address, "ipv6");
  }
  return true;
}

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** What is wrong with an endpoint's URL, in words for the form, or null. */
export function urlProblem(value: string, allowPrivateNetwork: boolean): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter the endpoint's full address, starting https://";
  }
  if (url.username || url.password) return "Enter the address without a user name or password in it: each delivery is signed instead.";
  if (url.hash) return "Enter the address without a # part.";
  const loopback = LOOPBACK_NAMES.has(url.hostname);
  if (url.protocol === "http:" && loopback && allowPrivateNetwork) return null;
  if (url.protocol !== "https:") return "Enter an address starting https://";
  if (!allowPrivateNetwork && (loopback || (isIP(url.hostname.replace(/^\[|\]$/g, "")) !== 0 && isPrivateAddress(url.hostname.replace(/^\[|\]$/g, ""))))) {
    return "Enter a public address: this installation does not send webhooks to private or local networks.";
  }
  return null;
}

/** Before a try: null when it may be sent, otherwise why not (a name that now resolves to a private address). */
export async function addressProblem(value: string, allowPrivateNetwork: boolean): Promise<string | null> {
  if (urlProblem(value, allowPrivateNetwork)) {
    return "Not sent: this installation sends webhooks only to https addresses on public networks (PARLEY_WEBHOOKS_PRIVATE_NETWORK is off).";
  }
  if (allowPrivateNetwork) return null;
  const host = new URL(value).hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true }).catch(() => []);
  if (addresses.length === 0) return `Not sent: the name ${host} does not resolve to any address.`;
  const inside = addresses.find((a) => isPrivateAddress(a.address));
  return inside ? `Not sent: ${host} resolves to ${inside.address}, a private address.` : null;
}

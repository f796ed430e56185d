/**
 * A page's HTTP throughput against the health check's, on a server that is
 * already running (issue 11: the dashboard should serve at least 0.5× what
 * `GET /api/health` does, under the same load):
 *
 *   npm run bench -- http [--url http://localhost:3000] [--path /p/torbay]
 *     [--email team-manager@torbay.example] [--password parley-demo-password]
 *     [--connections 10] [--seconds 30] [--rounds 2] [--pid <server pid>] [--json]
 *
 * Signs in through next-auth's credentials endpoint (as scripts/api-example.sh
 * does), warms the page for 5 s, then loads the health check and the page in
 * turn with autocannon: health, page, health, page, …, health. Each page run's ratio is its requests per
 * second over the mean of the health runs either side of it, so a machine that
 * slows down during the run moves both. With `--pid` (Linux), it also reports
 * the server's CPU per request and its resident memory after the load, from
 * /proc: pass the server process's own pid (`pgrep -f scripts/serve.mjs`), not
 * npm's. Start the server as deployed (`npm start`, a production build).
 */
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { DEMO_PASSWORD } from "@/lib/seed/demo-data";
import type { Benchmark } from "../bench";
import { benchOptions } from "../bench-options";

type Options = {
  url: string;
  path: string;
  email: string;
  password: string;
  connections: number;
  seconds: number;
  rounds: number;
  pid: number | null;
  json: boolean;
};

type Run = {
  path: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
  /** Server CPU per request, with --pid. */
  cpuMs: number | null;
};

const log = (m: string) => process.stderr.write(`${m}\n`);

function parseOptions(args: string[]): Options {
  const { value, whole, flag } = benchOptions(args);
  const url = (value("url") ?? "http://localhost:3000").replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]+$/.test(url)) throw new Error(`--url must be the server's origin, such as http://localhost:3000, not ${url}`);
  const path = value("path") ?? "/p/torbay";
  if (!path.startsWith("/")) throw new Error(`--path must start with /, such as /p/torbay, not ${path}`);
  if (path === "/api/health") throw new Error("--path is the page to compare with /api/health, so it cannot be /api/health itself");
  const pid = value("pid");
  return {
    url,
    path,
    email: value("email") ?? "team-manager@torbay.example",
    password: value("password") ?? DEMO_PASSWORD,
    connections: whole("connections", 10, 1),
    seconds: whole("seconds", 30, 1),
    rounds: whole("rounds", 2, 1),
    pid: pid === undefined ? null : whole("pid", 0, 1),
    json: flag("json"),
  };
}

/** Cookies as a browser keeps them: the latest value of each name. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(";", 1)[0]!;
      const index = pair.indexOf("=");
      if (index > 0) this.cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/** Signs in as the sign-in page does and returns the Cookie header of the session. */
async function signIn(o: Options): Promise<string> {
  const jar = new CookieJar();
  const csrf = await fetch(`${o.url}/api/auth/csrf`).catch((error: Error) => {
    throw new Error(
      `Nothing answered at ${o.url} (${String((error.cause as Error | undefined)?.message ?? error.message)}): start the server first (npm start).`,
    );
  });
  if (!csrf.ok) throw new Error(`${o.url}/api/auth/csrf answered ${csrf.status}: is Parley running there?`);
  jar.take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${o.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: o.url, Cookie: jar.header(), "X-CSRF-Token": jar.get("parley-csrf") ?? "" },
    body: new URLSearchParams({ csrfToken, email: o.email, password: o.password, callbackUrl: `${o.url}/p` }),
  });
  jar.take(response);
  const session = jar.get("parley.session") ?? jar.get("__Host-parley.session");
  if (!session) throw new Error(`Signing in as ${o.email} failed (${response.status}): check --email and --password.`);
  const page = await fetch(`${o.url}${o.path}`, { headers: { Cookie: jar.header() }, redirect: "manual" });
  if (page.status !== 200) throw new Error(`${o.path} answered ${page.status} for ${o.email}: choose a page this person can open.`);
  log(`Signed in as ${o.email}; ${o.path} is ${((await page.arrayBuffer()).byteLength / 1000).toFixed(0)} KB.`);
  return jar.header();
}

/** utime + stime of a process, in milliseconds. */
function cpuMsOf(pid: number): number {
  // Fields after the command name (which may hold spaces), from the 3rd: utime is the 14th field, stime the 15th.
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
}

function residentMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Number(line[1]) / 1024 : NaN;
}

async function load(o: Options, path: string, cookie: string, seconds: number): Promise<Run> {
  const before = o.pid === null ? 0 : cpuMsOf(o.pid);
  const result = await autocannon({ url: `${o.url}${path}`, connections: o.connections, duration: seconds, headers: { cookie } });
  const after = o.pid === null ? 0 : cpuMsOf(o.pid);
  const requests = result.requests.total;
  return {
    path,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests,
    errors: result.errors, // connection errors, timeouts included
    non2xx: result.non2xx,
    cpuMs: o.pid === null || requests === 0 ? null : (after - before) / requests,
  };
}

function ratioOf(runs: Run[], index: number): number {
  const health = [runs[index - 1], runs[index + 1]].filter((r): r is Run => r !== undefined && r.path === "/api/health");
  const mean = health.reduce((sum, r) => sum + r.requestsPerSecond, 0) / health.length;
  return runs[index]!.requestsPerSecond / mean;
}

const benchmark: Benchmark = {
  name: "a page's HTTP throughput against the health check's, on a running server",
  onlyWhenNamed: true,
  async run(args) {
    const o = parseOptions(args);
    const cookie = await signIn(o);
    log(`Warming ${o.path} for 5 s, then ${o.rounds} round(s) of ${o.seconds} s each, ${o.connections} connections.`);
    await load(o, o.path, cookie, 5);
    const runs: Run[] = [];
    for (let round = 0; round < o.rounds; round++) {
      runs.push(await load(o, "/api/health", cookie, o.seconds));
      runs.push(await load(o, o.path, cookie, o.seconds));
    }
    runs.push(await load(o, "/api/health", cookie, o.seconds));
    const rows = runs.map((r, i) => ({ ...r, ratio: r.path === "/api/health" ? null : ratioOf(runs, i) }));
    const memoryMb = o.pid === null ? null : residentMb(o.pid);

    if (o.json) {
      console.log(JSON.stringify({ url: o.url, path: o.path, connections: o.connections, seconds: o.seconds, runs: rows, residentMb: memoryMb }));
      return;
    }
    const width = Math.max(...rows.map((r) => r.path.length));
    const cpu = o.pid !== null;
    console.log(
      `${"".padEnd(width)}  ${"req/s".padStart(7)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"errors".padStart(7)} ${"non-2xx".padStart(7)}${cpu ? " CPU ms/req" : ""}  × health`,
    );
    for (const r of rows) {
      const figures = [r.requestsPerSecond.toFixed(1), String(r.p50), String(r.p99), String(r.errors), String(r.non2xx)].map((f) => f.padStart(7)).join(" ");
      const cpuMs = cpu ? (r.cpuMs === null ? "" : r.cpuMs.toFixed(1)).padStart(11) : "";
      console.log(`${r.path.padEnd(width)}  ${figures}${cpuMs}  ${r.ratio === null ? "" : `${r.ratio.toFixed(2)}×`}`);
    }
    if (memoryMb !== null) console.log(`Server resident memory after the load: ${memoryMb.toFixed(0)} MB.`);
  },
};

export default benchmark;

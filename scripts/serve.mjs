/**
 * Parley's HTTP server: Next.js behind a plain Node.js server, so that the
 * connection's own address reaches the app and a client cannot choose the
 * address the sign-in throttle and the audit trail see (forwarded-headers.mjs).
 * scripts/start.ts runs it; `--dev` serves the development build.
 */
import { createServer } from "node:http";
import next from "next";
import { stampForwardedHeaders, trustedProxiesFrom } from "./forwarded-headers.mjs";

const dev = process.argv.includes("--dev");
const port = Number.parseInt(process.env.PORT ?? "3000", 10);
const trustedProxies = trustedProxiesFrom(process.env);

const app = next({ dev, port, hostname: "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  stampForwardedHeaders(req.headers, req.socket.remoteAddress, trustedProxies);
  void handle(req, res);
});
if (dev) {
  const upgrade = app.getUpgradeHandler();
  server.on("upgrade", (req, socket, head) => void upgrade(req, socket, head));
}
server.on("error", (error) => {
  // A port in use must stop the start, not leave a process that serves nothing.
  console.error(`Parley cannot listen on port ${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, () => {
  console.log(`Listening on port ${port}${trustedProxies ? `, trusting ${trustedProxies} proxy hop(s) in X-Forwarded-For` : ""}.`);
});

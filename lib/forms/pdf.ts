/**
 * PDFs of forms, printed by a headless Chromium from the form's standalone
 * HTML (html.ts), where the server has a browser: PARLEY_CHROMIUM_PATH, or
 * /usr/bin/chromium when it exists. Without one, forms are still printable
 * from the browser (the page says so) and the PDF link is not offered.
 *
 * Kept safe by construction, not by trusting the content:
 * - the HTML is written to a private temporary folder and opened as a file:
 *   Chromium never talks to Parley, so it has no session, no cookie and no way
 *   to act as the reader;
 * - the document's Content-Security-Policy lets it load nothing (its one
 *   stylesheet is inline), every request Chromium might still make goes to a
 *   proxy address that does not exist (loopback included), and no host name
 *   resolves;
 * - a fresh, empty profile each time (no cookies, no cache, no extensions),
 *   deleted afterwards, and none of Parley's environment (no secrets);
 * - one render at a time, killed (with its child processes) after a time-out.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

export type PdfRenderer = { kind: "chromium"; path: string } | { kind: "none"; reason: string };

/** Which browser prints PDFs, from the environment: PARLEY_CHROMIUM_PATH ("off" for none), else /usr/bin/chromium if present. */
export function pdfRendererFrom(env: Record<string, string | undefined> = process.env, exists: (p: string) => boolean = existsSync): PdfRenderer {
  const configured = env.PARLEY_CHROMIUM_PATH?.trim();
  if (configured && ["off", "none", "false", "0"].includes(configured.toLowerCase())) {
    return { kind: "none", reason: "PDFs are turned off on this server (PARLEY_CHROMIUM_PATH=off)." };
  }
  if (configured) {
    if (!path.isAbsolute(configured)) return { kind: "none", reason: `PARLEY_CHROMIUM_PATH must be an absolute path; it is "${configured}".` };
    return exists(configured)
      ? { kind: "chromium", path: configured }
      : { kind: "none", reason: `PARLEY_CHROMIUM_PATH names ${configured}, which does not exist.` };
  }
  return exists(DEFAULT_CHROMIUM_PATH)
    ? { kind: "chromium", path: DEFAULT_CHROMIUM_PATH }
    : { kind: "none", reason: `No browser is configured to print PDFs (set PARLEY_CHROMIUM_PATH, or install Chromium at ${DEFAULT_CHROMIUM_PATH}).` };
}

export class PdfRenderError extends Error {
  override readonly name = "PdfRenderError";
}

/** The command-line flags for one render. Exported for the tests that pin what keeps it offline. */
export function chromiumArgs(profileDir: string, pdfFile: string, htmlFile: string, asRoot: boolean): string[] {
  return [
    "--headless",
    ...(asRoot ? ["--no-sandbox"] : []), // Chromium will not start its sandbox as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-quic",
    "--mute-audio",
    // Nothing leaves the process: every request goes to a proxy that is not there (loopback too), and no name resolves.
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    `--user-data-dir=${profileDir}`,
    "--no-pdf-header-footer",
    "--generate-pdf-document-outline",
    `--print-to-pdf=${pdfFile}`,
    pathToFileURL(htmlFile).href,
  ];
}

let queue: Promise<unknown> = Promise.resolve();

/** One at a time: each render is a whole browser, and the server has few cores. */
function serially<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

/** Prints the HTML to a PDF with the configured Chromium; throws PdfRenderError when it cannot. */
export function renderPdf(html: string, renderer: Extract<PdfRenderer, { kind: "chromium" }>, options: { timeoutMs?: number } = {}): Promise<Buffer> {
  return serially(() => renderOnce(html, renderer.path, options.timeoutMs ?? 30_000));
}

async function renderOnce(html: string, executable: string, timeoutMs: number): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), "parley-pdf-"));
  try {
    const htmlFile = path.join(dir, "form.html");
    const pdfFile = path.join(dir, "form.pdf");
    await writeFile(htmlFile, html, { encoding: "utf8", mode: 0o600 });
    const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
    await new Promise<void>((resolve, reject) => {
      const child = spawn(executable, chromiumArgs(path.join(dir, "profile"), pdfFile, htmlFile, asRoot), {
        // Its own process group, so a time-out can end the browser and every process it started.
        detached: true,
        stdio: ["ignore", "ignore", "pipe"],
        // None of Parley's environment: no database address, no secret.
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir, TMPDIR: dir, LANG: "en_GB.UTF-8" } as unknown as NodeJS.ProcessEnv,
      });
      let stderr = "";
      child.stderr?.on("data", (chunk: Buffer) => {
        if (stderr.length < 4000) stderr += chunk.toString("utf8");
      });
      const timer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
        reject(new PdfRenderError(`Chromium did not finish the PDF within ${Math.round(timeoutMs / 1000)} seconds.`));
      }, timeoutMs);
      child.on("error", (error) => {
        clearTimeout(timer);
        reject(new PdfRenderError(`Chromium could not be started (${executable}): ${error.message}`));
      });
      child.on("exit", (code, signal) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new PdfRenderError(`Chromium stopped (${signal ?? `exit code ${code}`}) without a PDF. ${lastLines(stderr)}`.trim()));
      });
    });
    const pdf = await readFile(pdfFile).catch(() => {
      throw new PdfRenderError("Chromium finished but wrote no PDF.");
    });
    if (pdf.subarray(0, 5).toString("latin1") !== "%PDF-") throw new PdfRenderError("Chromium wrote something that is not a PDF.");
    return pdf;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The end of Chromium's log, without its harmless complaints about the missing system bus. */
function lastLines(stderr: string): string {
  return stderr
    .split("\n")
    .filter((l) => l.trim() && !/dbus|Failed to connect to the bus/i.test(l))
    .slice(-3)
    .join(" ");
}

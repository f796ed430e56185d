/**
 * The flags `npm start` gives the Node.js process that serves Parley
 * (docs/deployment.md, "Memory").
 */
export function serverNodeFlags(options: { dev: boolean; nodeOptions?: string }): string[] {
  if (options.dev) return [];
  // A larger young generation: rendering a page allocates a few megabytes that
  // die young, and at the default size the collector ran for about a tenth of
  // the server's time under load; at 64 MB the dashboard served 10-20% more
  // requests a second (docs/scale.md, "Garbage collection").
  const flags = ["--max-semi-space-size=64"];
  // A ceiling on the old generation, so an instance's memory is known before
  // it runs: the live set under load is about 135 MB, and without a ceiling V8
  // lets the heap grow towards its default limit (about 4 GB on a large
  // machine) before it collects hard. NODE_OPTIONS may set another.
  if (!/--max[-_]old[-_]space[-_]size/.test(options.nodeOptions ?? "")) flags.push("--max-old-space-size=1024");
  return flags;
}

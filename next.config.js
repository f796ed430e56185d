/** @type {import('next').NextConfig} */
const nextConfig = {
  // The embedded database, the Wasm schema engine and the Prisma runtime load
  // .wasm files at run time; Node must load them from node_modules, unbundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/schema-engine-wasm", "@prisma/adapter-pg", "@prisma/driver-adapter-utils"],
  poweredByHeader: false,
  // Every browser gets the page's <title> in <head>, before the body: streamed
  // metadata reached the document after the page did, so for a moment after a
  // form's redirect a page had no title (screen readers announce it on arrival).
  htmlLimitedBots: /.*/,
  reactStrictMode: true,
};

export default nextConfig;

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The embedded database, the Wasm schema engine and the Prisma runtime load
  // .wasm files at run time; Node must load them from node_modules, unbundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/schema-engine-wasm",
    "@prisma/adapter-pg",
    "@prisma/driver-adapter-utils",
  ],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;

// Adds lock-file entries for platform-specific optional packages that the npm
// registry mirror on our build machines does not serve (macOS, Windows, Android…
// builds of @next/swc, @tailwindcss/oxide, @unrs/resolver-binding).
//
// npm drops an optional dependency it cannot fetch from package-lock.json, and
// `npm ci` then refuses the lock as "out of sync". A placeholder that names the
// package's platform lets `npm ci` skip it on Linux, exactly as it would skip the
// real entry. On a machine that does use one of these platforms, run
// `npm install` against the public registry and the real entry replaces it.
//
// Run after every `npm install`: node scripts/lockfile-placeholders.mjs
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;

function platformOf(name) {
  const os = ["darwin", "win32", "linux", "android", "freebsd", "openharmony", "sunos", "aix"].find((o) => name.includes(`-${o}-`));
  const cpu = ["arm64", "x64", "ia32", "arm", "loong64", "ppc64", "riscv64", "s390x", "wasm32"].find(
    (c) => name.includes(`-${c}-`) || name.endsWith(`-${c}`) || name.includes(`-${c}eabi`) || name.includes(`-${c}-wasi`),
  );
  const libc = name.includes("-musl") ? ["musl"] : name.includes("-gnu") ? ["glibc"] : undefined;
  return { os: os ? [os] : undefined, cpu: cpu ? [cpu] : undefined, libc };
}

function resolves(fromPath, dep) {
  // Node's resolution: look in fromPath/node_modules, then each ancestor's.
  let base = fromPath;
  for (;;) {
    const candidate = `${base ? `${base}/` : ""}node_modules/${dep}`;
    if (packages[candidate]) return true;
    if (!base) return false;
    const index = base.lastIndexOf("/node_modules/");
    base = index === -1 ? "" : base.slice(0, index);
  }
}

let added = 0;
for (const [path, node] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(node.optionalDependencies ?? {})) {
    if (resolves(path, dep)) continue;
    const { os, cpu, libc } = platformOf(dep);
    if (!os && !cpu) continue; // not a platform build: leave npm's decision alone
    packages[`node_modules/${dep}`] = {
      version: version.replace(/^[\^~=]/, ""),
      optional: true,
      ...(os && { os }),
      ...(cpu && { cpu }),
      ...(libc && { libc }),
    };
    added++;
  }
}

lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added ? `Added ${added} platform placeholder(s) to package-lock.json.` : "package-lock.json already complete.");

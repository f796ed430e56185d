import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

let initialised: Promise<void> | undefined;

/**
 * The package's own entry imports its .wasm as an ES module, which Node rejects.
 * We compile the module ourselves and hand its exports to the bindings.
 */
function initialiseWasm(): Promise<void> {
  initialised ??= (async () => {
    const require = createRequire(import.meta.url);
    const bindingsFile = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(bindingsFile), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as unknown as { __wbindgen_start: () => void };
    bindings.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return initialised;
}

export type EngineLog = (line: string) => void;

export async function openSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  schema: { path: string; content: string },
  log: EngineLog = () => {},
): Promise<SchemaEngine> {
  await initialiseWasm();
  const engine = await (bindings.SchemaEngine as unknown as typeof SchemaEngine).new(
    { datamodels: [[schema.path, schema.content]] },
    (line: string) => log(line),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  return engine;
}

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

/**
 * Prisma's schema engine (migrations), compiled to Wasm, running over a driver
 * adapter. See docs/decisions/0002-migrations-on-the-wasm-schema-engine.md.
 */

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

export type OpenSchemaEngine = { engine: SchemaEngine; close: () => Promise<void> };

export async function openSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  schema: { path: string; content: string },
  log: EngineLog = () => {},
): Promise<OpenSchemaEngine> {
  await initialiseWasm();
  const connected: SqlDriverAdapter[] = [];
  const engine = await (bindings.SchemaEngine as unknown as typeof SchemaEngine).new(
    { datamodels: [[schema.path, schema.content]] },
    (line: string) => log(line),
    bindMigrationAwareSqlAdapterFactory(withAtomicScripts(factory, connected)),
  );
  return {
    engine,
    // Freeing the engine does not close the connections it opened (adapter-pg
    // opens a pool per connect), and a lingering one blocks dropping or copying
    // the database.
    close: async () => {
      engine.free();
      await Promise.all(connected.map((adapter) => adapter.dispose()));
    },
  };
}

/**
 * The engine runs each migration through the adapter's executeScript. Neither
 * adapter does that safely: adapter-pg splits the script on every ";" (breaking
 * dollar-quoted function bodies) and runs the pieces outside any transaction;
 * the PGlite adapter does not await the script, so a failing migration is
 * recorded as applied. We send the whole script as one simple-protocol query
 * instead: PostgreSQL runs a multi-statement query as one implicit transaction,
 * so a migration either applies completely or leaves the database as it was.
 */
function withAtomicScripts(factory: SqlMigrationAwareDriverAdapterFactory, connected: SqlDriverAdapter[]): SqlMigrationAwareDriverAdapterFactory {
  const track = (adapter: SqlDriverAdapter) => {
    connected.push(adapter);
    return atomicScripts(adapter);
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => track(await factory.connect()),
    connectToShadowDb: async () => track(await factory.connectToShadowDb()),
  };
}

type AdapterInternals = {
  client: { exec?: (sql: string) => Promise<unknown>; query: (sql: string) => Promise<unknown> };
  onError: (error: unknown) => never;
};

function atomicScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const internals = adapter as unknown as AdapterInternals;
  if (typeof internals.onError !== "function" || typeof internals.client?.query !== "function") {
    throw new Error(`Unsupported driver adapter for migrations: ${adapter.adapterName}`);
  }
  const executeScript = async (script: string): Promise<void> => {
    try {
      if (typeof internals.client.exec === "function") await internals.client.exec(script);
      else await internals.client.query(script);
    } catch (error) {
      internals.onError(error);
    }
  };
  return new Proxy(adapter, {
    get(target, property) {
      if (property === "executeScript") return executeScript;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

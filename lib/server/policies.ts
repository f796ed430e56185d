import { config } from "../config";
import type { FileErrors } from "../calendar/data-file";
import { PolicyRegistry } from "../policy/registry";

/**
 * The policies the app runs on, loaded once per process from POLICIES_DIR. An
 * invalid file is reported (here, in the log, and on the administrators' policy
 * page) and only that policy is unavailable; the others load.
 */
type Loaded = { registry: PolicyRegistry; errors: FileErrors[]; loadedAt: Date };

const holder = globalThis as typeof globalThis & { __parleyPolicies?: Loaded };

export function loadedPolicies(): Loaded {
  if (!holder.__parleyPolicies) {
    const { registry, errors } = PolicyRegistry.load(config().policiesDir);
    holder.__parleyPolicies = { registry, errors, loadedAt: new Date() };
    for (const problem of errors) {
      console.error(`Policy file not loaded: ${problem.file}: ${problem.messages.join("; ")}`);
    }
  }
  return holder.__parleyPolicies;
}

export const policyRegistry = (): PolicyRegistry => loadedPolicies().registry;

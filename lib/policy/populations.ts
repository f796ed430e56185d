/**
 * Populations: one policy serving children and adults, each with its own board,
 * contacts, immediate-risk route and register (docs/policy-format.md,
 * "Populations"). A policy without `populations` has one implicit population:
 * every helper here then gives exactly what the policy itself says.
 */
import type { RoleLevel } from "./roles";
import type { Contact, PolicyData, Population, Route } from "./schema";

type WithPopulations = Pick<PolicyData, "contacts" | "populations">;

/** The population a route serves, or null when the policy declares none (or the route is unknown). */
export function populationOf(policy: Pick<PolicyData, "populations" | "routes">, routeId?: string): Population | null {
  if (!policy.populations) return null;
  const route = routeId === undefined ? policy.routes[0] : policy.routes.find((r) => r.id === routeId);
  return policy.populations.find((p) => p.id === route?.population) ?? null;
}

/**
 * A contact by id, wherever it is declared: the policy's contacts or one of its
 * populations' (ids are unique across them all, and a route's parties name only
 * the policy's contacts or its own population's: lib/policy/cross-checks.ts).
 */
export function findContact(policy: WithPopulations, id: string | undefined): Contact | undefined {
  if (id === undefined) return undefined;
  return policy.contacts?.find((c) => c.id === id) ?? policy.populations?.flatMap((p) => p.contacts ?? []).find((c) => c.id === id);
}

/** The contacts a route's disputes use: its population's first, then the policy's. */
export function routeContacts(policy: Pick<PolicyData, "contacts" | "populations" | "routes">, routeId?: string): Contact[] {
  return [...(populationOf(policy, routeId)?.contacts ?? []), ...(policy.contacts ?? [])];
}

/**
 * The contact of this role level for a route's disputes (its board business
 * manager, its chair): the population's own where it names one, else the policy's.
 */
export function routeContactOfLevel(
  policy: Pick<PolicyData, "contacts" | "populations" | "routes">,
  routeId: string | undefined,
  level: RoleLevel,
): Contact | undefined {
  return routeContacts(policy, routeId).find((c) => c.level === level);
}

/** The immediate-risk route shown on a route's disputes: its population's, else the policy's. */
export function immediateRiskFor(policy: Pick<PolicyData, "immediateRisk" | "populations" | "routes">, routeId?: string): PolicyData["immediateRisk"] {
  return populationOf(policy, routeId)?.immediateRisk ?? policy.immediateRisk;
}

/** Whom a route's disputes are about: its population's covers, else the policy's. */
export function coversFor(policy: Pick<PolicyData, "covers" | "populations" | "routes">, routeId?: string): PolicyData["covers"] {
  return populationOf(policy, routeId)?.covers ?? policy.covers;
}

/** The title of a population's register: its own, else its board's name and "register". */
export function registerTitleOf(population: Population): string {
  return population.registerTitle ?? `${population.board} register`;
}

/** The routes that serve a population. */
export function routesOfPopulation(policy: Pick<PolicyData, "routes">, populationId: string): Route[] {
  return policy.routes.filter((r) => r.population === populationId);
}

/**
 * Populations (children and adults under one policy, each with its own board,
 * contacts, immediate-risk route and register), on the Riverside example: the
 * schema and JSON Schema, the cross-checks that refuse what cannot work, and
 * how a route's contacts are found; a policy without populations is unchanged.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- YAML data, changed freely to provoke each error */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  chooseRoute,
  computeStageDeadlines,
  coversFor,
  describeParty,
  findContact,
  immediateRiskFor,
  loadPolicyFile,
  parsePolicyData,
  policyJsonSchema,
  populationOf,
  registerTitleOf,
  routeContactOfLevel,
  routeContacts,
  type Policy,
} from "@/lib/policy";
import { registerPopulations } from "@/lib/views/register-data";
import { parseRegisterFilters, registerHref, registerListFilters, isFiltered, registerChoice } from "@/lib/views/register";
import { run } from "@/scripts/policy";
import { POLICIES, at, minimal, minimalData } from "./helpers";

const FILE = path.join(POLICIES, "examples", "riverside", "2026-1.yaml");
const riversideData = () => parse(fs.readFileSync(FILE, "utf8")) as Record<string, unknown>;

function riverside(): Policy {
  const result = loadPolicyFile(FILE);
  if (!result.ok) throw new Error(result.messages.join("\n"));
  return result.policy;
}

/** The messages for Riverside's data after `change`. */
function problems(change: (data: any) => void): string[] {
  const data = riversideData();
  change(data);
  const result = parsePolicyData(data, "riverside.yaml");
  return result.ok ? [] : result.messages;
}

describe("populations: the format", () => {
  const policy = riverside();

  it("loads the example, each route naming its population", () => {
    expect(policy.populations?.map((p) => p.id)).toEqual(["children", "adults"]);
    expect(policy.routes.map((r) => [r.id, r.population])).toEqual([
      ["children", "children"],
      ["adults", "adults"],
    ]);
  });

  it("is in the JSON Schema editors use, on policies and on routes", () => {
    const schema = JSON.parse(policyJsonSchema()) as { else: { properties: Record<string, any> } };
    const props = schema.else.properties;
    expect(props.populations.items.required).toEqual(expect.arrayContaining(["id", "title", "board", "cite"]));
    expect(Object.keys(props.populations.items.properties)).toEqual(expect.arrayContaining(["contacts", "registerTitle", "immediateRisk", "covers"]));
    expect(props.routes.items.properties.population.type).toBe("string");
    // The committed file is the generated one.
    expect(fs.readFileSync(path.join(POLICIES, "policy.schema.json"), "utf8")).toBe(policyJsonSchema());
  });

  it("leaves a policy without populations as it was: one implicit population", () => {
    const { policy: plain } = minimal();
    expect(plain.populations).toBeUndefined();
    expect(populationOf(plain, "main")).toBeNull();
    expect(routeContacts(plain, "main")).toEqual(plain.contacts);
    expect(immediateRiskFor(plain, "main")).toBe(plain.immediateRisk);
    expect(coversFor(plain, "main")).toBe(plain.covers);
    expect(describeParty({ level: "board-business-manager" }, plain, "main")).toBe("the board business manager");
    expect(registerPopulations(plain, [plain])).toEqual({});
  });
});

describe("populations: the cross-checks", () => {
  it("requires every route to name a declared population once any are declared", () => {
    expect(
      problems((d) => {
        delete d.routes[1].population;
      }),
    ).toEqual([`routes[1].population: required when the policy declares populations: name the one this route serves ("children" or "adults")`]);
    expect(
      problems((d) => {
        d.routes[1].population = "elders";
      }),
    ).toEqual([`routes[1].population: no population with id "elders" (populations: "children", "adults")`]);
  });

  it("refuses a route's population when the policy declares none", () => {
    const data = minimalData() as any;
    data.routes[0].population = "children";
    const result = parsePolicyData(data, "minimal.yaml");
    expect(result.ok ? [] : result.messages).toEqual([
      `routes[0].population: no population "children": this policy declares no populations (declare them under populations, or leave population out)`,
    ]);
  });

  it("refuses a population no route serves, and duplicate ids", () => {
    expect(
      problems((d) => {
        d.routes[1].population = "children";
        d.routes[1].when = { about: ["child"], areas: ["section-42"] };
      }),
    ).toEqual([
      `populations[1].id: no route serves population "adults": name it as some route's population, or remove it`,
      // The adults' route now serves children, so the adults' contacts are not its own.
      `routes[1].stages[2].deadlines[0].notifyOnMiss[0].contact: "adults-business-manager" is a contact of population "adults", but route "adults" serves population "children": name one of its own contacts, or one under the policy's contacts`,
      `routes[1].stages[3].deadlines[0].setBy.contact: "adults-chair" is a contact of population "adults", but route "adults" serves population "children": name one of its own contacts, or one under the policy's contacts`,
    ]);
    expect(
      problems((d) => {
        d.populations[1].id = "children";
      }),
    ).toEqual(expect.arrayContaining([`populations[1].id: "children" is used by another population; ids must be unique`]));
  });

  it("keeps contact ids unique across the policy and its populations", () => {
    expect(
      problems((d) => {
        d.populations[1].contacts[0].id = "children-business-manager";
        d.routes[1].stages[2].deadlines[0].notifyOnMiss = [{ contact: "adults-chair" }];
      }),
    ).toEqual([
      `populations[1].contacts[0].id: "children-business-manager" is also a contact of population "children"; contact ids must be unique across the policy and its populations (e.g. "adults-children-business-manager")`,
    ]);
    expect(
      problems((d) => {
        d.populations[0].contacts[1].id = "partnership-manager";
        d.routes[0].stages[3].deadlines[0].setBy = { contact: "partnership-manager" };
      }),
    ).toEqual([
      `populations[0].contacts[1].id: "partnership-manager" is also a contact under the policy's contacts; contact ids must be unique across the policy and its populations`,
    ]);
  });

  it("refuses a route naming another population's contact, or one nobody declares", () => {
    expect(
      problems((d) => {
        d.routes[1].stages[2].deadlines[0].notifyOnMiss = [{ contact: "children-business-manager" }];
      }),
    ).toEqual([
      `routes[1].stages[2].deadlines[0].notifyOnMiss[0].contact: "children-business-manager" is a contact of population "children", but route "adults" serves population "adults": name one of its own contacts, or one under the policy's contacts`,
    ]);
    expect(
      problems((d) => {
        d.routes[0].stages[2].notify.onEntry[0].who = { contact: "business-manager" };
      }),
    ).toEqual([`routes[0].stages[2].notify.onEntry[0].who.contact: no contact with id "business-manager" (declare it under contacts)`]);
    // The policy's own contacts serve every population.
    expect(
      problems((d) => {
        d.routes[1].stages[2].deadlines[0].notifyOnMiss = [{ contact: "partnership-manager" }];
      }),
    ).toEqual([]);
  });

  it("keeps a population's covers within the policy's, and a route chosen by `about` within its population's", () => {
    expect(
      problems((d) => {
        d.covers = ["children"];
        d.routes[1].when = { areas: ["section-42"] };
      }),
    ).toEqual([`populations[1].covers[0]: this policy covers children, not adults (add it to covers)`]);
    expect(
      problems((d) => {
        d.routes[1].when = { about: ["child"] };
      }),
    ).toEqual([`routes[1].when.about[0]: route "adults" serves population "adults", which covers adults, not children`]);
  });

  it("says what is missing from a population in the shape", () => {
    expect(
      problems((d) => {
        delete d.populations[0].board;
      }),
    ).toEqual([expect.stringMatching(/^populations\[0\]\.board: /)]);
  });
});

describe("populations: whose contacts a route uses", () => {
  const policy = riverside();

  it("chooses the adults' route from the facts, and gives it the adults' population", () => {
    const route = chooseRoute(policy, { about: ["adult"], areas: [] })!;
    expect(route.id).toBe("adults");
    expect(populationOf(policy, route.id)?.board).toBe("Riverside Safeguarding Adults Board");
    expect(chooseRoute(policy, { about: ["child"], areas: [] })?.id).toBe("children");
  });

  it("finds a route's contacts: its population's, then the policy's", () => {
    expect(routeContacts(policy, "adults").map((c) => c.id)).toEqual(["adults-business-manager", "adults-chair", "partnership-manager"]);
    expect(routeContactOfLevel(policy, "adults", "board-business-manager")?.email).toBe("adults.board@riverside.example.org");
    expect(routeContactOfLevel(policy, "children", "board-business-manager")?.email).toBe("children.board@riverside.example.org");
    expect(routeContactOfLevel(policy, "children", "partnership-admin")?.id).toBe("partnership-manager");
    expect(findContact(policy, "adults-chair")?.label).toBe("Independent Chair of the Safeguarding Adults Board");
  });

  it("names a board role without a contact by the route's population's contact", () => {
    expect(describeParty({ level: "board-business-manager" }, policy, "adults")).toBe("Safeguarding Adults Board Business Manager");
    expect(describeParty({ level: "board-business-manager" }, policy, "children")).toBe("Children's Partnership Business Manager");
    expect(describeParty({ contact: "adults-chair" }, policy)).toBe("Independent Chair of the Safeguarding Adults Board");
  });

  it("gives each population its immediate-risk route and whom it covers", () => {
    expect(immediateRiskFor(policy, "adults").contacts.map((c) => c.kind)).toEqual(["police", "adult-social-care"]);
    expect(immediateRiskFor(policy, "children")).toBe(policy.immediateRisk);
    expect(coversFor(policy, "adults")).toEqual(["adults"]);
  });

  it("says who must act by a deadline in the population's words", () => {
    const [decision, report] = computeStageDeadlines({
      policy,
      routeId: "adults",
      stageKey: "stage-4",
      anchors: { raised: at("2026-05-21T10:00:00Z"), stageEntered: at("2026-06-19T16:00:00Z") },
      calendar: minimal().calendar,
    });
    expect(decision?.rule).toBe("Timescale to be set by Independent Chair of the Safeguarding Adults Board");
    expect(report?.party).toBe("Safeguarding Adults Board Business Manager");
  });

  it("prints the route's population and contacts in the CLI", () => {
    const result = run(["due", "riverside", "--route", "adults", "--stage", "3", "--raised", "2026-05-21T11:00", "--dir", "policies/examples"]);
    expect(result.code).toBe(0);
    expect(result.out[0]).toContain("(riverside@2026-1)");
    expect(result.out[1]).toBe(
      "Route: Escalation about an adult at risk, for adults at risk (Riverside Safeguarding Adults Board; register: Adults' escalation register)",
    );
    expect(result.out[2]).toBe(
      "Contacts: Safeguarding Adults Board Business Manager <adults.board@riverside.example.org>; Independent Chair of the Safeguarding Adults Board; Riverside Partnership Manager <partnership@riverside.example.org>",
    );
    const json = run(["due", "riverside", "--route", "children", "--stage", "3", "--raised", "2026-05-21T11:00", "--dir", "policies/examples", "--json"]);
    expect(JSON.parse(json.out.join("\n")).population).toMatchObject({ id: "children", board: "Riverside Safeguarding Children Partnership" });
  });
});

describe("populations: the register's choice", () => {
  const policy = riverside();
  const options = { stages: [], agencies: [], areas: [], ...registerPopulations(policy, [policy]) };

  it("offers each population's register, by title, with the routes that serve it", () => {
    expect(options.populations).toEqual([
      {
        id: "children",
        title: "Children and young people",
        board: "Riverside Safeguarding Children Partnership",
        registerTitle: "Children's escalation register",
        routeIds: ["children"],
      },
      {
        id: "adults",
        title: "Adults at risk",
        board: "Riverside Safeguarding Adults Board",
        registerTitle: "Adults' escalation register",
        routeIds: ["adults"],
      },
    ]);
    const { registerTitle: _r, ...noTitle } = policy.populations![1]!;
    expect(registerTitleOf(noTitle)).toBe("Riverside Safeguarding Adults Board register");
  });

  it("reads the choice from the address, keeps it when filters are cleared, and asks for its routes", () => {
    const filters = parseRegisterFilters({ population: "adults", status: "open" }, options);
    expect(filters).toEqual({ population: "adults", status: "open" });
    expect(registerHref("riverside", filters)).toBe("/p/riverside/register?population=adults&status=open");
    expect(isFiltered({ population: "adults" })).toBe(false);
    expect(registerChoice(filters)).toEqual({ population: "adults" });
    expect(registerListFilters(filters, "Europe/London", options.populations)).toEqual({ onRegister: true, routeIds: ["adults"], status: "open" });
    expect(parseRegisterFilters({ population: "elders" }, options)).toEqual({});
    expect(() => registerListFilters({ population: "adults" })).toThrow(/populations/);
  });
});

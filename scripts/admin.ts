/**
 * The administrator command line, for the first partnership administrator and
 * for when nobody can sign in:
 *
 *   npm run admin -- create-user --partnership ID --email EMAIL --name "NAME" --agency "AGENCY" --role ROLE [--role ROLE…] [--job-title "TITLE"]
 *   npm run admin -- password-link --email EMAIL
 *   npm run admin -- deactivate-user --email EMAIL
 *   npm run admin -- contacts --partnership ID
 *   npm run admin -- add-contact --partnership ID --agency "AGENCY" --email EMAIL [--duty "WHAT THEY DO"]
 *   npm run admin -- remove-contact --partnership ID --agency "AGENCY" --email EMAIL
 *
 * Runs on the database the app uses (DATABASE_URL, or the embedded one; stop the
 * app first when it is the embedded one). Mistakes in what was asked for print
 * one line and exit with 2.
 */
import { parseArgs } from "node:util";
import { ConfigError, parseConfig } from "../lib/config";
import { openDatabase, type Database } from "../lib/db/connect";
import { DatabaseUnavailableError } from "../lib/db/errors";
import { asSystem } from "../lib/db/scope";
import { NO_REQUEST } from "../lib/auth/audit";
import { createUser, issuePasswordLink, validateNewUser, validEmail } from "../lib/users/create";
import { deactivateUser } from "../lib/users/deactivate";
import { UserInputError } from "../lib/errors";
import { setPasswordPath } from "../lib/users/setup-tokens";
import { commandLineAddContact, commandLineContacts, commandLineRemoveContact, type AgencyContacts } from "../lib/agencies/contacts-admin";
import { CONTACTS_SOURCE_LABELS } from "../lib/agencies/contacts-explained";

const USAGE = [
  "Usage:",
  '  npm run admin -- create-user --partnership ID --email EMAIL --name "NAME" --agency "AGENCY NAME" --role ROLE [--role ROLE] [--job-title "TITLE"]',
  "  npm run admin -- password-link --email EMAIL",
  "  npm run admin -- deactivate-user --email EMAIL",
  "  npm run admin -- contacts --partnership ID                     (every agency's escalation contacts)",
  '  npm run admin -- add-contact --partnership ID --agency "AGENCY NAME" --email EMAIL [--duty "WHAT THEY DO"]',
  '  npm run admin -- remove-contact --partnership ID --agency "AGENCY NAME" --email EMAIL',
  "Roles: practitioner, manager, senior-manager, director, board-business-manager, board-chair, partnership-admin",
].join("\n");

let config: ReturnType<typeof parseConfig> | undefined;
const settings = () => (config ??= parseConfig());
const link = (token: string) => `${settings().publicUrl ?? `http://localhost:${settings().port}`}${setPasswordPath(token)}`;
const when = (date: Date) => date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command) {
    console.error(USAGE);
    return 2;
  }
  if (command === "--help" || command === "help") {
    console.log(USAGE);
    return 0;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      partnership: { type: "string" },
      email: { type: "string" },
      name: { type: "string" },
      agency: { type: "string" },
      role: { type: "string", multiple: true },
      duty: { type: "string" },
      "job-title": { type: "string" },
    },
    strict: true,
  });
  const need = (name: keyof typeof values): string => {
    const value = values[name];
    if (typeof value !== "string" || value.trim() === "") throw new UserInputError(`--${name} is required`);
    return value;
  };

  switch (command) {
    case "create-user": {
      const input = {
        partnershipId: need("partnership"),
        email: need("email"),
        name: need("name"),
        agency: need("agency"),
        roles: values.role ?? [],
        jobTitle: values["job-title"] ?? null,
      };
      validateNewUser(input); // before opening the database: a typo answers at once
      return withDatabase(async (db) => {
        const result = await createUser(db, input, NO_REQUEST);
        const roles = result.roles.map((r) => r.replaceAll("_", "-")).join(", ");
        console.log(
          `${result.created ? "Created" : "Added"} ${input.name.trim()} <${validEmail(input.email)}> ${result.created ? "in" : "to"} ` +
            `${result.partnershipName} (${result.agencyName}${result.jobTitle ? `, ${result.jobTitle}` : ""}) as ${roles}.`,
        );
        if (result.setup) {
          console.log(`A one-time link to choose a password (it works once, until ${when(result.setup.expiresAt)}):`);
          console.log(`  ${link(result.setup.token)}`);
          console.log(`Parley e-mails it to them as soon as the app's background worker runs (start the app if it is stopped).`);
        } else {
          console.log("They already have a password: they can sign in now.");
        }
        return 0;
      });
    }
    case "password-link": {
      const email = need("email");
      return withDatabase(async (db) => {
        const { token, expiresAt } = await issuePasswordLink(db, email, NO_REQUEST);
        console.log(`One-time link for ${validEmail(email)} to choose a new password (until ${when(expiresAt)}):`);
        console.log(`  ${link(token)}`);
        console.log(`Parley e-mails it to them as soon as the app's background worker runs (start the app if it is stopped).`);
        return 0;
      });
    }
    case "deactivate-user": {
      const email = validEmail(need("email"));
      if (!email) throw new UserInputError(`"${values.email}" is not an email address`);
      return withDatabase(async (db) => {
        // Installation-level: the administrator command line.
        const user = await asSystem(db, (tx) => tx.user.findUnique({ where: { email }, select: { id: true } }));
        if (!user) throw new UserInputError(`no user with email ${email}`);
        const result = await deactivateUser(db, user.id, NO_REQUEST);
        console.log(result.deactivated ? `Deactivated ${email}; ended ${result.sessionsEnded} open session(s).` : `${email} was already deactivated.`);
        return 0;
      });
    }
    case "contacts": {
      const partnershipId = need("partnership");
      return withDatabase(async (db) => {
        const { partnershipName, agencies } = await commandLineContacts(db, partnershipId);
        console.log(`Escalation contacts of ${partnershipName}:`);
        for (const agency of agencies) printContacts(agency);
        return 0;
      });
    }
    case "add-contact":
    case "remove-contact": {
      const request = { partnershipId: need("partnership"), agency: need("agency"), email: need("email"), duty: values.duty };
      if (command === "remove-contact" && values.duty !== undefined) throw new UserInputError("--duty is only for add-contact");
      return withDatabase(async (db) => {
        const after =
          command === "add-contact" ? await commandLineAddContact(db, request, NO_REQUEST) : await commandLineRemoveContact(db, request, NO_REQUEST);
        console.log(`${command === "add-contact" ? "Added" : "Removed"} ${request.email.trim().toLowerCase()} as a contact of ${after.name}.`);
        printContacts(after);
        return 0;
      });
    }
    default:
      throw new UserInputError(`unknown command "${command}" (create-user, password-link, deactivate-user, contacts, add-contact, remove-contact)`);
  }
}

function printContacts(agency: AgencyContacts): void {
  console.log(`\n${agency.name}`);
  console.log(`  Contacts: ${CONTACTS_SOURCE_LABELS[agency.source]}`);
  for (const c of agency.contacts) console.log(`    ${c.name} <${c.email}>${c.duty ? `, ${c.duty}` : ""}`);
  const idle = agency.named.filter((n) => !n.counts);
  for (const n of idle) console.log(`  Named but cannot take disputes now: ${n.name} <${n.email}>: ${n.note ?? ""}`);
}

async function withDatabase(run: (db: Database) => Promise<number>): Promise<number> {
  const db = await openDatabase(settings().database);
  try {
    return await run(db);
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UserInputError || (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))) {
      console.error(`admin: ${(error as Error).message}`);
      process.exit(2);
    }
    const known = error instanceof ConfigError || error instanceof DatabaseUnavailableError;
    console.error(known ? (error as Error).message : error);
    process.exit(1);
  },
);

/** Writes docs/permissions.md from the permission and route tables. */
import { writeFileSync } from "node:fs";
import { renderPermissionsDoc } from "../lib/auth/permissions-doc";

writeFileSync("docs/permissions.md", renderPermissionsDoc());
console.log("Wrote docs/permissions.md");

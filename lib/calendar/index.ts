export * from "./days";
export * from "./jurisdictions";
export * from "./holiday-data";
export * from "./working-calendar";
export * from "./time-zone";
export { formatPath, issueMessages, parseYaml, plainEnglishErrors, type FileErrors } from "./data-file";
export { displayPath } from "./display-path";

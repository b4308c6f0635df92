// VS Code settings -> the settings object the server reads.
//
// No `vscode` import here: this module runs under node's test runner.

import { isLevel, Level } from "./rules";

/**
 * What the server receives as `initializationOptions` and as the `settings`
 * of `workspace/didChangeConfiguration`:
 * `{ "rules": { "<code>": "off" | "<severity>" } }`.
 */
export interface ServerSettings {
  rules: Record<string, Level>;
}

/** One per-rule setting as VS Code's `WorkspaceConfiguration.inspect` reports it. */
export interface InspectedValue {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/** The value the user set explicitly, most specific scope first, if any. */
export function explicitValue(inspected: InspectedValue | undefined): unknown {
  if (!inspected) {
    return undefined;
  }
  for (const v of [inspected.workspaceFolderValue, inspected.workspaceValue, inspected.globalValue]) {
    if (v !== undefined && v !== null) {
      return v;
    }
  }
  return undefined;
}

/** Result of [`buildServerSettings`]. */
export interface BuiltSettings {
  settings: ServerSettings;
  /** Human-readable problems with the user's values (ignored values). */
  problems: string[];
}

/**
 * Builds the server settings from the per-rule settings.
 *
 * Only values the user set explicitly are sent, so a rule the user left alone
 * keeps whatever `resume-lsp.toml` (or the rule's default) says. Values that
 * are not a level are reported in `problems` and left out. Codes are sorted so
 * the object is stable.
 */
export function buildServerSettings(
  codes: readonly string[],
  inspect: (code: string) => InspectedValue | undefined,
): BuiltSettings {
  const rules: Record<string, Level> = {};
  const problems: string[] = [];
  for (const code of [...codes].sort()) {
    const value = explicitValue(inspect(code));
    if (value === undefined) {
      continue;
    }
    const normalised = typeof value === "string" ? value.trim().toLowerCase() : value;
    const level = normalised === "info" ? "information" : normalised;
    if (isLevel(level)) {
      rules[code] = level;
    } else {
      problems.push(
        `resumeLsp.rules.${code}.severity has an unknown value ${JSON.stringify(value)}; ` +
          "use off, hint, information, warning or error",
      );
    }
  }
  return { settings: { rules }, problems };
}

/** Whether two server settings objects differ. */
export function settingsEqual(a: ServerSettings, b: ServerSettings): boolean {
  const ka = Object.keys(a.rules).sort();
  const kb = Object.keys(b.rules).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a.rules[k] === b.rules[k]);
}

/** Sections a server may ask for with `workspace/configuration` that mean "our settings". */
export const OWN_SECTIONS: readonly string[] = ["resumeLsp", "resume-lsp", "resume_lsp"];

/**
 * Answers one `workspace/configuration` item: our settings for our section
 * (or no section), `undefined` for anything else (let the client answer).
 */
export function configurationItem(section: string | undefined, settings: ServerSettings): unknown {
  if (section === undefined || section === "") {
    return settings;
  }
  if (OWN_SECTIONS.includes(section)) {
    return settings;
  }
  for (const own of OWN_SECTIONS) {
    if (section === `${own}.rules`) {
      return settings.rules;
    }
  }
  return undefined;
}

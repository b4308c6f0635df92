// Rule list parsing and the per-rule severity settings generated from it.
//
// No `vscode` import here: this module runs under node's test runner and in
// scripts/gen-rule-settings.mjs.

/** Severity names the server understands, most to least severe. */
export const SEVERITIES = ["error", "warning", "information", "hint"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What a per-rule setting may hold: a severity, or `off` to disable the rule. */
export const LEVELS = ["off", "hint", "information", "warning", "error"] as const;
export type Level = (typeof LEVELS)[number];

/** Fix availability as printed by `resume-lsp rules --format json`. */
export const FIX_AVAILABILITIES = ["none", "sometimes", "always"] as const;
export type FixAvailability = (typeof FIX_AVAILABILITIES)[number];

/** One rule as printed by `resume-lsp rules --format json`. */
export interface RuleInfo {
  code: string;
  severity: Severity;
  category: string;
  fix: FixAvailability;
  summary: string;
}

/** Prefix of every per-rule setting key. */
export const RULE_SETTING_PREFIX = "resumeLsp.rules.";
/** Suffix of every per-rule setting key. */
export const RULE_SETTING_SUFFIX = ".severity";

const CODE_RE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The setting key of a rule, e.g. `resumeLsp.rules.weak-verb.severity`. */
export function ruleSettingKey(code: string): string {
  return `${RULE_SETTING_PREFIX}${code}${RULE_SETTING_SUFFIX}`;
}

/** The rule code of a per-rule setting key, or undefined for other keys. */
export function codeOfSettingKey(key: string): string | undefined {
  if (!key.startsWith(RULE_SETTING_PREFIX) || !key.endsWith(RULE_SETTING_SUFFIX)) {
    return undefined;
  }
  const code = key.slice(RULE_SETTING_PREFIX.length, key.length - RULE_SETTING_SUFFIX.length);
  return CODE_RE.test(code) ? code : undefined;
}

export function isLevel(value: unknown): value is Level {
  return typeof value === "string" && (LEVELS as readonly string[]).includes(value);
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === "string" && (SEVERITIES as readonly string[]).includes(value);
}

/**
 * Parses the output of `resume-lsp rules --format json`: an array of
 * `{code, severity, category, fix, summary}` objects. Throws an Error that
 * names the offending entry when the shape is wrong.
 */
export function parseRuleList(text: string): RuleInfo[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`rule list is not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data)) {
    throw new Error("rule list must be a JSON array of rule objects");
  }
  const seen = new Set<string>();
  return data.map((item: unknown, i: number): RuleInfo => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      throw new Error(`rule #${i} is not an object`);
    }
    const o = item as Record<string, unknown>;
    const where = typeof o.code === "string" ? `rule \`${o.code}\`` : `rule #${i}`;
    if (typeof o.code !== "string" || !CODE_RE.test(o.code)) {
      throw new Error(`${where}: \`code\` must be a kebab-case string`);
    }
    if (seen.has(o.code)) {
      throw new Error(`${where}: duplicate code`);
    }
    seen.add(o.code);
    if (!isSeverity(o.severity)) {
      throw new Error(`${where}: \`severity\` must be one of ${SEVERITIES.join(", ")}`);
    }
    if (typeof o.category !== "string" || o.category === "") {
      throw new Error(`${where}: \`category\` must be a non-empty string`);
    }
    if (typeof o.fix !== "string" || !(FIX_AVAILABILITIES as readonly string[]).includes(o.fix)) {
      throw new Error(`${where}: \`fix\` must be one of ${FIX_AVAILABILITIES.join(", ")}`);
    }
    if (typeof o.summary !== "string" || o.summary.trim() === "") {
      throw new Error(`${where}: \`summary\` must be a non-empty string`);
    }
    return {
      code: o.code,
      severity: o.severity,
      category: o.category,
      fix: o.fix as FixAvailability,
      summary: o.summary,
    };
  });
}

const LEVEL_DESCRIPTIONS: Record<Level, string> = {
  off: "Disable the rule",
  hint: "Report as a hint (no squiggle, dotted underline)",
  information: "Report as information",
  warning: "Report as a warning",
  error: "Report as an error",
};

function fixNote(fix: FixAvailability): string {
  switch (fix) {
    case "always":
      return " Offers a quick fix.";
    case "sometimes":
      return " Offers a quick fix for some findings.";
    default:
      return "";
  }
}

/** One generated setting of package.json's `contributes.configuration.properties`. */
export interface RuleSettingSchema {
  type: "string";
  enum: Level[];
  enumDescriptions: string[];
  default: Severity;
  markdownDescription: string;
  order: number;
}

/**
 * The per-rule severity settings for package.json, keyed by setting name, in
 * the order of the rule list (which is the registry's order).
 */
export function ruleSettingsProperties(rules: RuleInfo[], firstOrder = 100): Record<string, RuleSettingSchema> {
  const out: Record<string, RuleSettingSchema> = {};
  rules.forEach((rule, i) => {
    const summary = rule.summary.trim().replace(/\.$/, "");
    out[ruleSettingKey(rule.code)] = {
      type: "string",
      enum: [...LEVELS],
      enumDescriptions: LEVELS.map((l) => LEVEL_DESCRIPTIONS[l]),
      default: rule.severity,
      markdownDescription:
        `\`${rule.code}\` (${rule.category}): ${summary}.${fixNote(rule.fix)} ` +
        `Default: \`${rule.severity}\`. Run \`resume-lsp explain ${rule.code}\` for details.`,
      order: firstOrder + i,
    };
  });
  return out;
}

/**
 * Replaces the per-rule settings in a parsed package.json (in place) with the
 * ones generated from `rules`, keeping every other setting and its position.
 * Returns the same object.
 */
export function applyRuleSettings(pkg: Record<string, unknown>, rules: RuleInfo[]): Record<string, unknown> {
  const contributes = (pkg.contributes ?? {}) as Record<string, unknown>;
  const configuration = (contributes.configuration ?? {}) as Record<string, unknown>;
  const properties = (configuration.properties ?? {}) as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (codeOfSettingKey(key) === undefined) {
      kept[key] = value;
    }
  }
  configuration.properties = { ...kept, ...ruleSettingsProperties(rules) };
  contributes.configuration = configuration;
  pkg.contributes = contributes;
  return pkg;
}

/** The per-rule settings currently in a parsed package.json. */
export function ruleSettingsOf(pkg: Record<string, unknown>): Record<string, unknown> {
  const contributes = (pkg.contributes ?? {}) as Record<string, unknown>;
  const configuration = (contributes.configuration ?? {}) as Record<string, unknown>;
  const properties = (configuration.properties ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (codeOfSettingKey(key) !== undefined) {
      out[key] = value;
    }
  }
  return out;
}

/** Formats package.json the way npm does (two spaces, trailing newline). */
export function formatPackageJson(pkg: unknown): string {
  return JSON.stringify(pkg, null, 2) + "\n";
}

#!/usr/bin/env node
// Generates the per-rule severity settings of package.json
// (`resumeLsp.rules.<code>.severity`) and src/generated/rules.json from
// `resume-lsp rules --format json`.
//
// Usage (from editors/vscode):
//   node scripts/gen-rule-settings.mjs [--bin PATH | --json FILE] [--check]
//
// The rule list comes from --json FILE, or from running the server binary:
// --bin PATH, else $RESUME_LSP_BIN, else ../../target/debug/resume-lsp, else
// `resume-lsp` on PATH. With --check nothing is written; the exit status is 1
// when the checked-in files differ from what would be generated.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const extDir = resolve(here, "..");
const repoRoot = resolve(extDir, "..", "..");
const packageJsonPath = join(extDir, "package.json");
const rulesJsonPath = join(extDir, "src", "generated", "rules.json");

// Load src/rules.ts (TypeScript) through esbuild so the script and the
// extension share one implementation.
async function loadRulesModule() {
  const result = buildSync({
    entryPoints: [join(extDir, "src", "rules.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].text;
  return import("data:text/javascript;base64," + Buffer.from(code).toString("base64"));
}

function parseArgs(argv) {
  const args = { bin: undefined, json: undefined, check: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--check") args.check = true;
    else if (a === "--bin") args.bin = argv[++i];
    else if (a === "--json") args.json = argv[++i];
    else if (a === "-h" || a === "--help") {
      console.log("usage: gen-rule-settings.mjs [--bin PATH | --json FILE] [--check]");
      process.exit(0);
    } else {
      console.error(`error: unknown argument \`${a}\`; run with --help for usage`);
      process.exit(2);
    }
  }
  if (args.bin !== undefined && args.json !== undefined) {
    console.error("error: --bin and --json exclude each other; pass one");
    process.exit(2);
  }
  return args;
}

function serverBinary(args) {
  if (args.bin) return resolve(args.bin);
  if (process.env.RESUME_LSP_BIN) return resolve(repoRoot, process.env.RESUME_LSP_BIN);
  const built = join(repoRoot, "target", "debug", "resume-lsp");
  if (existsSync(built)) return built;
  return "resume-lsp";
}

function ruleListText(args) {
  if (args.json) return readFileSync(args.json, "utf8");
  const bin = serverBinary(args);
  try {
    return execFileSync(bin, ["rules", "--format", "json"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const detail = e.stderr ? String(e.stderr).trim() : e.message;
    console.error(`error: cannot run \`${bin} rules --format json\`: ${detail}`);
    console.error("build the server first (`cargo build -p resume-lsp`) or pass --bin PATH");
    process.exit(2);
  }
}

const args = parseArgs(process.argv.slice(2));
const rulesMod = await loadRulesModule();
let rules;
try {
  rules = rulesMod.parseRuleList(ruleListText(args));
} catch (e) {
  console.error(`error: ${e.message}`);
  process.exit(2);
}

const currentPackageText = readFileSync(packageJsonPath, "utf8");
const pkg = JSON.parse(currentPackageText);
const nextPackageText = rulesMod.formatPackageJson(rulesMod.applyRuleSettings(pkg, rules));
const nextRulesText = JSON.stringify(rules, null, 2) + "\n";
const currentRulesText = existsSync(rulesJsonPath) ? readFileSync(rulesJsonPath, "utf8") : "";

const stale = [];
if (nextPackageText !== currentPackageText) stale.push("package.json");
if (nextRulesText !== currentRulesText) stale.push("src/generated/rules.json");

if (args.check) {
  if (stale.length > 0) {
    console.error(`error: ${stale.join(" and ")} out of date; run \`npm run gen-rule-settings\` in editors/vscode`);
    process.exit(1);
  }
  console.log(`rule settings are fresh (${rules.length} rules)`);
} else {
  mkdirSync(dirname(rulesJsonPath), { recursive: true });
  writeFileSync(packageJsonPath, nextPackageText);
  writeFileSync(rulesJsonPath, nextRulesText);
  console.log(
    stale.length > 0
      ? `updated ${stale.join(" and ")} (${rules.length} rules)`
      : `rule settings already fresh (${rules.length} rules)`,
  );
}

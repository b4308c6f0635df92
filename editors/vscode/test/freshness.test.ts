// The per-rule settings checked into package.json must match the rule list
// checked into src/generated/rules.json, and (when RESUME_LSP_BIN names a
// built server) that list must match what the server prints.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";

import { applyRuleSettings, formatPackageJson, parseRuleList, ruleSettingsOf } from "../src/rules";

const extDir = path.resolve(__dirname, "..", "..");
const repoRoot = path.resolve(extDir, "..", "..");
const packageText = readFileSync(path.join(extDir, "package.json"), "utf8");
const rulesText = readFileSync(path.join(extDir, "src", "generated", "rules.json"), "utf8");
const HINT = "run `npm run gen-rule-settings` in editors/vscode";

test("package.json rule settings match src/generated/rules.json", () => {
  const rules = parseRuleList(rulesText);
  assert.ok(rules.length > 0, "the checked-in rule list is empty");
  const regenerated = applyRuleSettings(JSON.parse(packageText), rules);
  assert.deepEqual(ruleSettingsOf(JSON.parse(packageText)), ruleSettingsOf(regenerated), `stale settings; ${HINT}`);
  assert.equal(formatPackageJson(regenerated), packageText, `package.json is not in generated form; ${HINT}`);
});

test("src/generated/rules.json matches `resume-lsp rules --format json`", (t) => {
  const bin = process.env.RESUME_LSP_BIN;
  if (!bin) {
    t.skip("RESUME_LSP_BIN is not set");
    return;
  }
  const out = execFileSync(path.resolve(repoRoot, bin), ["rules", "--format", "json"], { encoding: "utf8" });
  assert.deepEqual(parseRuleList(out), parseRuleList(rulesText), `stale rule list; ${HINT}`);
});

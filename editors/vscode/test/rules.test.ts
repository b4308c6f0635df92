import assert from "node:assert/strict";
import { test } from "node:test";

import {
  applyRuleSettings,
  codeOfSettingKey,
  parseRuleList,
  ruleSettingKey,
  ruleSettingsOf,
  ruleSettingsProperties,
} from "../src/rules";

const SAMPLE = JSON.stringify([
  { code: "weak-verb", severity: "warning", category: "wording", fix: "always", summary: "a bullet built on a weak phrase" },
  { code: "unexpanded-acronym", severity: "information", category: "clarity", fix: "sometimes", summary: "an acronym used before it is spelled out." },
]);

test("parseRuleList reads the `rules --format json` shape", () => {
  const rules = parseRuleList(SAMPLE);
  assert.equal(rules.length, 2);
  assert.deepEqual(rules[0], {
    code: "weak-verb",
    severity: "warning",
    category: "wording",
    fix: "always",
    summary: "a bullet built on a weak phrase",
  });
  assert.equal(rules[1].severity, "information");
});

test("parseRuleList ignores extra keys but keeps the known ones", () => {
  const rules = parseRuleList(
    JSON.stringify([{ code: "a-b", severity: "hint", category: "format", fix: "none", summary: "s", docs: "x" }]),
  );
  assert.deepEqual(Object.keys(rules[0]).sort(), ["category", "code", "fix", "severity", "summary"]);
});

test("parseRuleList rejects malformed lists with a message naming the rule", () => {
  assert.throws(() => parseRuleList("not json"), /not valid JSON/);
  assert.throws(() => parseRuleList("{}"), /must be a JSON array/);
  assert.throws(() => parseRuleList("[1]"), /rule #0 is not an object/);
  assert.throws(
    () => parseRuleList(JSON.stringify([{ code: "Weak_Verb", severity: "warning", category: "c", fix: "none", summary: "s" }])),
    /kebab-case/,
  );
  assert.throws(
    () => parseRuleList(JSON.stringify([{ code: "weak-verb", severity: "fatal", category: "c", fix: "none", summary: "s" }])),
    /rule `weak-verb`: `severity`/,
  );
  assert.throws(
    () => parseRuleList(JSON.stringify([{ code: "weak-verb", severity: "warning", category: "c", fix: "maybe", summary: "s" }])),
    /`fix`/,
  );
  assert.throws(
    () => parseRuleList(JSON.stringify([{ code: "weak-verb", severity: "warning", category: "c", fix: "none", summary: " " }])),
    /`summary`/,
  );
  const dup = { code: "weak-verb", severity: "warning", category: "c", fix: "none", summary: "s" };
  assert.throws(() => parseRuleList(JSON.stringify([dup, dup])), /duplicate code/);
});

test("setting keys round-trip to rule codes", () => {
  assert.equal(ruleSettingKey("weak-verb"), "resumeLsp.rules.weak-verb.severity");
  assert.equal(codeOfSettingKey("resumeLsp.rules.weak-verb.severity"), "weak-verb");
  assert.equal(codeOfSettingKey("resumeLsp.server.path"), undefined);
  assert.equal(codeOfSettingKey("resumeLsp.rules..severity"), undefined);
});

test("generated settings carry the rule's default, levels and docs pointer", () => {
  const props = ruleSettingsProperties(parseRuleList(SAMPLE));
  assert.deepEqual(Object.keys(props), [
    "resumeLsp.rules.weak-verb.severity",
    "resumeLsp.rules.unexpanded-acronym.severity",
  ]);
  const weak = props["resumeLsp.rules.weak-verb.severity"];
  assert.equal(weak.default, "warning");
  assert.deepEqual(weak.enum, ["off", "hint", "information", "warning", "error"]);
  assert.equal(weak.enumDescriptions.length, weak.enum.length);
  assert.match(weak.markdownDescription, /a bullet built on a weak phrase\. Offers a quick fix\./);
  assert.match(weak.markdownDescription, /resume-lsp explain weak-verb/);
  const acronym = props["resumeLsp.rules.unexpanded-acronym.severity"];
  assert.equal(acronym.default, "information");
  // A trailing period in the summary is not doubled.
  assert.match(acronym.markdownDescription, /spelled out\. Offers a quick fix for some findings\./);
  assert.ok(acronym.order > weak.order);
});

test("applyRuleSettings replaces stale rule settings and keeps the others in place", () => {
  const pkg = {
    name: "x",
    contributes: {
      configuration: {
        title: "t",
        properties: {
          "resumeLsp.server.path": { type: "string" },
          "resumeLsp.rules.removed-rule.severity": { type: "string" },
          "resumeLsp.trace.server": { type: "string" },
        },
      },
    },
  };
  applyRuleSettings(pkg, parseRuleList(SAMPLE));
  const keys = Object.keys(pkg.contributes.configuration.properties);
  assert.deepEqual(keys, [
    "resumeLsp.server.path",
    "resumeLsp.trace.server",
    "resumeLsp.rules.weak-verb.severity",
    "resumeLsp.rules.unexpanded-acronym.severity",
  ]);
  assert.equal(pkg.contributes.configuration.title, "t");
  assert.deepEqual(Object.keys(ruleSettingsOf(pkg)), keys.slice(2));
});

import assert from "node:assert/strict";
import { test } from "node:test";

import { buildServerSettings, configurationItem, explicitValue, InspectedValue, settingsEqual } from "../src/settings";

function inspector(values: Record<string, InspectedValue>) {
  return (code: string) => values[code];
}

test("only explicitly set rules are sent, in the server's shape", () => {
  const built = buildServerSettings(
    ["weak-verb", "unquantified-bullet", "buzzword-stacking"],
    inspector({
      "weak-verb": { defaultValue: "warning", globalValue: "error" },
      "unquantified-bullet": { defaultValue: "warning" },
      "buzzword-stacking": { defaultValue: "warning", workspaceValue: "off" },
    }),
  );
  assert.deepEqual(built, { settings: { rules: { "buzzword-stacking": "off", "weak-verb": "error" } }, problems: [] });
});

test("nothing set gives an empty rules object", () => {
  const built = buildServerSettings(["weak-verb"], () => ({ defaultValue: "warning" }));
  assert.deepEqual(built.settings, { rules: {} });
});

test("the most specific scope wins", () => {
  assert.equal(explicitValue({ globalValue: "hint", workspaceValue: "warning", workspaceFolderValue: "off" }), "off");
  assert.equal(explicitValue({ globalValue: "hint", workspaceValue: "warning" }), "warning");
  assert.equal(explicitValue({ globalValue: "hint" }), "hint");
  assert.equal(explicitValue({ defaultValue: "hint" }), undefined);
  assert.equal(explicitValue(undefined), undefined);
});

test("values are normalised and bad values reported, not sent", () => {
  const built = buildServerSettings(
    ["a-rule", "b-rule", "c-rule"],
    inspector({
      "a-rule": { globalValue: " Warning " },
      "b-rule": { globalValue: "info" },
      "c-rule": { globalValue: "loud" },
    }),
  );
  assert.deepEqual(built.settings.rules, { "a-rule": "warning", "b-rule": "information" });
  assert.equal(built.problems.length, 1);
  assert.match(built.problems[0], /resumeLsp\.rules\.c-rule\.severity has an unknown value "loud"/);
});

test("settingsEqual compares rule maps", () => {
  assert.ok(settingsEqual({ rules: { a: "off", b: "hint" } }, { rules: { b: "hint", a: "off" } }));
  assert.ok(!settingsEqual({ rules: { a: "off" } }, { rules: { a: "hint" } }));
  assert.ok(!settingsEqual({ rules: { a: "off" } }, { rules: { a: "off", b: "off" } }));
});

test("workspace/configuration answers our sections only", () => {
  const s = { rules: { "weak-verb": "off" as const } };
  assert.deepEqual(configurationItem(undefined, s), s);
  assert.deepEqual(configurationItem("resume-lsp", s), s);
  assert.deepEqual(configurationItem("resumeLsp", s), s);
  assert.deepEqual(configurationItem("resumeLsp.rules", s), { "weak-verb": "off" });
  assert.equal(configurationItem("editor", s), undefined);
});

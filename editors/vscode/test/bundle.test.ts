// Loads the bundled extension (dist/extension.js, built by `npm run build`)
// against a stub of the `vscode` module: the bundle must load, register the
// commands package.json declares, and tell the user how to install the
// server when it is missing.

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Module = require("node:module");

const extDir = path.resolve(__dirname, "..", "..");
const bundle = path.join(extDir, "dist", "extension.js");

interface Recorded {
  commands: string[];
  errors: string[];
  providers: string[];
}

function stubVscode(rec: Recorded, settings: Record<string, unknown>) {
  class CodeActionKind {
    constructor(public value: string) {}
    static SourceFixAll = new CodeActionKind("source.fixAll");
    append(part: string) {
      return new CodeActionKind(`${this.value}.${part}`);
    }
    contains(other: CodeActionKind) {
      return other.value === this.value || other.value.startsWith(this.value + ".");
    }
  }
  const disposable = { dispose() {} };
  const channel = { appendLine() {}, append() {}, show() {}, dispose() {}, name: "resume-lsp" };
  const api: Record<string, unknown> = {
    CodeActionKind,
    window: {
      createOutputChannel: () => channel,
      showErrorMessage: (message: string) => {
        rec.errors.push(message);
        return Promise.resolve(undefined);
      },
      showWarningMessage: () => Promise.resolve(undefined),
      showInformationMessage: () => Promise.resolve(undefined),
    },
    commands: {
      registerCommand: (name: string) => {
        rec.commands.push(name);
        return disposable;
      },
      executeCommand: () => Promise.resolve(undefined),
    },
    workspace: {
      workspaceFolders: undefined,
      getConfiguration: () => ({
        get: (key: string) => settings[key],
        inspect: () => undefined,
      }),
      registerTextDocumentContentProvider: (scheme: string) => {
        rec.providers.push(scheme);
        return disposable;
      },
      onDidChangeConfiguration: () => disposable,
      createFileSystemWatcher: () => ({ ...disposable, onDidChange: () => disposable }),
    },
  };
  // vscode-languageclient subclasses and reads many more API members when
  // it loads; any other capitalised member is an empty class, anything
  // else an empty object.
  return new Proxy(api, {
    get(target, prop) {
      if (typeof prop === "string" && !(prop in target)) {
        target[prop] = /^[A-Z]/.test(prop) ? class {} : {};
      }
      return target[prop as string];
    },
  });
}

test("the bundle activates, registers its commands and reports a missing server", async () => {
  assert.ok(existsSync(bundle), "dist/extension.js is missing; run `npm run build` first");
  const rec: Recorded = { commands: [], errors: [], providers: [] };
  const vscodeStub = stubVscode(rec, { "server.path": "/nonexistent/dir/resume-lsp" });
  const originalLoad = Module._load;
  Module._load = function (request: string, ...rest: unknown[]) {
    if (request === "vscode") {
      return vscodeStub;
    }
    return originalLoad.call(this, request, ...rest);
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ext = require(bundle);
    assert.equal(typeof ext.activate, "function");
    assert.equal(typeof ext.deactivate, "function");
    const context = { subscriptions: [] as unknown[] };
    await ext.activate(context);
    const pkg = JSON.parse(readFileSync(path.join(extDir, "package.json"), "utf8"));
    const declared = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual([...rec.commands].sort(), declared);
    assert.deepEqual(rec.providers, ["resume-lsp-rule"]);
    assert.equal(rec.errors.length, 1, "expected one error message about the missing server");
    assert.match(rec.errors[0], /resume-lsp server not found at \/nonexistent\/dir\/resume-lsp/);
    assert.match(rec.errors[0], /cargo install --path server\/lsp/);
    assert.ok(context.subscriptions.length >= 5);
    await ext.deactivate();
  } finally {
    Module._load = originalLoad;
  }
});

test("package.json activates on LaTeX and Markdown and points at the bundle", () => {
  const pkg = JSON.parse(readFileSync(path.join(extDir, "package.json"), "utf8"));
  assert.deepEqual(pkg.activationEvents, ["onLanguage:latex", "onLanguage:tex", "onLanguage:markdown"]);
  assert.equal(pkg.main, "./dist/extension.js");
  const props = pkg.contributes.configuration.properties;
  assert.equal(props["resumeLsp.server.path"].default, "resume-lsp");
  assert.deepEqual(props["resumeLsp.trace.server"].enum, ["off", "messages", "verbose"]);
});

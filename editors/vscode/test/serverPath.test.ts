import assert from "node:assert/strict";
import { test } from "node:test";

import { INSTALL_HINT, resolveServerPath, ResolveInput, searchPath } from "../src/serverPath";

function input(files: string[], over: Partial<ResolveInput> = {}): ResolveInput {
  const set = new Set(files);
  return {
    configured: "resume-lsp",
    envPath: "/usr/local/bin:/usr/bin",
    home: "/home/u",
    platform: "linux",
    workspaceFolders: ["/ws"],
    isExecutable: (f) => set.has(f),
    ...over,
  };
}

test("the default name is found on PATH, first directory first", () => {
  const r = resolveServerPath(input(["/usr/bin/resume-lsp", "/usr/local/bin/resume-lsp"]));
  assert.deepEqual(r, { ok: true, command: "/usr/local/bin/resume-lsp", source: "path" });
});

test("an empty setting means the default name", () => {
  const r = resolveServerPath(input(["/usr/bin/resume-lsp"], { configured: "  " }));
  assert.deepEqual(r, { ok: true, command: "/usr/bin/resume-lsp", source: "path" });
});

test("the default falls back to ~/.cargo/bin", () => {
  const r = resolveServerPath(input(["/home/u/.cargo/bin/resume-lsp"]));
  assert.deepEqual(r, { ok: true, command: "/home/u/.cargo/bin/resume-lsp", source: "cargo" });
});

test("a missing server gives a message that says how to install it", () => {
  const r = resolveServerPath(input([]));
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.match(r.message, /^resume-lsp server not found: `resume-lsp` was not found on PATH; /);
    assert.ok(r.message.includes("cargo install --path server/lsp"));
    assert.ok(r.message.includes("resumeLsp.server.path"));
    assert.ok(r.message.endsWith(INSTALL_HINT));
  }
});

test("another bare name is looked up on PATH only", () => {
  assert.deepEqual(resolveServerPath(input(["/usr/bin/rlsp"], { configured: "rlsp" })), {
    ok: true,
    command: "/usr/bin/rlsp",
    source: "path",
  });
  const r = resolveServerPath(input(["/home/u/.cargo/bin/rlsp"], { configured: "rlsp" }));
  assert.equal(r.ok, false);
});

test("~, ${workspaceFolder}, relative and absolute settings", () => {
  assert.deepEqual(resolveServerPath(input(["/home/u/bin/resume-lsp"], { configured: "~/bin/resume-lsp" })), {
    ok: true,
    command: "/home/u/bin/resume-lsp",
    source: "setting",
  });
  assert.deepEqual(
    resolveServerPath(
      input(["/ws2/target/debug/resume-lsp"], {
        configured: "${workspaceFolder}/target/debug/resume-lsp",
        workspaceFolders: ["/ws1", "/ws2"],
      }),
    ),
    { ok: true, command: "/ws2/target/debug/resume-lsp", source: "setting" },
  );
  assert.deepEqual(resolveServerPath(input(["/ws/target/debug/resume-lsp"], { configured: "target/debug/resume-lsp" })), {
    ok: true,
    command: "/ws/target/debug/resume-lsp",
    source: "setting",
  });
  assert.deepEqual(resolveServerPath(input(["/opt/resume-lsp"], { configured: "/opt/resume-lsp" })), {
    ok: true,
    command: "/opt/resume-lsp",
    source: "setting",
  });
  const r = resolveServerPath(input(["/usr/bin/resume-lsp"], { configured: "/opt/resume-lsp" }));
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.match(r.message, /not found at \/opt\/resume-lsp \(from `resumeLsp.server.path`\)/);
  }
});

test("Windows: PATHEXT and ; separators", () => {
  const set = new Set(["C:\\tools\\resume-lsp.exe"]);
  const found = searchPath("resume-lsp", "C:\\bin;C:\\tools", "win32", (f) => set.has(f), ".COM;.EXE");
  assert.equal(found, "C:\\tools\\resume-lsp.exe");
});

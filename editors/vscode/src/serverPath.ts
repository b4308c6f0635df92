// Finding the `resume-lsp` executable.
//
// No `vscode` import here: this module runs under node's test runner. The
// file system is reached only through the `isExecutable` callback.

import * as path from "path";

/** The default value of `resumeLsp.server.path`. */
export const DEFAULT_SERVER_NAME = "resume-lsp";

/** How to install the server, shown whenever it cannot be found. */
export const INSTALL_HINT =
  "install it with `cargo install --path server/lsp` from a checkout of the resume-lsp repository, " +
  "or put the `resume-lsp` binary on PATH, or set `resumeLsp.server.path` to its full path";

export interface ResolveInput {
  /** The `resumeLsp.server.path` setting (may be empty). */
  configured: string | undefined;
  /** The PATH environment variable. */
  envPath: string | undefined;
  /** PATHEXT on Windows. */
  envPathExt?: string;
  /** The user's home directory. */
  home: string | undefined;
  /** `process.platform`. */
  platform: NodeJS.Platform;
  /** Workspace folder paths, first one is the default for relative paths. */
  workspaceFolders: readonly string[];
  /** Whether a path is an executable file. */
  isExecutable: (file: string) => boolean;
}

export type ResolveResult =
  | { ok: true; command: string; source: "setting" | "path" | "cargo" }
  | { ok: false; message: string };

function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === "win32" ? path.win32 : path.posix;
}

function expandHome(p: string, home: string | undefined, platform: NodeJS.Platform): string {
  if (home && (p === "~" || p.startsWith("~/") || (platform === "win32" && p.startsWith("~\\")))) {
    return pathApi(platform).join(home, p.slice(1));
  }
  return p;
}

function executableNames(name: string, platform: NodeJS.Platform, pathExt: string | undefined): string[] {
  if (platform !== "win32" || path.win32.extname(name) !== "") {
    return [name];
  }
  const exts = (pathExt ?? ".EXE;.CMD;.BAT").split(";").filter((e) => e !== "");
  return [name, ...exts.map((e) => name + e.toLowerCase())];
}

/** Searches PATH for an executable called `name`. */
export function searchPath(
  name: string,
  envPath: string | undefined,
  platform: NodeJS.Platform,
  isExecutable: (file: string) => boolean,
  pathExt?: string,
): string | undefined {
  const api = pathApi(platform);
  const sep = platform === "win32" ? ";" : ":";
  for (const dir of (envPath ?? "").split(sep)) {
    if (dir === "") {
      continue;
    }
    for (const candidate of executableNames(name, platform, pathExt)) {
      const full = api.join(dir, candidate);
      if (isExecutable(full)) {
        return full;
      }
    }
  }
  return undefined;
}

/**
 * Resolves `resumeLsp.server.path` to an executable.
 *
 * - empty or `resume-lsp`: PATH, then `~/.cargo/bin` (where `cargo install`
 *   puts it; editors started from a desktop often lack it on PATH);
 * - another bare name: PATH;
 * - `~/...`: the home directory;
 * - `${workspaceFolder}/...` or a relative path with a separator: the first
 *   workspace folder that has it;
 * - an absolute path: itself.
 */
export function resolveServerPath(input: ResolveInput): ResolveResult {
  const { platform, isExecutable } = input;
  const api = pathApi(platform);
  const configured = (input.configured ?? "").trim();
  const name = configured === "" ? DEFAULT_SERVER_NAME : configured;
  const hasSeparator = name.includes("/") || (platform === "win32" && name.includes("\\"));

  if (!hasSeparator && name !== "~") {
    const found = searchPath(name, input.envPath, platform, isExecutable, input.envPathExt);
    if (found) {
      return { ok: true, command: found, source: "path" };
    }
    if (name === DEFAULT_SERVER_NAME && input.home) {
      for (const candidate of executableNames(name, platform, input.envPathExt)) {
        const cargoBin = api.join(input.home, ".cargo", "bin", candidate);
        if (isExecutable(cargoBin)) {
          return { ok: true, command: cargoBin, source: "cargo" };
        }
      }
    }
    const what = configured === "" ? "`resume-lsp` was not found on PATH" : `\`${name}\` was not found on PATH`;
    return { ok: false, message: `resume-lsp server not found: ${what}; ${INSTALL_HINT}` };
  }

  let candidates: string[];
  const expanded = expandHome(name, input.home, platform);
  if (expanded.includes("${workspaceFolder}")) {
    candidates = input.workspaceFolders.map((f) => expanded.split("${workspaceFolder}").join(f));
  } else if (api.isAbsolute(expanded)) {
    candidates = [expanded];
  } else {
    candidates = input.workspaceFolders.map((f) => api.resolve(f, expanded));
  }
  for (const candidate of candidates) {
    for (const file of executableNames(candidate, platform, input.envPathExt)) {
      if (isExecutable(file)) {
        return { ok: true, command: file, source: "setting" };
      }
    }
  }
  const shown = candidates.length > 0 ? candidates.join(", ") : name;
  return {
    ok: false,
    message: `resume-lsp server not found at ${shown} (from \`resumeLsp.server.path\`); ${INSTALL_HINT}`,
  };
}

// VS Code client for resume-lsp.

import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

import bundledRules from "./generated/rules.json";
import { parseRuleList, RuleInfo, ruleSettingKey } from "./rules";
import { resolveServerPath } from "./serverPath";
import { buildServerSettings, configurationItem, ServerSettings, settingsEqual } from "./settings";

const CLIENT_ID = "resumeLsp";
const CLIENT_NAME = "resume-lsp";
const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append("resume-lsp");
const RULE_DOC_SCHEME = "resume-lsp-rule";
const LANGUAGES = ["latex", "tex", "markdown"];

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
let lastSent: ServerSettings | undefined;

function isExecutable(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) {
      return false;
    }
    if (process.platform === "win32") {
      return true;
    }
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function workspaceFolderPaths(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === "file").map((f) => f.uri.fsPath);
}

/** The server executable, or undefined after telling the user how to install it. */
function serverCommand(): string | undefined {
  const configured = vscode.workspace.getConfiguration("resumeLsp").get<string>("server.path");
  const resolved = resolveServerPath({
    configured,
    envPath: process.env.PATH,
    envPathExt: process.env.PATHEXT,
    home: os.homedir(),
    platform: process.platform,
    workspaceFolders: workspaceFolderPaths(),
    isExecutable,
  });
  if (resolved.ok) {
    return resolved.command;
  }
  output?.appendLine(resolved.message);
  void vscode.window.showErrorMessage(resolved.message, "Open Settings").then((choice) => {
    if (choice === "Open Settings") {
      void vscode.commands.executeCommand("workbench.action.openSettings", "resumeLsp.server.path");
    }
  });
  return undefined;
}

function knownCodes(): string[] {
  return (bundledRules as RuleInfo[]).map((r) => r.code);
}

/** The settings object for the server, built from `resumeLsp.rules.*`. */
function currentSettings(report: boolean): ServerSettings {
  const config = vscode.workspace.getConfiguration();
  const built = buildServerSettings(knownCodes(), (code) => config.inspect(ruleSettingKey(code)));
  if (report) {
    for (const problem of built.problems) {
      output?.appendLine(problem);
      void vscode.window.showWarningMessage(problem);
    }
  }
  return built.settings;
}

function pushSettings(): void {
  if (!client || !client.isRunning()) {
    return;
  }
  const settings = currentSettings(true);
  if (lastSent && settingsEqual(lastSent, settings)) {
    return;
  }
  lastSent = settings;
  void client.sendNotification(DidChangeConfigurationNotification.type, { settings });
}

function createClient(command: string): LanguageClient {
  const serverOptions: ServerOptions = {
    run: { command, args: ["serve"], transport: TransportKind.stdio },
    debug: { command, args: ["serve"], transport: TransportKind.stdio },
  };
  const documentSelector = LANGUAGES.flatMap((language) => [
    { scheme: "file", language },
    { scheme: "untitled", language },
  ]);
  const initial = currentSettings(true);
  lastSent = initial;
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    initializationOptions: initial,
    outputChannel: output,
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/resume-lsp.toml"),
    },
    middleware: {
      workspace: {
        // Answer `workspace/configuration` for our section with the same
        // shape as initializationOptions.
        configuration: async (params, token, next) => {
          const settings = currentSettings(false);
          const fallback = await next(params, token);
          if (!Array.isArray(fallback)) {
            return fallback;
          }
          return params.items.map((item, i) => configurationItem(item.section, settings) ?? fallback[i]);
        },
        // The built-in notification would send VS Code's raw sections; ours
        // (pushSettings) sends the server's shape instead.
        didChangeConfiguration: async () => {
          pushSettings();
        },
      },
    },
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}

async function startClient(): Promise<void> {
  const command = serverCommand();
  if (!command) {
    return;
  }
  output?.appendLine(`starting ${command} serve`);
  client = createClient(command);
  try {
    await client.start();
  } catch (e) {
    const message = `resume-lsp failed to start (${command} serve): ${(e as Error).message}; check the resume-lsp output channel`;
    output?.appendLine(message);
    void vscode.window.showErrorMessage(message);
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  lastSent = undefined;
  if (c) {
    try {
      await c.stop();
    } catch (e) {
      output?.appendLine(`stopping the server failed: ${(e as Error).message}`);
    }
  }
}

async function restartServer(): Promise<void> {
  await stopClient();
  await startClient();
}

async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage("resume-lsp: open a resume file first");
    return;
  }
  const document = editor.document;
  const fullRange = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      "vscode.executeCodeActionProvider",
      document.uri,
      fullRange,
      FIX_ALL_KIND.value,
      // Resolve lazily computed edits of the first few actions.
      10,
    )) ?? [];
  const fixAllActions = actions.filter(
    (a): a is vscode.CodeAction => "kind" in a && a.kind !== undefined && FIX_ALL_KIND.contains(a.kind),
  );
  if (fixAllActions.length === 0) {
    void vscode.window.showInformationMessage("resume-lsp: nothing to fix in this file");
    return;
  }
  const action = fixAllActions[0];
  if (action.edit) {
    await vscode.workspace.applyEdit(action.edit);
  }
  if (action.command) {
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
}

function runServer(args: string[]): Promise<string> {
  const command = serverCommand();
  if (!command) {
    return Promise.reject(new Error("resume-lsp server not found"));
  }
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 4 * 1024 * 1024, timeout: 10000 }, (error, stdout, stderr) => {
      if (error && stdout.trim() === "") {
        reject(new Error(stderr.trim() || error.message));
      } else {
        resolve(stdout);
      }
    });
  });
}

async function ruleList(): Promise<RuleInfo[]> {
  try {
    return parseRuleList(await runServer(["rules", "--format", "json"]));
  } catch (e) {
    output?.appendLine(`using the bundled rule list: ${(e as Error).message}`);
    return bundledRules as RuleInfo[];
  }
}

class RuleDocProvider implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const code = uri.path.replace(/^\//, "").replace(/\.md$/, "");
    try {
      return await runServer(["explain", code]);
    } catch (e) {
      return `# ${code}\n\nThe documentation could not be loaded: ${(e as Error).message}\n`;
    }
  }
}

async function showRuleDocumentation(): Promise<void> {
  const rules = await ruleList();
  const picked = await vscode.window.showQuickPick(
    rules.map((r) => ({ label: r.code, description: `${r.severity} · ${r.category}`, detail: r.summary })),
    { placeHolder: "Rule to explain", matchOnDescription: true, matchOnDetail: true },
  );
  if (!picked) {
    return;
  }
  const uri = vscode.Uri.from({ scheme: RULE_DOC_SCHEME, path: `/${picked.label}.md` });
  try {
    await vscode.commands.executeCommand("markdown.showPreview", uri);
  } catch {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true });
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel(CLIENT_NAME);
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("resumeLsp.restartServer", restartServer),
    vscode.commands.registerCommand("resumeLsp.fixAll", fixAll),
    vscode.commands.registerCommand("resumeLsp.showRuleDocumentation", showRuleDocumentation),
    vscode.workspace.registerTextDocumentContentProvider(RULE_DOC_SCHEME, new RuleDocProvider()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("resumeLsp.server.path")) {
        void restartServer();
      } else if (event.affectsConfiguration("resumeLsp.rules")) {
        pushSettings();
      }
    }),
  );
  await startClient();
}

export async function deactivate(): Promise<void> {
  await stopClient();
}

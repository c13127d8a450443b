// The VS Code client of the repository's language server. It bundles no
// binary: it runs `cargo xtask lsp` (or the command set in
// `sc3.server.command`) in the workspace folder, so the server is always
// the one of the checked-out revision.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function serverOptions(folder) {
  const command = vscode.workspace
    .getConfiguration("sc3", folder.uri)
    .get("server.command", ["cargo", "xtask", "lsp"]);
  return {
    command: command[0],
    args: command.slice(1),
    transport: TransportKind.stdio,
    options: { cwd: folder.uri.fsPath },
  };
}

async function start() {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (!folder) {
    return;
  }
  const pattern = (glob) => new vscode.RelativePattern(folder, glob);
  client = new LanguageClient(
    "sc3",
    "SC3 業界ガイドライン",
    serverOptions(folder),
    {
      // Content files only: catalogs, crosswalks, glossaries, industry
      // profiles, prh dictionaries, the handbook's Markdown and templates.
      documentSelector: [
        { scheme: "file", pattern: pattern("{guidelines,mappings}/**/*.toml") },
        { scheme: "file", pattern: pattern("guidelines/glossary/*.{yml,yaml}") },
        { scheme: "file", pattern: pattern("book/**/*.{md,hbs}") },
      ],
      workspaceFolder: folder,
    }
  );
  await client.start();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("sc3.restartServer", async () => {
      if (client) {
        await client.stop();
      }
      await start();
    })
  );
  await start();
}

async function deactivate() {
  if (client) {
    await client.stop();
  }
}

module.exports = { activate, deactivate };

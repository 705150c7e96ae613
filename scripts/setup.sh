#!/usr/bin/env bash
# Sets up a Debian/Ubuntu machine to build, run and test chidao: the Go
# toolchain check, the system packages Fyne and the tests need (installed with
# apt-get only when missing), and the Go modules. Safe to run again: it does
# nothing that is already done.
#
#   scripts/setup.sh              what make build, run and test need
#   scripts/setup.sh package      the same, plus xz for make package's tar.xz
#   scripts/setup.sh windows      the MinGW-w64 cross compiler for make windows
#                                 (none of the X11 packages: a Windows build
#                                 does not use them)
#   scripts/setup.sh wine         Wine, to run the Windows build's tests
#                                 (make test-windows); about 105 MB to download
#
#   scripts/setup.sh office       LibreOffice Writer (no GUI), for the test that
#                                 converts a report's DOCX to PDF (make test-docx)
#
# Targets combine: scripts/setup.sh windows wine.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

# 1. Go. go.mod asks for 1.26; any Go >= 1.21 fetches that toolchain itself.
if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
  export PATH="/usr/local/go/bin:$PATH"
fi
command -v go >/dev/null 2>&1 || die "Go is not installed. Install Go 1.26 or newer (https://go.dev/dl/), put it on PATH, then run make again."

# 2. System packages, by target.
#    native:  Fyne needs X11 and OpenGL headers (cgo); tests use Xvfb.
#    package: fyne package makes a tar.xz with tar -J, which runs xz.
#    windows: the MinGW-w64 C compiler for cgo (Fyne's GLFW, MuPDF through
#             go-fitz) when GOOS=windows.
#    wine:    runs the Windows build on this machine for its tests (the wine
#             package gives the wine command; wine64 runs 64-bit programs).
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(native)
pkgs=()
what=()
for t in "${targets[@]}"; do
  case "$t" in
    native)  pkgs+=(gcc pkg-config xorg-dev libgl1-mesa-dev xvfb); what+=("X11 and OpenGL development files, a C compiler, Xvfb") ;;
    package) pkgs+=(gcc pkg-config xorg-dev libgl1-mesa-dev xvfb xz-utils); what+=("X11 and OpenGL development files, a C compiler, Xvfb, xz") ;;
    windows) pkgs+=(gcc-mingw-w64-x86-64); what+=("the MinGW-w64 cross compiler for 64-bit Windows (x86_64-w64-mingw32-gcc)") ;;
    wine)    pkgs+=(wine wine64); what+=("Wine, with 64-bit support") ;;
    office)  pkgs+=(libreoffice-writer-nogui fonts-liberation2); what+=("LibreOffice Writer without its GUI and the Liberation fonts (metric twins of Times New Roman), to turn the reports' DOCX into PDF") ;;
    *) die "unknown target \"$t\": use native, package, windows, wine or office." ;;
  esac
done

need=()
for p in "${pkgs[@]}"; do
  case " ${need[*]-} " in *" $p "*) continue ;; esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    ifs="$IFS"; IFS=';'; list="${what[*]}"; IFS="$ifs"
    die "missing system packages: ${need[*]}. This is not a Debian/Ubuntu system: install the equivalents of these (${list//;/; }) and run make again."
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

# chidao — the two commands of the README are `make run` and `make test`.
GO      ?= go
BIN     ?= bin/chidao
export PATH := $(PATH):/usr/local/go/bin
export CGO_ENABLED := 1

.PHONY: all setup build run test vet bench clean windows test-windows package test-docx

all: build

setup:
	@./scripts/setup.sh

build: setup
	$(GO) build -o $(BIN) .

# Opens the window on the default library (seeded with the sample plan).
run: build
	./$(BIN)

vet:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

test: setup vet
	$(GO) test -count=1 -timeout 20m ./...

# Import speed on the corpus, median of 5 runs, beside pdftotext.
bench: build
	./$(BIN) bench import testdata/corpus --repeat 5
	$(GO) test -run '^$$' -bench . -benchtime 3x ./app/

clean:
	rm -rf bin dist

# --- Shipping: Windows build and Linux package (README: Building for Windows
# and packaging). Both build in a temporary copy of the source tree (the files
# git tracks or would track, as they are now), so that the tools may write
# into it: the tree is left as it was.

VERSION := $(shell sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
BUILDNO := $(shell sed -n 's/^ *Build *= *\([0-9]*\).*/\1/p' FyneApp.toml)
TOOLS   := bin/tools
FYNE    := $(TOOLS)/fyne
WINRES  := $(TOOLS)/go-winres

# Helper programs, installed into bin/tools at the versions named here.
$(FYNE):
	GOBIN=$(CURDIR)/$(TOOLS) $(GO) install fyne.io/tools/cmd/fyne@v1.7.4
$(WINRES):
	GOBIN=$(CURDIR)/$(TOOLS) $(GO) install github.com/tc-hib/go-winres@v0.3.3

# STAGE copies the tree into a new temporary folder $$stage, removed on exit.
# Files deleted but not yet committed are skipped.
STAGE = stage=$$(mktemp -d) && trap 'rm -rf "$$stage"' EXIT && \
	{ if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	    git ls-files -z --cached --others --exclude-standard | \
	      tar --null -T - --ignore-failed-read --warning=no-failed-read -cf -; \
	  else tar --exclude=./.git --exclude=./bin --exclude=./dist -cf - .; fi; } | tar -xf - -C "$$stage"

# Windows, 64-bit, cross-compiled with MinGW-w64 (scripts/setup.sh windows
# installs it). Two programs, one source:
#   bin/chidao.exe      the GUI (-H windowsgui: no console window on a double
#                       click); with a sub-command it attaches to the console of
#                       the shell that started it (internal/winconsole)
#   bin/chidao-cli.exe  the same program as a console program, for scripts: the
#                       shell waits for it and gets its exit status
# Icon, version and manifest come from a .syso made by go-winres.
# go-fitz's MuPDF for windows/amd64 was built by a newer MinGW-w64 (UCRT
# headers) than Debian's (10): its setjmp calls __intrinsic_setjmpex, which
# msvcrt.dll offers as _setjmpex (same arguments: jmp_buf, frame), and its
# _FORTIFY_SOURCE checks (__memcpy_chk, __chk_fail) are in libssp here. libssp
# is linked statically: -lssp alone links libssp-0.dll, which Windows lacks,
# and chidao.exe would not start. Given to the external linker only (not
# CGO_LDFLAGS), so that no cgo package is recompiled for them.
WIN_ENV    := CC=x86_64-w64-mingw32-gcc CGO_ENABLED=1 GOOS=windows GOARCH=amd64
WIN_EXTLD  := -Wl,--defsym,__intrinsic_setjmpex=_setjmpex -l:libssp.a
WIN_FLAGS  := -trimpath
WIN_RES     = --arch amd64 --out rsrc --icon assets/icon.png \
	--product-name chidao --product-version $(VERSION).$(BUILDNO) --file-version $(VERSION).$(BUILDNO) \
	--copyright "chidao authors, AGPL-3.0"

windows:
	@./scripts/setup.sh windows
	@$(MAKE) -s --no-print-directory $(WINRES)
	@mkdir -p bin
	@$(STAGE) && cd "$$stage" && \
	  echo "windows: bin/chidao.exe (GUI)" && \
	  $(CURDIR)/$(WINRES) simply $(WIN_RES) --manifest gui --original-filename chidao.exe \
	    --file-description "chidao — theo dõi văn bản chỉ đạo" && \
	  $(WIN_ENV) $(GO) build $(WIN_FLAGS) -ldflags "-s -w -H windowsgui '-extldflags=$(WIN_EXTLD)'" \
	    -o $(CURDIR)/bin/chidao.exe . && \
	  echo "windows: bin/chidao-cli.exe (console)" && \
	  $(CURDIR)/$(WINRES) simply $(WIN_RES) --manifest cli --original-filename chidao-cli.exe \
	    --file-description "chidao — dòng lệnh" && \
	  $(WIN_ENV) $(GO) build $(WIN_FLAGS) -ldflags "-s -w '-extldflags=$(WIN_EXTLD)'" \
	    -o $(CURDIR)/bin/chidao-cli.exe .
	@ls -l bin/chidao.exe bin/chidao-cli.exe

# The Windows programs' sub-commands under Wine (cli/wine_test.go): import,
# search, tasks, report. scripts/setup.sh wine installs Wine (~105 MB).
# The DOCX reports converted to PDF by LibreOffice and read back (skipped in
# make test when LibreOffice is absent, as in CI: it is a 300 MB install).
test-docx: setup
	@./scripts/setup.sh office
	$(GO) test -count=1 -run 'DOCXLibreOffice' -v ./report/

test-windows: windows
	@./scripts/setup.sh wine
	$(GO) test -count=1 -timeout 20m -run 'Windows|Wine' -v ./cli/

# Linux: dist/chidao-VERSION-linux-amd64.tar.xz by fyne package (binary, icon,
# .desktop file and a Makefile that installs them). fyne package adds one to
# Build in FyneApp.toml: it runs in the temporary copy, so the tree's
# FyneApp.toml stays as it is.
package:
	@./scripts/setup.sh package
	@$(MAKE) -s --no-print-directory $(FYNE)
	@mkdir -p dist
	@$(STAGE) && cd "$$stage" && \
	  $(CURDIR)/$(FYNE) package -os linux --release && \
	  mv chidao.tar.xz $(CURDIR)/dist/chidao-$(VERSION)-linux-amd64.tar.xz
	@ls -l dist/chidao-$(VERSION)-linux-amd64.tar.xz && tar -tJf dist/chidao-$(VERSION)-linux-amd64.tar.xz

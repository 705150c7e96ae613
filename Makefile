# chidao — the two commands of the README are `make run` and `make test`.
GO      ?= go
BIN     ?= bin/chidao
export PATH := $(PATH):/usr/local/go/bin
export CGO_ENABLED := 1

.PHONY: all setup build run test vet bench clean

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
	./$(BIN) bench import ../shared/corpus --repeat 5
	$(GO) test -run '^$$' -bench . -benchtime 3x ./app/

clean:
	rm -rf bin

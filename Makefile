# Set-up is part of every target: a fresh machine needs only Python, Node and the package registries.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
EXT := extension

.PHONY: install run test bench system-deps extension lint-extension clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -U pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	@rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

# The backend on 127.0.0.1:8750 with the embedded SQLite store.
run: $(STAMP)
	$(BIN)/quotetrail serve

# PostgreSQL (for the store tests), Chromium and Firefox ESR (for the extension tests) from Debian's packages.
system-deps:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1 || ! command -v firefox-esr >/dev/null 2>&1; then \
		echo "installing postgresql, chromium and firefox-esr from Debian's packages"; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends postgresql chromium firefox-esr; \
	fi

extension:
	@if [ -f $(EXT)/package.json ]; then \
		cd $(EXT) && (npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error) && node build.mjs; \
	fi

lint-extension: extension
	@if [ -f $(EXT)/package.json ]; then cd $(EXT) && npm run --silent lint; fi

test: $(STAMP) system-deps extension
	$(BIN)/python -m pytest

# The load benchmark drives the server with wrk from Debian's packages.
bench: $(STAMP) system-deps
	@command -v wrk >/dev/null 2>&1 || { $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends wrk; }
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) $(EXT)/node_modules

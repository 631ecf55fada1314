#!/usr/bin/env bash
# Every test, on a fresh machine: installs what the tests need (npm packages; Debian's Chromium
# for the browser tests), then type-checks, lints, builds the console and runs the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "test-all: Chromium is missing; install it (sudo apt-get install chromium) for the browser tests" >&2
  fi
fi
npm ci --no-audit --no-fund --loglevel=error
npm run typecheck
npm run api:check
npm run lint
npm run build
npm test

#!/usr/bin/env bash
# Build the pinned actionlint (GitHub Actions workflow linter) from source with the Go toolchain and the
# module proxy, for tests/integrations/test_action.py. Cached under $AIPOLICY_TOOLS (default
# ~/.cache/aipolicy/tools) keyed by version, reused only when it reports the pinned version, and linked
# into .tools/bin/actionlint. Prints the binary's path on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."

ACTIONLINT_VERSION="v1.7.12"
TOOLS="${AIPOLICY_TOOLS:-$HOME/.cache/aipolicy/tools}"

build_actionlint() {
  local dir="$TOOLS/actionlint-$ACTIONLINT_VERSION"
  if [ -x "$dir/actionlint" ] && [ "$("$dir/actionlint" -version 2>/dev/null | head -n 1)" = "$ACTIONLINT_VERSION" ]; then
    echo "$dir/actionlint"
    return
  fi
  rm -rf "$dir" && mkdir -p "$dir"
  echo "building actionlint $ACTIONLINT_VERSION from source..." >&2
  GOBIN="$dir" GOFLAGS="-trimpath" CGO_ENABLED=0 \
    go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION" >&2
  "$dir/actionlint" -version >&2
  echo "$dir/actionlint"
}

command -v go >/dev/null || { echo "go toolchain not found: install Go 1.25+ to build actionlint" >&2; exit 1; }
mkdir -p "$TOOLS" .tools/bin
binary="$(build_actionlint)"
ln -sf "$binary" .tools/bin/actionlint
echo "$binary"

#!/usr/bin/env bash
# Build the pinned Go tools the test suite needs (OPA) from source with the Go toolchain and the module
# proxy. Binaries are cached under $AIPOLICY_TOOLS (default ~/.cache/aipolicy/tools) keyed by version;
# a cached binary is reused only when it reports the pinned version, so the cache is never trusted blindly.
set -euo pipefail

OPA_VERSION="v1.22.3"
REGAL_VERSION="v0.42.0"
TOOLS="${AIPOLICY_TOOLS:-$HOME/.cache/aipolicy/tools}"
mkdir -p "$TOOLS"

build_opa() {
  local dir="$TOOLS/opa-$OPA_VERSION"
  if [ -x "$dir/opa" ] && "$dir/opa" version 2>/dev/null | grep -q "^Version: ${OPA_VERSION#v}$"; then
    echo "$dir/opa"
    return
  fi
  rm -rf "$dir" && mkdir -p "$dir"
  echo "building OPA $OPA_VERSION from source (a few minutes on 2 cores)..." >&2
  GOBIN="$dir" GOFLAGS="-trimpath" CGO_ENABLED=0 go install "github.com/open-policy-agent/opa@$OPA_VERSION" >&2
  "$dir/opa" version >&2
  echo "$dir/opa"
}

# Regal's module carries replace directives and the proxy serves no version list for it, so
# `go install regal@v` refuses it: build it from a throwaway module that requires the pinned version.
build_regal() {
  local dir="$TOOLS/regal-$REGAL_VERSION"
  if [ -x "$dir/regal" ] && [ -f "$dir/.complete" ]; then
    echo "$dir/regal"
    return
  fi
  rm -rf "$dir" && mkdir -p "$dir/src"
  echo "building Regal $REGAL_VERSION from source..." >&2
  (
    cd "$dir/src"
    go mod init aipolicy.local/regal-build >&2
    GOFLAGS=-mod=mod go get "github.com/open-policy-agent/regal@$REGAL_VERSION" >&2
    CGO_ENABLED=0 go build -trimpath -o "$dir/regal" github.com/open-policy-agent/regal >&2
  )
  touch "$dir/.complete"
  echo "$dir/regal"
}

command -v go >/dev/null || { echo "go toolchain not found: install Go 1.22+ to build OPA" >&2; exit 1; }
mkdir -p .tools/bin
ln -sf "$(build_opa)" .tools/bin/opa
ln -sf "$(build_regal)" .tools/bin/regal
echo "tools ready in .tools/bin: $(ls .tools/bin | tr '\n' ' ')" >&2

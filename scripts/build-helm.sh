#!/usr/bin/env bash
# Build the pinned Helm v3 from source with the Go toolchain and the module proxy, for
# tests/integrations/test_helm.py (helm lint / helm template of charts/aipolicy). Cached under
# $AIPOLICY_TOOLS (default ~/.cache/aipolicy/tools) keyed by version, reused only when it reports the
# pinned version, and linked into .tools/bin/helm. Prints the binary's path on stdout.
#
# `go install helm.sh/helm/v3/cmd/helm@VERSION` works because helm's go.mod has no replace directives;
# if a future pin adds some, the fallback builds from a throwaway module that requires the pinned helm.
set -euo pipefail
cd "$(dirname "$0")/.."

HELM_VERSION="v3.21.4"
TOOLS="${AIPOLICY_TOOLS:-$HOME/.cache/aipolicy/tools}"
# The -X flags helm's Makefile sets: its version, and the Kubernetes version `helm template` and
# `helm lint` assume (.Capabilities.KubeVersion, deprecation checks), taken like the Makefile from the
# k8s.io/client-go it builds with (v0.N.x -> 1.N). Without them helm claims v1.20.0, which fails charts
# with a kubeVersion constraint.
helm_ldflags() {
  local gomod client_go minor
  gomod="$(go mod download -json "helm.sh/helm/v3@$HELM_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')"
  client_go="$(awk '$1 == "k8s.io/client-go" { print $2 }' "$gomod")"
  minor="$(echo "$client_go" | cut -d. -f2)"
  [ -n "$minor" ] || { echo "cannot read the k8s.io/client-go version of helm $HELM_VERSION" >&2; exit 1; }
  local flags="-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION"
  for pkg in helm.sh/helm/v3/pkg/lint/rules helm.sh/helm/v3/pkg/chartutil; do
    flags="$flags -X $pkg.k8sVersionMajor=1 -X $pkg.k8sVersionMinor=$minor"
  done
  echo "$flags"
}

# Reuse a cached binary only when it reports the pin and was linked with these flags.
reports_pin() {
  [ -x "$1" ] && [ "$("$1" version --template '{{.Version}}' 2>/dev/null)" = "$HELM_VERSION" ] \
    && [ "$(cat "$(dirname "$1")/ldflags" 2>/dev/null)" = "$LDFLAGS" ]
}

build_helm() {
  local dir="$TOOLS/helm-$HELM_VERSION"
  if reports_pin "$dir/helm"; then
    echo "$dir/helm"
    return
  fi
  rm -rf "$dir" && mkdir -p "$dir"
  echo "building helm $HELM_VERSION from source..." >&2
  if ! GOBIN="$dir" GOFLAGS="-trimpath" CGO_ENABLED=0 \
      go install -ldflags "$LDFLAGS" "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >&2; then
    echo "go install refused; building from a throwaway module instead" >&2
    local work
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' RETURN
    (
      cd "$work"
      go mod init aipolicy.local/helm-build >&2
      go get "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >&2
      CGO_ENABLED=0 go build -trimpath -ldflags "$LDFLAGS" -o "$dir/helm" helm.sh/helm/v3/cmd/helm >&2
    )
  fi
  echo "$LDFLAGS" >"$dir/ldflags"
  reports_pin "$dir/helm" || { echo "built helm does not report $HELM_VERSION" >&2; exit 1; }
  "$dir/helm" version >&2
  echo "$dir/helm"
}

command -v go >/dev/null || { echo "go toolchain not found: install Go 1.25+ to build helm" >&2; exit 1; }
mkdir -p "$TOOLS" .tools/bin
LDFLAGS="$(helm_ldflags)"
binary="$(build_helm)"
ln -sf "$binary" .tools/bin/helm
echo "$binary"

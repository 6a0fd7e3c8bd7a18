#!/usr/bin/env bash
# Build a real kube-apiserver and etcd from source with the Go toolchain and the module proxy, for the
# live-audit tests (tests/collectors/cluster). Binaries are cached under $AIPOLICY_TOOLS (default
# ~/.cache/aipolicy/tools) keyed by version, and reused only when they report the pinned version.
#
# k8s.io/kubernetes is not meant to be imported: its go.mod requires every k8s.io/* staging module
# at v0.0.0 and replaces it with ./staging/src/k8s.io/<name>. A throwaway module that requires
# k8s.io/kubernetes@vX.Y.Z and replaces each of those staging modules with its published
# k8s.io/<name>@v0.Y.Z lets `go build k8s.io/kubernetes/cmd/kube-apiserver` resolve everything.
# etcd's server module carries replace directives too, so it is built the same way.
#
# Prints nothing on stdout but the links it made; build logs go to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."

KUBE_VERSION="${KUBE_VERSION:-v1.37.2}"
ETCD_VERSION="${ETCD_VERSION:-v3.6.16}"
TOOLS="${AIPOLICY_TOOLS:-$HOME/.cache/aipolicy/tools}"
mkdir -p "$TOOLS"

build_kube_apiserver() {
  local dir="$TOOLS/kube-apiserver-$KUBE_VERSION"
  if [ -x "$dir/kube-apiserver" ] && "$dir/kube-apiserver" --version 2>/dev/null | grep -qx "Kubernetes $KUBE_VERSION"; then
    echo "$dir/kube-apiserver"
    return
  fi
  rm -rf "$dir" && mkdir -p "$dir/src"
  echo "building kube-apiserver $KUBE_VERSION from source (several minutes on 2 cores)..." >&2
  local staging="v0.${KUBE_VERSION#v1.}"
  (
    cd "$dir/src"
    go mod init aipolicy.local/kube-build >&2
    local gomod
    gomod="$(go mod download -json "k8s.io/kubernetes@$KUBE_VERSION" | sed -n 's/^\t"GoMod": "\(.*\)",$/\1/p')"
    [ -f "$gomod" ] || { echo "cannot download k8s.io/kubernetes@$KUBE_VERSION's go.mod" >&2; exit 1; }
    # every `k8s.io/<name> => ./staging/src/k8s.io/<name>` becomes `k8s.io/<name> => k8s.io/<name> v0.Y.Z`
    local replaces=()
    while read -r module; do
      replaces+=("-replace=$module=$module@$staging")
    done < <(sed -n 's#^[[:space:]]*\(k8s\.io/[^[:space:]]*\) => \./staging/src/.*$#\1#p' "$gomod")
    [ "${#replaces[@]}" -gt 0 ] || { echo "no staging replaces found in $gomod" >&2; exit 1; }
    go mod edit "${replaces[@]}"
    go mod edit -require="k8s.io/kubernetes@$KUBE_VERSION"
    # the main package must be importable: resolve the graph for exactly what is built
    GOFLAGS=-mod=mod go get "k8s.io/kubernetes/cmd/kube-apiserver@$KUBE_VERSION" >&2
    CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath \
      -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=$KUBE_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$(echo "$KUBE_VERSION" | cut -d. -f2)" \
      -o "$dir/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver >&2
  )
  rm -rf "$dir/src"
  "$dir/kube-apiserver" --version >&2
  echo "$dir/kube-apiserver"
}

build_etcd() {
  local dir="$TOOLS/etcd-$ETCD_VERSION"
  if [ -x "$dir/etcd" ] && "$dir/etcd" --version 2>/dev/null | grep -qx "etcd Version: ${ETCD_VERSION#v}"; then
    echo "$dir/etcd"
    return
  fi
  rm -rf "$dir" && mkdir -p "$dir/src"
  echo "building etcd $ETCD_VERSION from source..." >&2
  (
    cd "$dir/src"
    go mod init aipolicy.local/etcd-build >&2
    GOFLAGS=-mod=mod go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION" >&2
    CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -ldflags "-s -w" -o "$dir/etcd" go.etcd.io/etcd/server/v3 >&2
  )
  rm -rf "$dir/src"
  "$dir/etcd" --version >&2
  echo "$dir/etcd"
}

command -v go >/dev/null || { echo "go toolchain not found: install Go to build kube-apiserver" >&2; exit 1; }
mkdir -p .tools/bin
ln -sf "$(build_etcd)" .tools/bin/etcd
ln -sf "$(build_kube_apiserver)" .tools/bin/kube-apiserver
echo "kube tools ready in .tools/bin: etcd $ETCD_VERSION, kube-apiserver $KUBE_VERSION" >&2

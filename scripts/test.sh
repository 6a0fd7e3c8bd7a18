#!/usr/bin/env bash
# Install everything the tests need and run the whole suite: the README's test command, called by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages the real-component tests need (Debian): PostgreSQL for the history store,
# Chromium to look at the coverage report as a person would.
need_apt=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need_apt+=(postgresql)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/shellcheck ] || need_apt+=(shellcheck)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "missing system packages: ${need_apt[*]} (install them with apt-get)" >&2
  fi
fi

PYTHON="${PYTHON:-python3}"
[ -d .venv ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade "pip==25.3"
.venv/bin/python -m pip install --quiet -e '.[test]'

bash scripts/build-tools.sh
bash scripts/build-actionlint.sh >/dev/null   # lints the GitHub Action's example workflow
bash scripts/build-helm.sh >/dev/null         # lints and renders charts/aipolicy
bash scripts/build-kube.sh   # kube-apiserver and etcd for the live-audit tests (cached; ~10 min cold)
export PATH="$PWD/.tools/bin:$PWD/.venv/bin:$PATH"
export OPA_BIN="$PWD/.tools/bin/opa"

# each check on its own line: `set -e` does not stop on a failure inside an && list
echo "== ruff"
ruff check .
ruff format --check .
echo "== mypy"; mypy
echo "== opa check/test"
opa fmt --list --fail policies/ >/dev/null || { echo "opa fmt: run 'opa fmt -w policies/'" >&2; opa fmt --list policies/; exit 1; }
opa check --strict --ignore fixtures policies/
# policy code (not tests) may only use builtins the embedded engine (regorus) has
opa check --strict --capabilities .regal/capabilities-regorus.json --ignore fixtures --ignore '*_test.rego' policies/
opa test --ignore fixtures policies/
echo "== regal"; regal lint policies/
echo "== pytest"
pytest "$@"

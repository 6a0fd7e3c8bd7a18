"""Writes what rvm-parity reads: the policy set's modules and every fixture's resource view.

    python bench/rvm_parity/dump.py OUT_DIR
    cargo run --release --manifest-path bench/rvm_parity/Cargo.toml -- OUT_DIR

The RVM compiles only complete rules as entry points, so the entry point is one object naming
every policy's `deny` (a policy undefined there makes the whole answer undefined, for both).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from aipolicy.policyset import load_policy_set
from tests.fixture_corpus import collect_fixture, policy_fixtures


def main(out: Path) -> None:
    policy_set = load_policy_set()
    shutil.rmtree(out / "modules", ignore_errors=True)
    (out / "modules").mkdir(parents=True)
    libraries_and_policies = policy_set.engine_modules()[:-1]  # the last is the partial-rule entry point
    for index, module in enumerate(libraries_and_policies):
        (out / "modules" / f"{index:03d}.rego").write_text(module.source)
    entry = ["package rvm_parity", "", "import rego.v1", "", "all := {"]
    entry += [f'\t"{p.id}": data.{p.package}.deny,' for p in policy_set.policies]
    (out / "modules" / "999_entry.rego").write_text("\n".join([*entry, "}", ""]))
    fixtures = [
        {"name": fixture.test_id, "input": collect_fixture(fixture.path).to_document()}
        for fixture in policy_fixtures()
    ]
    (out / "fixtures.json").write_bytes(orjson.dumps(fixtures))
    print(f"{len(libraries_and_policies) + 1} modules, {len(fixtures)} fixtures in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "rvm-parity-data"))

"""Custom policy directories for admission tests, in the full layout --policy-dir requires."""

from __future__ import annotations

from pathlib import Path


def pod_policy_dir(root: Path, name: str, source: str) -> Path:
    """`root` holding one policy `name` (its source given) with a trivial unit test and Pod fixtures."""
    policy = root / name / "policy"
    for kind in ("pass", "fail"):
        (policy / "fixtures" / kind).mkdir(parents=True)
        pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"
        (policy / "fixtures" / kind / "pod.yaml").write_text(pod)
    (policy / "policy.rego").write_text(source)
    (policy / "policy_test.rego").write_text(
        f"package test.{name}_test\n\nimport rego.v1\n\ntest_nothing if true\n"
    )
    return root

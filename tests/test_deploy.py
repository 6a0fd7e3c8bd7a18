"""`deploy cronjob` prints manifests that pass aipolicy's own Kubernetes policies."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from aipolicy.deploy import CronJobOptions, cronjob_manifests
from aipolicy.scan import ScanOptions, scan_k8s


@pytest.mark.parametrize("shards", [1, 4])
def test_cronjob_passes_our_own_policies(tmp_path: Path, shards: int) -> None:
    options = CronJobOptions(accounts=("111122223333 arn:aws:iam::111122223333:role/scan",), shards=shards)
    manifests = tmp_path / "cronjob.yaml"
    manifests.write_text(cronjob_manifests(options))
    result = scan_k8s([manifests], ScanOptions(fail_on="LOW"))
    assert result.errors == []
    assert result.resources_scanned == 3
    assert [(f.rule_id, f.resource_id) for f in result.failing] == []
    cronjob = next(d for d in yaml.safe_load_all(manifests.read_text()) if d["kind"] == "CronJob")
    pod = cronjob["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    container = pod["containers"][0]
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["env"][0]["valueFrom"]["secretKeyRef"]["name"] == "aipolicy-store"
    if shards > 1:
        assert cronjob["spec"]["jobTemplate"]["spec"]["completionMode"] == "Indexed"
        assert "--shard-count" in container["args"] and str(shards) in container["args"]

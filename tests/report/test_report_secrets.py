"""No report format may carry a secret from scanned input, whatever field it was in."""

from __future__ import annotations

import pytest

from aipolicy.findings import ScanResult
from aipolicy.report import FORMATS, get_reporter


@pytest.mark.parametrize("name", sorted(FORMATS))
@pytest.mark.parametrize("color", [False, True])
def test_no_secret_in_any_format(
    name: str, color: bool, scan_result: ScanResult, secrets: tuple[str, ...]
) -> None:
    out = get_reporter(name, color=color).render(scan_result)
    for secret in secrets:
        assert secret not in out
    assert "REDACTED" in out  # markdown escapes the brackets


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_secrets_in_every_scanned_field(name: str, scan_result: ScanResult, secrets: tuple[str, ...]) -> None:
    key_id = secrets[0]
    for finding in scan_result.findings:
        finding.resource_id += f"-AWS_ACCESS_KEY_ID={key_id}"
        finding.remediation += f" (api_key: {key_id})"
        finding.attribute = f"secret = {key_id}"
    scan_result.targets = [f"token={key_id}"]
    scan_result.expired_waivers[0]["reason"] = f"password: {key_id}"
    out = get_reporter(name).render(scan_result)
    assert key_id not in out

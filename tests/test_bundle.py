"""Signed OPA bundles: a real OPA server verifies and serves them; the embedded engine loads the same file."""

from __future__ import annotations

import io
import subprocess
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from aipolicy import bundle
from aipolicy.errors import AipolicyError
from aipolicy.policyset import load_policy_set
from aipolicy.scan import ScanOptions, scan_plan
from tests.conftest import free_port, wait_healthy

FAILING_PLAN = (
    Path(__file__).resolve().parents[1]
    / "policies/aws/sagemaker/notebook_root_access/fixtures/fail/root_access_enabled.plan.json"
)


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    directory = tmp_path_factory.mktemp("keys")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = directory / "private.pem"
    public = directory / "public.pem"
    private.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    public.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return private, public


@pytest.fixture(scope="module")
def signed_bundle(keys: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bundle") / "bundle.tar.gz"
    bundle.build(load_policy_set(validate_builtin=True), path, signing_key=str(keys[0]))
    return path


def rewrite(source: Path, target: Path, change: dict[str, bytes | None]) -> Path:
    """Copy a bundle archive, replacing (bytes) or dropping (None) members by name."""
    with tarfile.open(source, "r:gz") as tar_in, tarfile.open(target, "w:gz") as tar_out:
        for member in tar_in:
            name = member.name.lstrip("/")
            content = tar_in.extractfile(member).read()  # type: ignore[union-attr]
            if name in change:
                if change[name] is None:
                    continue
                content = change[name]  # type: ignore[assignment]
            info = tarfile.TarInfo(member.name)
            info.size = len(content)
            tar_out.addfile(info, io.BytesIO(content))
    return target


def tampered(signed: Path, tmp_path: Path) -> Path:
    with tarfile.open(signed, "r:gz") as tar:
        name = next(m.name for m in tar if m.name.endswith("notebook_root_access/policy.rego"))
        source = tar.extractfile(name).read()  # type: ignore[union-attr]
    weakened = source.replace(b'!= "Disabled"', b'== "Nobody"')
    assert weakened != source
    return rewrite(signed, tmp_path / "tampered.tar.gz", {name.lstrip("/"): weakened})


@pytest.fixture(scope="module")
def opa_with_bundle(opa_bin: str, signed_bundle: Path, keys: tuple[Path, Path]) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [
            opa_bin,
            "run",
            "--server",
            "--addr",
            f"127.0.0.1:{port}",
            "--log-level",
            "error",
            "--bundle",
            str(signed_bundle),
            "--verification-key",
            str(keys[1]),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def rules(result) -> set[tuple[str, str]]:
    return {(f.rule_id, f.resource_id) for f in result.findings}


def test_real_opa_serves_the_signed_bundle_with_the_same_findings(
    opa_with_bundle: str, signed_bundle: Path, keys: tuple[Path, Path]
) -> None:
    options = dict(bundle=signed_bundle, verification_key=str(keys[1]))
    remote = scan_plan([FAILING_PLAN], ScanOptions(engine="opa", opa_url=opa_with_bundle, **options))
    local = scan_plan([FAILING_PLAN], ScanOptions(**options))
    builtin = scan_plan([FAILING_PLAN], ScanOptions())
    assert ("AIP-AWS-SM-002", "aws_sagemaker_notebook_instance.research") in rules(remote)
    assert rules(remote) == rules(local) == rules(builtin)
    assert remote.engine == "opa" and local.engine == "embedded"


@pytest.mark.parametrize("kind", ["tampered", "unsigned"])
def test_opa_and_embedded_refuse_modified_or_unsigned_bundles(
    kind: str, signed_bundle: Path, keys: tuple[Path, Path], opa_bin: str, tmp_path: Path
) -> None:
    if kind == "tampered":
        path = tampered(signed_bundle, tmp_path)
        message = "digest mismatch"
    else:
        path = rewrite(signed_bundle, tmp_path / "unsigned.tar.gz", {".signatures.json": None})
        message = "not signed"
    with pytest.raises(AipolicyError, match=message):
        bundle.load(path, str(keys[1]))
    port = free_port()
    opa = subprocess.run(
        [
            opa_bin,
            "run",
            "--server",
            "--addr",
            f"127.0.0.1:{port}",
            "--bundle",
            str(path),
            "--verification-key",
            str(keys[1]),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert opa.returncode != 0
    said = opa.stdout + opa.stderr
    assert "digest mismatch" in said or "missing .signatures.json" in said


def test_wrong_key_is_refused(signed_bundle: Path, tmp_path: Path) -> None:
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    wrong = tmp_path / "wrong.pem"
    wrong.write_bytes(
        other.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    with pytest.raises(AipolicyError, match="does not verify"):
        bundle.load(signed_bundle, str(wrong))


def test_extra_unsigned_file_is_refused(signed_bundle: Path, keys: tuple[Path, Path], tmp_path: Path) -> None:
    path = tmp_path / "extra.tar.gz"
    rewrite(signed_bundle, path, {})
    with tarfile.open(path, "r:gz") as tar:
        members = [(m, tar.extractfile(m).read()) for m in tar]  # type: ignore[union-attr]
    with tarfile.open(path, "w:gz") as tar:
        for member, content in members:
            tar.addfile(member, io.BytesIO(content))
        extra = b"package aipolicy.evil\n\nimport rego.v1\n\nallow := true\n"
        info = tarfile.TarInfo("/evil.rego")
        info.size = len(extra)
        tar.addfile(info, io.BytesIO(extra))
    with pytest.raises(AipolicyError, match="not covered by the signature"):
        bundle.load(path, str(keys[1]))


def test_path_traversal_member_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        info = tarfile.TarInfo("../../etc/evil.rego")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))
    with pytest.raises(AipolicyError, match="outside the bundle"):
        bundle.load(path)


def test_unsigned_bundle_loads_without_a_key_and_skip_drops_modules(tmp_path: Path) -> None:
    policy_set = load_policy_set(validate_builtin=True).without(["AIP-AWS-SM-002"])
    path = tmp_path / "b.tar.gz"
    bundle.build(policy_set, path)
    loaded, meta = bundle.load(path)
    assert not meta.signed
    assert "AIP-AWS-SM-002" not in loaded.by_id()
    assert loaded.entrypoint_query == policy_set.entrypoint_query
    assert meta.manifest["roots"] == ["aipolicy", policy_set.entrypoint_package]

"""OPA bundles of the policy set: build, sign the way OPA verifies, and load (verifying) for any engine.

A bundle is the unit a fleet shares: OPA servers serve it (`opa run --bundle --verification-key`)
and the embedded engine loads the same file. With a verification key, an unsigned bundle, a bad
signature or a file whose digest differs from the signed one is refused, as OPA refuses it.
"""

from __future__ import annotations

import hashlib
import io
import json
import posixpath
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aipolicy.errors import AipolicyError, InputError
from aipolicy.policyset import PolicySet, RegoModule, policies_from_modules

SIGNATURES = ".signatures.json"
MANIFEST = ".manifest"
DATA = "data.json"
DEFAULT_KEY_ID = "default"  # what `opa run --verification-key` uses unless --verification-key-id is set
_MAX_BUNDLE_BYTES = 64 * 1024 * 1024
_MAX_FILES = 10_000


class BundleError(AipolicyError):
    """A bundle that cannot be built, read or verified."""


def _structured(name: str) -> bool:
    """OPA hashes data.json and .manifest by their JSON value, other files by their bytes."""
    base = posixpath.basename(name)
    return base in (DATA, MANIFEST)


def _canonical(value: Any, sink: Any) -> None:
    """OPA's structured-document digest: objects with sorted keys, compact, no HTML escaping."""
    if isinstance(value, dict):
        sink.update(b"{")
        for i, key in enumerate(sorted(value)):
            if i:
                sink.update(b",")
            sink.update(json.dumps(key, ensure_ascii=False).encode())
            sink.update(b":")
            _canonical(value[key], sink)
        sink.update(b"}")
    elif isinstance(value, list):
        sink.update(b"[")
        for i, item in enumerate(value):
            if i:
                sink.update(b",")
            _canonical(item, sink)
        sink.update(b"]")
    else:
        sink.update(json.dumps(value, ensure_ascii=False).encode())


def file_digest(name: str, content: bytes) -> str:
    digest = hashlib.sha256()
    if _structured(name):
        try:
            _canonical(json.loads(content), digest)
        except ValueError as exc:
            raise BundleError(f"bundle file {name} is not valid JSON: {exc}") from None
    else:
        digest.update(content)
    return digest.hexdigest()


def _read_key(key: str) -> str:
    path = Path(key)
    try:
        if path.is_file():
            return path.read_text("utf-8")
    except OSError as exc:
        raise BundleError(f"{key}: cannot read key ({exc.strerror})") from None
    return key  # an HMAC secret given inline, as `opa sign --signing-key` accepts


def sign(
    files: dict[str, bytes], signing_key: str, algorithm: str = "RS256", key_id: str = DEFAULT_KEY_ID
) -> bytes:
    """The .signatures.json content: one JWT whose payload lists every file's SHA-256 digest."""
    import jwt

    payload = {
        "files": [
            {"name": name, "hash": file_digest(name, content), "algorithm": "SHA-256"}
            for name, content in sorted(files.items())
        ],
        "iat": int(time.time()),
        "iss": "aipolicy",
    }
    try:
        token = jwt.encode(payload, _read_key(signing_key), algorithm=algorithm, headers={"kid": key_id})
    except (ValueError, TypeError, jwt.PyJWTError) as exc:
        raise BundleError(f"cannot sign the bundle with {algorithm}: {exc}") from None
    return json.dumps({"signatures": [token]}, indent=2).encode()


def verify(files: dict[str, bytes], signatures: bytes | None, key: str, algorithm: str = "RS256") -> None:
    """Refuse the bundle unless exactly one valid JWT signs exactly its files with matching digests."""
    import jwt

    if signatures is None:
        raise BundleError("bundle is not signed (no .signatures.json) but a verification key was given")
    try:
        tokens = json.loads(signatures).get("signatures")
    except (ValueError, AttributeError):
        raise BundleError(".signatures.json is not valid JSON") from None
    if not isinstance(tokens, list) or len(tokens) != 1 or not isinstance(tokens[0], str):
        raise BundleError(".signatures.json must hold exactly one JWT")
    try:
        claims = jwt.decode(tokens[0], _read_key(key), algorithms=[algorithm], options={"verify_aud": False})
    except jwt.PyJWTError as exc:
        raise BundleError(f"bundle signature does not verify: {exc}") from None
    signed = {f.get("name"): f for f in claims.get("files") or [] if isinstance(f, dict)}
    for name, content in files.items():
        entry = signed.pop(name, None)
        if entry is None:
            raise BundleError(f"bundle file {name} is not covered by the signature")
        if entry.get("algorithm") != "SHA-256":
            raise BundleError(f"bundle file {name}: unsupported digest algorithm {entry.get('algorithm')!r}")
        if entry.get("hash") != file_digest(name, content):
            raise BundleError(f"bundle file {name}: digest mismatch (the bundle was modified after signing)")
    if signed:
        raise BundleError(f"signed file(s) missing from the bundle: {', '.join(sorted(map(str, signed)))}")


@dataclass(frozen=True)
class Bundle:
    files: dict[str, bytes]
    signed: bool

    @property
    def manifest(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.files.get(MANIFEST, b"{}"))
        return data


def roots_of(policy_set: PolicySet) -> list[str]:
    """The manifest roots: the first segment of every package the bundle defines (data included)."""
    packages = {policy_set.entrypoint_package, "aipolicy"}
    for module in policy_set.engine_modules():
        for line in module.source.splitlines():
            if line.startswith("package "):
                packages.add(line.split()[1].split(".", 1)[0])
                break
    return sorted(packages)


def build(
    policy_set: PolicySet,
    output: Path,
    *,
    revision: str | None = None,
    signing_key: str | None = None,
    algorithm: str = "RS256",
    key_id: str = DEFAULT_KEY_ID,
) -> Bundle:
    """Write an OPA bundle (.tar.gz): modules, policy metadata as data, manifest, optional signature."""
    from aipolicy import version

    files: dict[str, bytes] = {}
    for module in policy_set.engine_modules():
        files[module.name] = module.source.encode()
    metadata = {
        p.id: {
            "title": p.title,
            "severity": p.severity,
            "category": p.category,
            "guidelines": list(p.guidelines),
            "resource_types": list(p.resource_types),
            "remediation": p.remediation,
            "package": p.package,
        }
        for p in policy_set.policies
    }
    files[DATA] = json.dumps({"aipolicy": {"metadata": metadata}}, indent=1, sort_keys=True).encode()
    manifest = {
        "revision": revision or policy_set.entrypoint_package.rsplit("_", 1)[-1],
        "roots": roots_of(policy_set),
        "metadata": {"aipolicy_version": version(), "entrypoint": policy_set.entrypoint_query},
    }
    files[MANIFEST] = json.dumps(manifest, indent=1, sort_keys=True).encode()
    payload = dict(files)
    if signing_key:
        payload[SIGNATURES] = sign(files, signing_key, algorithm, key_id)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name in sorted(payload):
            info = tarfile.TarInfo("/" + name)
            info.size = len(payload[name])
            info.mode = 0o644
            info.mtime = 0
            tar.addfile(info, io.BytesIO(payload[name]))
    try:
        output.write_bytes(buffer.getvalue())
    except OSError as exc:
        raise BundleError(f"{output}: cannot write bundle ({exc.strerror})") from None
    return Bundle(files, signed=bool(signing_key))


def read(path: Path) -> tuple[dict[str, bytes], bytes | None]:
    """The files of a bundle archive, refusing links, path traversal and oversized content."""
    files: dict[str, bytes] = {}
    signatures: bytes | None = None
    total = 0
    try:
        with tarfile.open(path, mode="r:gz") as tar:
            for count, member in enumerate(tar, start=1):
                if count > _MAX_FILES:
                    raise BundleError(f"{path}: more than {_MAX_FILES} files")
                if member.isdir():
                    continue
                if not member.isfile():
                    raise BundleError(f"{path}: {member.name} is not a regular file")
                name = posixpath.normpath(member.name.lstrip("/"))
                if name.startswith("..") or name in (".", ""):
                    raise BundleError(f"{path}: {member.name} points outside the bundle")
                total += member.size
                if total > _MAX_BUNDLE_BYTES:
                    raise BundleError(f"{path}: bundle content over {_MAX_BUNDLE_BYTES // 1048576} MiB")
                extracted = tar.extractfile(member)
                content = extracted.read() if extracted else b""
                if posixpath.basename(name) == SIGNATURES:
                    signatures = content
                else:
                    files[name] = content
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BundleError(f"{path}: not a readable bundle (.tar.gz): {exc}") from None
    return files, signatures


def load(
    path: Path, verification_key: str | None = None, algorithm: str = "RS256"
) -> tuple[PolicySet, Bundle]:
    """The policy set inside a bundle; verified first when a key is given (unsigned is then refused)."""
    files, signatures = read(path)
    if verification_key is not None:
        try:
            verify(files, signatures, verification_key, algorithm)
        except BundleError as exc:
            raise BundleError(f"{path}: {exc}") from None
    modules = [
        RegoModule(name, content.decode("utf-8"))
        for name, content in sorted(files.items())
        if name.endswith(".rego") and not posixpath.basename(name).startswith("aipolicy_entrypoint_")
    ]
    policy_set = policies_from_modules(modules, origin=str(path))
    return policy_set, Bundle(files, signed=signatures is not None)

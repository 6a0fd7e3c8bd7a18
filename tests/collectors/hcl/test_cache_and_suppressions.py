"""The parse cache, parallel parsing, source locations and inline suppressions."""

from __future__ import annotations

from pathlib import Path

from aipolicy.collectors.terraform.hcl import HclCollector

from .conftest import Collect, messages, write_tree


def _stack(tmp_path: Path, files: int = 12) -> Path:
    return write_tree(
        tmp_path / "repo",
        {
            f"f{i:02d}.tf": f'resource "aws_s3_bucket" "b{i}" {{\n  bucket = "b-{i}"\n}}\n'
            for i in range(files)
        },
    )


def test_second_scan_reads_the_cache_only(tmp_path: Path) -> None:
    repo = _stack(tmp_path)
    cache = tmp_path / "cache"
    first = HclCollector([repo], cache_dir=cache, root=tmp_path, workers=2, environ={})
    view = first.collect()
    assert (first.stats.files, first.stats.parsed, first.stats.cache_hits) == (12, 12, 0)
    assert len(list(cache.rglob("*.json"))) == 12
    second = HclCollector([repo], cache_dir=cache, root=tmp_path, workers=2, environ={})
    again = second.collect()
    assert (second.stats.parsed, second.stats.cache_hits) == (0, 12)
    assert again.to_document() == view.to_document()
    # an edit is a new hash: only that file is parsed again
    (repo / "f03.tf").write_text('resource "aws_s3_bucket" "b3" {\n  bucket = "edited"\n}\n')
    third = HclCollector([repo], cache_dir=cache, root=tmp_path, environ={})
    assert third.collect().resources["aws_s3_bucket.b3"].attributes == {"bucket": "edited"}
    assert (third.stats.parsed, third.stats.cache_hits) == (1, 11)


def test_a_damaged_cache_entry_is_ignored(tmp_path: Path) -> None:
    repo = _stack(tmp_path, files=2)
    cache = tmp_path / "cache"
    HclCollector([repo], cache_dir=cache, root=tmp_path, environ={}).collect()
    entries = sorted(cache.rglob("*.json"))
    entries[0].write_text("{not json")
    tampered = entries[1].read_bytes().replace(b'"b-', b'"evil-')  # the digest no longer matches
    assert tampered != entries[1].read_bytes()
    entries[1].write_bytes(tampered)
    collector = HclCollector([repo], cache_dir=cache, root=tmp_path, environ={})
    view = collector.collect()
    assert collector.stats.parsed == 2
    assert view.resources["aws_s3_bucket.b0"].attributes == {"bucket": "b-0"}
    assert view.resources["aws_s3_bucket.b1"].attributes == {"bucket": "b-1"}


def test_an_unwritable_cache_does_not_fail_the_scan(tmp_path: Path) -> None:
    repo = _stack(tmp_path, files=1)
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("")
    collector = HclCollector([repo], cache_dir=blocker, root=tmp_path, environ={})
    assert list(collector.collect().resources) == ["aws_s3_bucket.b0"]
    assert collector.stats.cache_writes == 0


def test_parallel_and_serial_parsing_agree(tmp_path: Path) -> None:
    repo = _stack(tmp_path, files=16)
    parallel = HclCollector([repo], root=tmp_path, workers=2, use_cache=False, environ={}).collect()
    serial = HclCollector([repo], root=tmp_path, workers=1, use_cache=False, environ={}).collect()
    assert parallel.to_document() == serial.to_document()
    assert len(parallel.resources) == 16


def test_locations_point_at_the_block(collect: Collect, monkeypatch: object, tmp_path: Path) -> None:
    config = '\n# a comment\nresource "aws_s3_bucket" "b" {\n  count  = 2\n  bucket = "x"\n}\n'
    view, _ = collect(
        {"main.tf": config, "modules/m/s3.tf": config, "mod.tf": 'module "m" { source = "./modules/m" }\n'}
    )
    location = view.resources["aws_s3_bucket.b[1]"].location
    assert location is not None
    assert location.file.endswith("stack/main.tf") and (location.line, location.end_line) == (3, 6)
    nested = view.resources["module.m.aws_s3_bucket.b[0]"].location
    assert nested is not None and nested.file.endswith("stack/modules/m/s3.tf") and nested.line == 3


def test_locations_are_relative_to_the_working_directory(tmp_path: Path, monkeypatch: object) -> None:
    write_tree(tmp_path / "stack", {"main.tf": 'resource "aws_kms_key" "k" {}\n'})
    monkeypatch.chdir(tmp_path)  # type: ignore[attr-defined]
    view = HclCollector([Path("stack")], cache_dir=tmp_path / "cache", environ={}).collect()
    location = view.resources["aws_kms_key.k"].location
    assert location is not None and location.file == "stack/main.tf"
    view = HclCollector([tmp_path / "stack"], cache_dir=tmp_path / "cache", environ={}).collect()
    location = view.resources["aws_kms_key.k"].location
    assert location is not None and location.file == "stack/main.tf"


def test_inline_suppressions(collect: Collect) -> None:
    config = """
# aipolicy:ignore AIP-AWS-S3-001 outside any block: not applied
resource "aws_s3_bucket" "b" {
  for_each = toset(["x", "y"])
  # aipolicy:ignore AIP-AWS-S3-001 public website bucket, approved in SEC-42
  bucket = each.key // aipolicy:ignore AIP-AWS-S3-003
}
resource "aws_kms_key" "k" {
  # aipolicy:ignore
}
"""
    view, collector = collect({"main.tf": config})
    expected = [("AIP-AWS-S3-001", "public website bucket, approved in SEC-42"), ("AIP-AWS-S3-003", None)]
    assert collector.view_suppressions == {'aws_s3_bucket.b["x"]': expected, 'aws_s3_bucket.b["y"]': expected}
    errors = messages(view, "error")
    assert any("AIP-AWS-S3-003" in m and "gives no reason" in m and "main.tf" in m for m in errors)
    assert any("names no rule id" in m for m in errors)

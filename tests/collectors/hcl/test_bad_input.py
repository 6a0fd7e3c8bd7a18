"""Bad input gets one clear entry in errors, naming the file; the rest of the scan goes on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aipolicy.collectors.terraform.hcl import HclCollector
from aipolicy.view import validate_document

from .conftest import Collect, messages, write_tree

GOOD = 'resource "aws_kms_key" "ok" {\n  enable_key_rotation = true\n}\n'


def test_malformed_hcl(collect: Collect) -> None:
    view, _ = collect({"good.tf": GOOD, "bad.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = \n'})
    assert list(view.resources) == ["aws_kms_key.ok"]
    errors = messages(view, "error")
    assert len(errors) == 1
    assert "bad.tf" in errors[0] and "malformed HCL at line" in errors[0]


def test_syntax_error_inside_an_attribute(collect: Collect) -> None:
    view, _ = collect({"good.tf": GOOD, "bad.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = "a" "b"\n}\n'})
    assert list(view.resources) == ["aws_kms_key.ok"]
    (error,) = messages(view, "error")
    assert "bad.tf" in error and "line 2" in error and "not evaluated" in error


def test_non_utf8_file(collect: Collect) -> None:
    view, _ = collect(
        {"good.tf": GOOD, "latin1.tf": b'resource "aws_s3_bucket" "b" { bucket = "caf\xe9" }\n'}
    )
    assert list(view.resources) == ["aws_kms_key.ok"]
    (error,) = messages(view, "error")
    assert "latin1.tf" in error and "not UTF-8" in error


def test_oversized_file_is_refused_before_reading(collect: Collect, tmp_path: Path) -> None:
    big = tmp_path / "stack" / "huge.tf"
    big.parent.mkdir(parents=True)
    with big.open("wb") as sink:
        sink.write(b"# ")
        sink.truncate(50 * 1024 * 1024)
    view, collector = collect({"good.tf": GOOD})
    assert list(view.resources) == ["aws_kms_key.ok"]
    (error,) = messages(view, "error")
    assert "huge.tf" in error and "over the 8 MiB limit" in error
    assert collector.stats.parsed == 1
    view, _ = collect({"good.tf": GOOD}, max_file_bytes=100 * 1024 * 1024)
    assert not any("limit" in m for m in messages(view))


def test_symlink_loops_and_links_leaving_the_root(collect: Collect, tmp_path: Path) -> None:
    stack = write_tree(tmp_path / "stack", {"good.tf": GOOD})
    os.symlink(stack / "b.tf", stack / "a.tf")
    os.symlink(stack / "a.tf", stack / "b.tf")
    outside = write_tree(
        tmp_path.parent / f"{tmp_path.name}-outside", {"secret.tf": GOOD.replace("ok", "secret")}
    )
    os.symlink(outside / "secret.tf", stack / "secret.tf")
    os.symlink(stack, stack / "loop")  # a directory loop: module directories are not walked
    view, _ = collect({})
    assert list(view.resources) == ["aws_kms_key.ok"]
    errors = messages(view, "error")
    assert any("a.tf" in m and "symlink loop" in m for m in errors)
    assert any("b.tf" in m and "symlink loop" in m for m in errors)
    assert any("secret.tf" in m and "outside the scan root" in m for m in errors)


def test_directory_discovery_does_not_follow_loops(tmp_path: Path) -> None:
    repo = write_tree(tmp_path / "repo", {"envs/prod/main.tf": GOOD, "envs/dev/main.tf": GOOD})
    os.symlink(repo, repo / "envs" / "prod" / "back")
    collector = HclCollector([repo], root=tmp_path, cache_dir=tmp_path / "cache", environ={})
    views = list(collector.collect_each())
    assert sorted(v.root.rsplit("/", 2)[-1] for v in views) == ["dev", "prod"]
    assert all(list(v.resources) == ["aws_kms_key.ok"] for v in views)
    for view in views:
        validate_document(view.to_document())


def test_module_source_escaping_the_root_and_module_cycles(collect: Collect, tmp_path: Path) -> None:
    files = {
        "main.tf": GOOD
        + 'module "escape" {\n  source = "../../../../../etc"\n}\n'
        + 'module "a" {\n  source = "./modules/a"\n}\n'
        + 'module "missing" {\n  source = "./modules/none"\n}\n',
        "modules/a/main.tf": (
            'resource "aws_s3_bucket" "a" {\n  bucket = "a"\n}\nmodule "b" {\n  source = "../b"\n}\n'
        ),
        "modules/b/main.tf": 'module "a" {\n  source = "../a"\n}\n',
    }
    view, _ = collect(files)
    assert sorted(view.resources) == ["aws_kms_key.ok", "module.a.aws_s3_bucket.a"]
    errors = messages(view, "error")
    assert any("module 'escape'" in m and "outside the scan root" in m for m in errors)
    assert any("module 'a'" in m and "module cycle" in m for m in errors)
    assert any("module 'missing'" in m and "does not exist" in m for m in errors)


def test_deeply_nested_expressions_do_not_overflow_the_stack(collect: Collect) -> None:
    deep = "[" * 3000 + "]" * 3000
    view, _ = collect({"good.tf": GOOD, "deep.tf": f'resource "aws_s3_bucket" "d" {{\n  tags = {deep}\n}}\n'})
    assert view.resources["aws_s3_bucket.d"].unresolved == ["tags"]
    (error,) = messages(view, "error")
    assert "deep.tf" in error and "nested deeper than 64 levels" in error


def test_deep_local_chains_are_cut_not_crashed(collect: Collect) -> None:
    chain = "\n".join(f"  l{i} = local.l{i + 1}" for i in range(400))
    config = (
        f'locals {{\n{chain}\n  l400 = "end"\n}}\nresource "aws_s3_bucket" "b" {{\n  bucket = local.l0\n}}\n'
    )
    view, _ = collect({"main.tf": config})
    assert view.resources["aws_s3_bucket.b"].unresolved == ["bucket"]
    assert any("nested more than" in m for m in messages(view))


def test_nothing_to_scan_is_an_error_not_an_exception(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    view = HclCollector([empty], root=tmp_path, cache_dir=tmp_path / "c", environ={}).collect()
    assert view.resources == {}
    assert [e.message for e in view.errors] == ["no Terraform configuration (.tf files) found"]
    view = HclCollector([tmp_path / "nope"], root=tmp_path, cache_dir=tmp_path / "c", environ={}).collect()
    assert any("no such file" in e.message for e in view.errors)


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\x01\x02",
        b'resource "a" "b" {',
        b"}}}}",
        b'locals { a = "${' + b"{" * 500 + b'}" }',
        b'variable "x" { default = <<EOT\nunterminated\n}',
        b"\xef\xbb\xbf" + GOOD.encode(),
    ],
)
def test_hostile_files_never_raise(collect: Collect, content: bytes) -> None:
    view, _ = collect({"x.tf": content})
    assert all(isinstance(e.message, str) and "\n" not in e.message for e in view.errors)

"""A copy of this checkout's working tree, as a published source or a hook repository would hold it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import REPO, need


def copy_worktree(target: Path) -> Path:
    """Copy the files git would not ignore (tracked and untracked, as they are now) into `target`.

    Uncommitted work is included, so a developer tests what they have; a clean CI clone gives the
    commit. Ignored files (.venv, caches, build output) stay behind.
    """
    if not (REPO / ".git").exists() or shutil.which("git") is None:
        need("git and a git checkout of aipolicy are needed to copy its working tree")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode()
    target.mkdir(parents=True)
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if not source.is_file() and not source.is_symlink():
            continue  # deleted in the working tree
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / name, follow_symlinks=False)
    return target

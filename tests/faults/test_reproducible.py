"""The same sources give the same bytes from any folder, in any time zone and locale."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES


def _build(where: Path, env: dict[str, str]) -> dict[str, bytes]:
    shutil.copytree(FIXTURES / "epub-links", where / "project")
    result = subprocess.run(
        [sys.executable, "-m", "publish", "build", "project", "-f", "pdf,epub,html", "-o", "out"],
        cwd=where,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    out = where / "out"
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    for name, data in files.items():
        assert os.fsencode(where) not in data, f"{name} holds the build folder's path"
    return files


def test_two_folders_two_time_zones_two_locales_give_the_same_bytes(tmp_path: Path) -> None:
    first = _build(tmp_path / "a", {"TZ": "UTC", "LC_ALL": "C.UTF-8"})
    second = _build(
        tmp_path / "another" / "deeper" / "folder",
        {"TZ": "America/Los_Angeles", "LC_ALL": "zh_CN.UTF-8", "LANG": "zh_CN.UTF-8"},
    )
    assert {"project.pdf", "project.epub", "html/index.html"} <= set(first)
    # The build cache is no output: an article is kept there by its text, path and root, so a
    # project in another folder keys its entries otherwise. Every output is compared.
    first, second = _outputs(first), _outputs(second)
    different = sorted(name for name in first if first[name] != second.get(name))
    assert not different and first.keys() == second.keys(), different


def _outputs(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: data for name, data in files.items() if not name.startswith(".cache/")}

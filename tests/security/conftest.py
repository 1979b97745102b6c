"""Hostile and careless projects: a factory for small projects and the command as users run it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_publish

BODY = "第一段文字。\n"


class Project:
    """A project folder written for one probe: `publish.yaml` and articles under `articles/`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.manifest("title: 测试文集\narticles: ['articles/*.md']\n")

    def manifest(self, text: str) -> Path:
        return self.file("publish.yaml", text)

    def article(self, name: str = "a", body: str = BODY, front: str = "title: 第一篇") -> Path:
        return self.file(f"articles/{name}.md", f"---\n{front}\n---\n\n{body}")

    def file(self, name: str, content: str | bytes) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def run(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        """`publish ARGS` run in the project's parent folder."""
        return run_publish(*args, cwd=self.root.parent)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A project with one good article; probes add or replace files."""
    made = Project(tmp_path / "project")
    made.article()
    return made


def fails_cleanly(result: subprocess.CompletedProcess[str], *expected: str) -> list[str]:
    """Assert one or more `error:` lines, exit status 2 and no traceback; returns the lines."""
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    lines = result.stderr.splitlines()
    errors = [line for line in lines if line.startswith("error: ")]
    assert errors, result.stderr[-2000:]
    for text in expected:
        assert any(text in line for line in errors), (text, errors)
    return errors

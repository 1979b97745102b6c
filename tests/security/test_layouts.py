"""A project's layouts run sandboxed and are read only from inside the project."""

from __future__ import annotations

import os
import re
from pathlib import Path

from tests.security.conftest import Project, fails_cleanly

# Reaches the os module from a Jinja2 global: runs code of the template's choosing unsandboxed.
ESCAPE = "{{ cycler.__init__.__globals__.os.sep }}SANDBOX-ESCAPED"


def test_a_project_layout_cannot_reach_python(project: Project, tmp_path: Path) -> None:
    project.file("layouts/web/index.html", ESCAPE)
    result = project.run("build", "project", "-f", "html", "-o", tmp_path / "out")
    fails_cleanly(result, "layout web/index.html", "unsafe")
    assert not (tmp_path / "out").exists()


def test_trust_layouts_lifts_the_sandbox_on_the_command_line(
    project: Project, tmp_path: Path
) -> None:
    project.file("layouts/web/index.html", ESCAPE)
    result = project.run(
        "build", "project", "-f", "html", "-o", tmp_path / "out", "--trust-layouts"
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "html" / "index.html").read_text() == "/SANDBOX-ESCAPED"


def test_trust_layouts_in_the_manifest(project: Project, tmp_path: Path) -> None:
    project.manifest("title: 测试文集\narticles: ['articles/*.md']\ntrust_layouts: true\n")
    project.file("layouts/web/index.html", ESCAPE)
    result = project.run("build", "project", "-f", "html", "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "SANDBOX-ESCAPED" in (tmp_path / "out" / "html" / "index.html").read_text()


def test_a_sandboxed_override_still_extends_the_bundled_layout(
    project: Project, tmp_path: Path
) -> None:
    project.file(
        "layouts/web/article.html",
        '{% extends "bundled/web/article.html" %}{% block title %}改过的 {{ super() }}'
        "{% endblock %}",
    )
    result = project.run("build", "project", "-f", "html", "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "a.html").read_text()
    assert "<title>改过的 " in page
    # The bundled body: the paragraph's text, its tags taken out (its ending is in a span).
    assert "第一段文字" in re.sub(r"<[^>]+>", "", page)


def test_a_layout_linked_to_a_file_outside_is_refused(project: Project, tmp_path: Path) -> None:
    secret = tmp_path / "secret.css"
    secret.write_text("/* SECRET */", encoding="utf-8")
    (project.root / "layouts" / "web").mkdir(parents=True)
    os.symlink(secret, project.root / "layouts" / "web" / "style.css")
    result = project.run("build", "project", "-f", "html", "-o", tmp_path / "out")
    fails_cleanly(result, "style.css", "outside the project")
    assert not (tmp_path / "out").exists()


def test_a_pinyin_yaml_linked_outside_is_refused_by_check(project: Project, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("绿园: lǜ yuán\n", encoding="utf-8")
    os.symlink(secret, project.root / "pinyin.yaml")
    fails_cleanly(project.run("check", "project"), "pinyin.yaml", "outside the project")


def test_a_layout_that_fails_or_runs_away_is_one_line(project: Project, tmp_path: Path) -> None:
    for template, message in (
        ("{{ 1 // 0 }}", "index.html:1: ZeroDivisionError"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "RecursionError"),
        ('{{ "字" * 10 ** 9 }}', "too long"),
        ("{{ 9 ** (9 ** 9) }}", "too large"),
    ):
        project.file("layouts/web/index.html", template)
        result = project.run("build", "project", "-f", "html", "-o", tmp_path / "out")
        fails_cleanly(result, "layout web/index.html", message)

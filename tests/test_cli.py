"""The command line as users run it: exit codes, one-line errors, nothing half-written."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from publish.cli import main
from tests.conftest import EXAMPLES, FIXTURES
from tests.conftest import run_publish as run


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("publish, version ")


# Modules `publish --help` must not load: each command imports what it needs when it runs.
HEAVY = (
    "weasyprint", "ebooklib", "pypinyin", "rjieba", "numpy", "jsonschema", "lxml",
    "charset_normalizer", "publish.pinyin", "publish.importer", "publish.punctuation",
    "publish.sources.writer", "publish.builders",
)  # fmt: skip


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys; from click.testing import CliRunner; from publish.cli import main; "
        "result = CliRunner().invoke(main, ['--help']); assert result.exit_code == 0; "
        f"print(sorted(m for m in sys.modules if m.startswith({HEAVY!r})))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    help_text = run("--help").stdout
    assert all(name in help_text for name in ("build", "import", "pinyin", "serve"))


def test_inspect_json_shows_the_seed_structure() -> None:
    result = run(
        "inspect", next((EXAMPLES / "luyuan-interviews" / "articles").glob("*.md")), "--json"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "“解放思想推动绿园高质量发展”领导访谈"
    assert data["date"] == "2018-11-16T09:15:00+08:00"
    assert data["source"] == "绿园发布"
    assert data["category"] == ["要闻动态", "领导活动"]
    interviews = [b for b in data["blocks"] if b["type"] == "interview"]
    assert [(i["name"], i["role"]) for i in interviews] == [
        ("吕亚舟", "绿园区总工会常务副主席"),
        ("畅晓宁", "共青团绿园区委书记"),
        ("付悦", "绿园区妇联主席"),
    ]
    assert interviews[0]["headline"] == {
        "type": "heading",
        "level": 2,
        "text": "创新方法 务求实效\n彰显新时期工会作用",
    }
    kinds = {b["type"] for i in interviews for b in i["blocks"]}
    assert kinds == {"heading", "paragraph"}


def test_inspect_collection_json_lists_articles() -> None:
    result = run("inspect", EXAMPLES / "community-reader", "--json")
    data = json.loads(result.stdout)
    assert data["type"] == "collection"
    kinds = set()

    def walk(blocks: list) -> None:
        for block in blocks:
            kinds.add(block["type"])
            walk(block.get("blocks", []))

    for article in data["articles"]:
        walk(article["blocks"])
    # The second example exercises every block type.
    assert kinds >= {"heading", "paragraph", "quote", "listblock", "figure", "table"}


def test_check_reports_every_problem_one_line_each_and_exits_2(tmp_path: Path) -> None:
    (tmp_path / "publish.yaml").write_text("title: 文集\narticles: ['*.md']\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("---\ntitle: 甲\ndate: 昨天\n---\n正文\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ntitel: 乙\n---\n正文\n", encoding="utf-8")
    result = run("check", tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3, result.stderr
    assert all(line.startswith("error: ") for line in lines)
    assert any("a.md:3:" in line and "ISO 8601" in line for line in lines)
    assert any("b.md:2:" in line and "unknown key 'titel'" in line for line in lines)
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("slug", "formats", "message"),
    [
        ("index", "html", "slug 'index' is reserved"),
        ("Große-Ä", "pdf", "does not match"),
    ],
)
def test_check_fails_wherever_build_would(
    tmp_path: Path, slug: str, formats: str, message: str
) -> None:
    """`check` fails with the same line as `build`, and writes nothing."""
    (tmp_path / "publish.yaml").write_text(
        f"title: 文集\narticles: ['*.md']\noutput:\n  formats: [{formats}]\n", encoding="utf-8"
    )
    (tmp_path / "a.md").write_text(f"---\ntitle: 甲\nslug: {slug}\n---\n正文\n", encoding="utf-8")
    checked = run("check", tmp_path)
    built = run("build", tmp_path, "-o", tmp_path / "out")
    assert built.returncode == 2 and message in built.stderr, built.stderr
    assert checked.returncode == 2, checked.stdout
    assert checked.stderr == built.stderr
    assert not (tmp_path / "out").exists()


def test_check_runs_each_formats_own_checks(tmp_path: Path) -> None:
    """An image the EPUB cannot carry: only the EPUB's builder rejects it."""
    (tmp_path / "publish.yaml").write_text(
        "title: 文集\narticles: ['*.md']\noutput:\n  formats: [pdf, epub]\n", encoding="utf-8"
    )
    (tmp_path / "pic.bmp").write_bytes(b"BM" + bytes(64))
    (tmp_path / "a.md").write_text(
        "---\ntitle: 甲\n---\n正文\n\n![图](pic.bmp)\n", encoding="utf-8"
    )
    checked = run("check", tmp_path)
    built = run("build", tmp_path, "-o", tmp_path / "out")
    assert built.returncode == 2, built.stderr
    assert checked.returncode == 2, checked.stdout
    assert checked.stderr == built.stderr
    assert "pic.bmp" in checked.stderr


def test_check_passes_on_the_examples() -> None:
    for example in ("luyuan-interviews", "community-reader"):
        result = run("check", EXAMPLES / example)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("ok: ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--size", "巨大"), "unknown size"),
        (("--paper", "A9"), "unknown paper"),
        (("--format", "docx"), "unknown format"),
        (("--bleed=-3mm",), "out of range"),
    ],
)
def test_bad_options_fail_cleanly_and_write_nothing(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    out = tmp_path / "out"
    result = run("build", FIXTURES / "minimal", "-o", out, *args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_a_bad_source_writes_nothing(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    (project / "articles" / "b.md").write_bytes(b"---\ntitle: \xd6\xd0\n---\n")
    out = tmp_path / "out"
    result = run("build", project, "-o", out)
    assert result.returncode == 2
    assert "b.md:2: bytes that are not UTF-8" in result.stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["project"]  # no staging folder left behind


def test_new_scaffolds_a_collection_that_checks_and_builds(tmp_path: Path) -> None:
    folder = tmp_path / "我的文集"
    result = run("new", folder, "--title", "街道简报: 第一期")
    assert result.returncode == 0, result.stderr
    assert (folder / "publish.yaml").is_file()
    assert run("check", folder).returncode == 0
    built = run("build", folder, "--format", "html", "-o", tmp_path / "out")
    assert built.returncode == 0, built.stderr
    assert "街道简报: 第一期" in (tmp_path / "out" / "html" / "index.html").read_text()
    again = run("new", folder)
    assert again.returncode == 2 and "not empty" in again.stderr


def test_inspect_and_check_count_articles_in_english() -> None:
    runner = CliRunner()
    single = runner.invoke(main, ["inspect", str(EXAMPLES / "luyuan-interviews")])
    assert single.output.splitlines()[0] == "绿园区领导访谈 (1 article)"
    several = runner.invoke(main, ["inspect", str(EXAMPLES / "community-reader")])
    assert several.output.splitlines()[0] == "社区大字读本 (6 articles)"
    checked = runner.invoke(main, ["check", str(EXAMPLES / "luyuan-interviews")])
    assert checked.output == "ok: 1 article in 绿园区领导访谈\n"

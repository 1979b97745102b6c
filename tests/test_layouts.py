"""Layouts: project files override bundled ones; bundled/ always names the bundled file."""

from __future__ import annotations

from pathlib import Path

from publish.config import bundled_path
from publish.layouts import date_zh, environment
from publish.pipeline import build, load
from tests.conftest import FIXTURES


def test_project_layout_overrides_a_bundled_file_of_the_same_name(tmp_path: Path) -> None:
    build(FIXTURES / "override", tmp_path)
    index = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert 'class="from-project-layout"' in index
    # Files the project does not override still come from the bundled layouts.
    assert (
        (tmp_path / "html")
        .joinpath(f"{load(FIXTURES / 'override').collection.articles[0].slug}.html")
        .is_file()
    )


def test_bundled_prefix_reaches_the_bundled_file_under_an_override() -> None:
    env = environment(FIXTURES / "override" / "layouts")
    overridden = Path(env.get_template("web/index.html").filename or "")
    bundled = Path(env.get_template("bundled/web/index.html").filename or "")
    assert overridden.is_relative_to(FIXTURES / "override" / "layouts")
    assert bundled.is_relative_to(bundled_path("layouts"))


def test_markup_templates_are_autoescaped(tmp_path: Path) -> None:
    for name in ("page.html", "chapter.xhtml", "package.opf", "toc.ncx", "cover.svg"):
        (tmp_path / name).write_text("{{ text }}", encoding="utf-8")
        rendered = environment(tmp_path).get_template(name).render(text="<script>&")
        assert rendered == "&lt;script&gt;&amp;"
    (tmp_path / "style.css").write_text("{{ text }}", encoding="utf-8")
    assert environment(tmp_path).get_template("style.css").render(text="a > b") == "a > b"


def test_chinese_dates() -> None:
    from datetime import datetime

    assert date_zh(datetime(2018, 11, 16, 9, 15)) == "2018年11月16日 09:15"
    assert date_zh(datetime(2018, 11, 16)) == "2018年11月16日"


def test_spaces_by_punctuation_never_leave_a_mark_alone_at_a_line_edge() -> None:
    from publish.layouts import glue_punctuation

    # The seed's "早教进社区 ”公益": a closing mark must not start a line (W3C clreq §3.1.7).
    assert glue_punctuation("早教进社区 ”公益") == "早教进社区\u00a0”公益"
    assert glue_punctuation("“ 三个注重 ”") == "“\u00a0三个注重\u00a0”"
    assert glue_punctuation("早教进社区 ”", "") == "早教进社区”"  # print drops it
    assert glue_punctuation("A B，C") == "A B，C"  # only spaces beside the marks

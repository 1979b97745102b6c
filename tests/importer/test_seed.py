"""The done-when of issue 3: the seed page imports into its structured source, chrome-free."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from publish.importer import read_page
from publish.model import Interview, plain_text
from publish.sources.article import load_article
from publish.sources.writer import article_markdown
from tests.conftest import EXAMPLES
from tests.importer.pages import SEED, headings, paragraphs

EXAMPLE_SOURCE = EXAMPLES / "luyuan-interviews" / "articles" / "lingdao-fangtan.md"
# The fixture is the seed (../shared/seeds/000_0780969af5c71893.txt) unchanged, saved under
# its article's name so that importing it makes the example's file name.
SEED_SHA256 = "af97951d6af4b9e0873e86c459936c806fec3b3653b32798cbdbe7ce77e914c2"
CHROME = ("-->", "您当前的位置", "首页", "【字体", "字体", "打印", "发布时间", "来源:")
EXPECTED = {
    "吕亚舟": (
        "绿园区总工会常务副主席",
        "创新方法 务求实效\n彰显新时期工会作用",
        [
            "以改革创新精神加强自身建设\n打造建功立业平台",
            "深入推进工会维权机制建设\n促进和谐稳定",
            "深入推进工会服务体系建设\n助力脱贫攻坚",
        ],
    ),
    "畅晓宁": (
        "共青团绿园区委书记",
        "统一思想 凝聚共识\n共建美丽幸福新绿园",
        [
            "强化思想武装\n在学懂弄通做实习近平总书记\n重要讲话和重要指示精神上下功夫",
            "补齐思想短板 在激发青年干事创业\n积极性主动性创造性上下功夫",
            "发挥青年创新创业潜力\n在服务绿园高质量发展上下功夫",
            "整合社会资源\n在与青年共享绿园发展成果上下功夫",
        ],
    ),
    "付悦": (
        "绿园区妇联主席",
        "解放思想 奋发有为\n为推动绿园高质量发展充分发挥半边天作用",
        ["增强政治性 巾帼心向党", "增强先进性 巾帼建新功", "增强群众性 巾帼暖人心"],
    ),
}


def test_the_fixture_is_the_seed() -> None:
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SEED_SHA256


def test_metadata() -> None:
    article = read_page(SEED)
    assert article.title_text == "“解放思想推动绿园高质量发展”领导访谈"
    assert article.date is not None
    assert article.date.isoformat(timespec="minutes") == "2018-11-16T09:15+08:00"
    assert article.source == "绿园发布"
    assert article.category == ("要闻动态", "领导活动")
    assert article.authors == ()
    assert article.language == "zh-Hans"


def test_three_interviewee_sections_with_headlines_and_subheadings() -> None:
    article = read_page(SEED)
    assert all(isinstance(b, Interview) for b in article.blocks)
    found = {}
    for block in article.blocks:
        assert isinstance(block, Interview)
        assert block.headline is not None and block.headline.level == 2
        found[plain_text(block.name)] = (
            plain_text(block.role),
            plain_text(block.headline.children),
            [text for level, text in headings(block.blocks) if level == 3],
        )
        assert {level for level, _ in headings(block.blocks)} == {3}
    assert found == EXPECTED
    assert list(found) == ["吕亚舟", "畅晓宁", "付悦"]


def test_every_body_paragraph_of_the_seed_in_order() -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    # The seed's paragraphs are its long lines (headings, metadata and chrome are short).
    expected = [" ".join(line.split()) for line in lines if len(line.strip()) > 40]
    assert len(expected) == 13
    assert paragraphs(read_page(SEED).blocks) == expected


def test_none_of_the_chrome(tmp_path: Path) -> None:
    text = article_markdown(read_page(SEED), tmp_path / "lingdao-fangtan.md")
    for chrome in CHROME:
        assert chrome not in text


def test_the_example_is_what_import_makes(tmp_path: Path) -> None:
    """The example is regenerated with `publish import tests/fixtures/pages/lingdao-fangtan.txt
    -o examples/luyuan-interviews/articles --overwrite --normalize-punctuation` (README,
    "Importing saved pages"): the seed's half-width commas become full-width."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "publish",
            "import",
            str(SEED),
            "-o",
            str(tmp_path),
            "--normalize-punctuation",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        str(tmp_path / "lingdao-fangtan.md"),
        str(tmp_path / "publish.yaml"),
    ]
    assert sorted(p.name for p in EXAMPLE_SOURCE.parent.iterdir()) == ["lingdao-fangtan.md"]
    assert (tmp_path / "lingdao-fangtan.md").read_bytes() == EXAMPLE_SOURCE.read_bytes()
    assert "表示，绿园区" in EXAMPLE_SOURCE.read_text(encoding="utf-8")


def test_the_written_source_loads_back_as_the_imported_article(tmp_path: Path) -> None:
    imported = read_page(SEED)
    path = tmp_path / "lingdao-fangtan.md"
    path.write_text(article_markdown(imported, path), encoding="utf-8")
    loaded = load_article(path, tmp_path)
    assert loaded.blocks == imported.blocks
    assert (loaded.title, loaded.date, loaded.source, loaded.category, loaded.slug) == (
        imported.title,
        imported.date,
        imported.source,
        imported.category,
        imported.slug,
    )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_the_seed_in_any_encoding_imports_the_same(tmp_path: Path, encoding: str) -> None:
    # GBK has no NBSP (the seed's headline gap): a GBK save writes a space, which the
    # whitespace rule makes the same single space.
    text = SEED.read_text(encoding="utf-8")
    if encoding == "gbk":
        text = text.replace("\u00a0", " ")
    page = tmp_path / "lingdao-fangtan.txt"
    page.write_bytes(text.encode(encoding))
    assert read_page(page) == replace(read_page(SEED), source_path=page.resolve())


def test_json_prints_the_model() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "publish", "import", str(SEED), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "“解放思想推动绿园高质量发展”领导访谈"
    assert data["date"] == "2018-11-16T09:15:00+08:00"
    assert data["slug"] == "lingdao-fangtan"
    assert [(b["name"], b["role"]) for b in data["blocks"]] == [
        (name, role) for name, (role, _, _) in EXPECTED.items()
    ]

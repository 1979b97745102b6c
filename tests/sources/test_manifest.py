"""Collection manifests: articles, globs, metadata, settings and their problems."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from publish.config import OPTIONS
from publish.errors import SourceError
from publish.pipeline import load
from publish.sources import load_project
from publish.sources.article import PARSE_IN_PARALLEL_FROM
from tests.conftest import EXAMPLES, FIXTURES, run_publish

ARTICLE = "---\ntitle: {title}\n---\n\n正文。\n"


def _project(tmp_path: Path, manifest: str, articles: dict[str, str] | None = None) -> Path:
    (tmp_path / "publish.yaml").write_text(manifest, encoding="utf-8")
    for name, title in (articles or {"articles/a.md": "甲"}).items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ARTICLE.format(title=title), encoding="utf-8")
    return tmp_path


def test_examples_load() -> None:
    seed = load(EXAMPLES / "luyuan-interviews")
    assert seed.collection.title == "绿园区领导访谈"
    assert len(seed.collection.articles) == 1
    reader = load(EXAMPLES / "community-reader")
    assert len(reader.collection.articles) >= 5
    assert reader.collection.pinyin == (("绿园", ("lǜ", "yuán")),)
    assert reader.settings.size.name == "大"


def test_globs_expand_in_sorted_order_and_explicit_order_is_kept(tmp_path: Path) -> None:
    _project(
        tmp_path,
        "title: 文集\narticles: [articles/c.md, 'articles/[ab].md']\n",
        {"articles/a.md": "甲", "articles/b.md": "乙", "articles/c.md": "丙"},
    )
    titles = [a.title_text for a in load(tmp_path).collection.articles]
    assert titles == ["丙", "甲", "乙"]


def test_identifier_is_stable_and_derived_from_the_slug(tmp_path: Path) -> None:
    first = load(FIXTURES / "minimal").collection
    again = load(FIXTURES / "minimal").collection
    assert first.identifier == again.identifier
    assert first.identifier.startswith("urn:uuid:")
    assert first.slug == "minimal"


def test_single_article_is_a_collection_of_one() -> None:
    project = load_project(FIXTURES / "minimal" / "articles" / "a.md")
    assert [a.title_text for a in project.collection.articles] == ["第一篇"]


@pytest.mark.parametrize(
    ("manifest", "line", "message"),
    [
        ("title: 文集\narticles: [articles/a.md, articles/a.md]\n", 2, "listed twice"),
        ("title: 文集\narticles: [articles/*.md, articles/a.md]\n", 2, "listed twice"),
        ("title: 文集\narticles: [articles/none.md]\n", 2, "not found"),
        ("title: 文集\narticles: ['nothing/*.md']\n", 2, "matches no file"),
        ("title: 文集\narticles: [../outside.md]\n", 2, "outside the project"),
        ("title: 文集\narticles: [articles/a.md]\noutput:\n  size: 巨大\n", 4, "unknown size"),
        ("title: 文集\narticles: [articles/a.md]\noutput:\n  paper: A9\n", 4, "unknown paper"),
        ("title: 文集\narticles: [articles/a.md]\nauthor: x\n", 3, "unknown key 'author'"),
        ("title: 文集\narticles: [articles/a.md]\ndate: 昨天\n", 3, "not ISO 8601"),
        (
            "title: 文集\narticles: [articles/a.md]\ncover: none.png\n",
            3,
            "cover 'none.png' not found",
        ),
        ("articles: [articles/a.md]\n", 1, "'title' is a required property"),
    ],
)
def test_bad_manifests_are_located_problems(
    tmp_path: Path, manifest: str, line: int, message: str
) -> None:
    _project(tmp_path, manifest)
    with pytest.raises(SourceError) as raised:
        load(tmp_path)
    problem = raised.value.problems[0]
    assert problem.path == (tmp_path / "publish.yaml").resolve()
    assert problem.line == line
    assert message in problem.message


def test_duplicate_slugs_are_reported(tmp_path: Path) -> None:
    _project(tmp_path, "title: 文集\narticles: ['*/a.md']\n", {"one/a.md": "甲", "two/a.md": "乙"})
    with pytest.raises(SourceError, match="slug 'a' is also used"):
        load(tmp_path)


def test_problems_in_several_articles_are_all_reported(tmp_path: Path) -> None:
    _project(tmp_path, "title: 文集\narticles: [articles/*.md]\n")
    (tmp_path / "articles" / "b.md").write_text("---\nsubtitle: 无题\n---\n", encoding="utf-8")
    (tmp_path / "articles" / "c.md").write_text("---\ntitle: 丙\nkey: 1\n---\n", encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        load(tmp_path)
    assert {p.path.name for p in raised.value.problems} == {"b.md", "c.md"}


def test_a_long_collection_parsed_by_forked_processes_loads_as_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From `PARSE_IN_PARALLEL_FROM` articles on, forked processes parse them: the same
    articles in the same order, and every problem reported with its file and line."""
    count = PARSE_IN_PARALLEL_FROM + 20
    names = {f"articles/{n:03d}.md": f"第{n}篇" for n in range(count)}
    _project(tmp_path, "title: 文集\narticles: [articles/*.md]\n", names)
    monkeypatch.setenv("PUBLISH_PROCESSES", "2")
    forked = load(tmp_path).collection.articles
    monkeypatch.setenv("PUBLISH_PROCESSES", "1")
    assert load(tmp_path).collection.articles == forked
    assert [a.title_text for a in forked] == list(names.values())
    for bad in ("007.md", "111.md"):
        (tmp_path / "articles" / bad).write_text("---\ntitle: 丙\nkey: 1\n---\n", "utf-8")
    monkeypatch.setenv("PUBLISH_PROCESSES", "2")
    with pytest.raises(SourceError) as raised:
        load(tmp_path)
    assert [(p.path.name, p.line) for p in raised.value.problems] == [("007.md", 3), ("111.md", 3)]


def test_pinyin_dictionary_problems(tmp_path: Path) -> None:
    _project(tmp_path, "title: 文集\narticles: [articles/a.md]\n")
    (tmp_path / "pinyin.yaml").write_text("绿园: lǜ\n长春: [chang]\n", encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        load(tmp_path)
    messages = [p.message for p in raised.value.problems]
    assert any("1 syllables for 2 characters" in m for m in messages)
    assert any("is not of type 'string'" in m for m in messages)


def test_a_folder_without_manifest_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="publish new"):
        load(tmp_path)


def test_a_collection_s_creators_are_its_authors_else_its_publisher(tmp_path: Path) -> None:
    article = "---\ntitle: 甲\nauthors: 单晓梅\n---\n\n正文。\n"
    (tmp_path / "a.md").write_text(article, encoding="utf-8")
    (tmp_path / "b.md").write_text(ARTICLE.format(title="乙"), encoding="utf-8")
    manifest = tmp_path / "publish.yaml"
    manifest.write_text("title: 读本\npublisher: 图书室\narticles: [a.md, b.md]\n", "utf-8")
    assert load(tmp_path).collection.creators == ("图书室",)  # never one article's author
    manifest.write_text(
        "title: 读本\npublisher: 图书室\nauthors: [王编, 李编]\narticles: [a.md, b.md]\n", "utf-8"
    )
    assert load(tmp_path).collection.creators == ("王编", "李编")
    manifest.write_text("title: 读本\nauthors: 王编\narticles: [a.md]\n", "utf-8")
    assert load(tmp_path).collection.creators == ("王编",)
    # One article built alone is by its own authors.
    assert load(tmp_path / "a.md").collection.creators == ("单晓梅",)


def test_one_article_of_a_collection_builds_with_the_collection_s_root(tmp_path: Path) -> None:
    # 06-jumin.md shows ../images/...: inside the collection, outside the article's folder.
    article = EXAMPLES / "community-reader" / "articles" / "06-jumin.md"
    collection = load(article).collection
    assert collection.root == (EXAMPLES / "community-reader").resolve()
    assert collection.pinyin  # the collection's pinyin.yaml
    built = run_publish("build", article, "-f", "html", "-o", tmp_path)
    assert built.returncode == 0, built.stderr
    assert list((tmp_path / "html" / "images").rglob("*.png"))


def _schema_output_paths() -> set[str]:
    schema = json.loads(
        resources.files("publish.sources").joinpath("schema/manifest.json").read_text("utf-8")
    )
    found = set()
    for key, value in schema["properties"]["output"]["properties"].items():
        if key in ("pdf", "epub", "html", "braille"):
            found |= {f"{key}.{name}" for name in value["properties"]}
        else:
            found.add(key)
    return found


def test_the_manifest_schema_takes_exactly_the_settings_options() -> None:
    """The schema checks a manifest before the settings read it: a key it does not know is
    refused, so it must know every option (it once refused `pinyin_scale`, which README
    documents) and no other."""
    assert _schema_output_paths() == set(OPTIONS)


def test_every_option_is_accepted_in_a_manifest(tmp_path: Path) -> None:
    manifest = (
        "title: 集\narticles: [articles/a.md]\n"
        "output:\n  pinyin_scale: 1.1\n  html:\n    pinyin_words: true\n"
    )
    project = load_project(_project(tmp_path, manifest))
    assert project.settings.pinyin_scale == 1.1
    assert project.settings.html.pinyin_words

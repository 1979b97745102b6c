"""The pipeline's pinyin step on real collections: Ruby words, unchanged text, warnings."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

import publish
from publish.errors import PublishError
from publish.model import Emphasis, Paragraph, Ruby, Text, plain_text, reading_order
from publish.pinyin.annotate import annotate_collection
from tests.conftest import captured_warnings


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory):
    from tests.conftest import EXAMPLES

    root = tmp_path_factory.mktemp("seed") / "luyuan"
    shutil.copytree(EXAMPLES / "luyuan-interviews", root, ignore=shutil.ignore_patterns("build"))
    (root / "pinyin.yaml").write_text(
        "绿园: lv4 yuan2\n畅晓宁: chàng xiǎo níng\n", encoding="utf-8"
    )
    project = publish.load(root)
    return project, annotate_collection(
        project.collection, project.settings.updated({"pinyin": True})
    )


def _rubies(article) -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}

    def walk(runs) -> None:
        for run in runs:
            if isinstance(run, Ruby):
                found.setdefault(run.base, run.readings)
            elif hasattr(run, "children"):
                walk(run.children)

    for runs in reading_order(article):
        walk(runs)
    return found


def test_text_is_unchanged_and_every_han_char_has_one_reading(seed) -> None:
    project, annotated = seed
    for before, after in zip(project.collection.articles, annotated.articles, strict=True):
        assert [plain_text(r) for r in reading_order(before)] == [
            plain_text(r) for r in reading_order(after)
        ]
        for base, readings in _rubies(after).items():
            assert len(base) == len(readings)


def test_seed_words_and_declared_names(seed) -> None:
    _, annotated = seed
    rubies = _rubies(annotated.articles[0])
    assert rubies["绿园"] == ("lǜ", "yuán")
    assert rubies["吕亚舟"] == ("lǚ", "yà", "zhōu")
    assert rubies["畅晓宁"] == ("chàng", "xiǎo", "níng")
    assert rubies["行业"] == ("háng", "yè")
    assert rubies["协调"] == ("xié", "tiáo")
    assert rubies["应急"] == ("yìng", "jí")
    assert rubies["处置"] == ("chǔ", "zhì")


def test_context_spans_emphasis_and_words_split_at_run_edges(seed) -> None:
    project, _ = seed
    article = project.collection.articles[0]
    paragraph = Paragraph((Text("小明背"), Emphasis((Text("着书包"),)), Text("去上学。")))
    article = replace(article, blocks=(paragraph,), title=(Text("题"),))
    collection = replace(project.collection, articles=(article,))
    out = annotate_collection(collection, project.settings.updated({"pinyin": True}))
    runs = out.articles[0].blocks[0].children
    assert plain_text(runs) == "小明背着书包去上学。"
    assert runs[1] == Ruby("背", ("bēi",))
    assert isinstance(runs[2], Emphasis)
    assert runs[2].children[0] == Ruby("着", ("zhe",))


def test_article_dictionary_wins_and_style_applies(seed) -> None:
    project, _ = seed
    article = replace(
        project.collection.articles[0],
        pinyin=(("绿园", ("lu:4", "yuan2")),),
        blocks=(Paragraph((Text("绿园"),)),),
    )
    collection = replace(
        project.collection, articles=(article,), pinyin=(("绿园", ("lu4", "yuan2")),)
    )
    out = annotate_collection(
        collection, project.settings.updated({"pinyin": True, "pinyin_style": "number"})
    )
    assert out.articles[0].blocks[0].children == (Ruby("绿园", ("lü4", "yuan2")),)


def test_bad_syllable_names_the_file(seed) -> None:
    project, _ = seed
    collection = replace(project.collection, pinyin=(("绿园", ("lv9", "yuan2")),))
    with pytest.raises(PublishError, match=r"pinyin\.yaml: pinyin for 绿园"):
        annotate_collection(collection, project.settings)


def test_unknown_character_warned_once_per_article(seed) -> None:
    project, _ = seed
    odd = "\U0002b81d"
    article = replace(
        project.collection.articles[0],
        title=(Text(f"好{odd}"),),
        blocks=(Paragraph((Text(f"{odd}好{odd}"),)),),
    )
    collection = replace(project.collection, articles=(article,))
    with captured_warnings() as handler:
        out = annotate_collection(collection, project.settings)
    warnings = handler.messages
    assert len(warnings) == 1
    assert "U+2B81D" in warnings[0] and odd in warnings[0]
    assert str(Path(article.source_path)) in warnings[0]
    assert out.articles[0].blocks[0].children[0] == Text(odd)


def test_collection_without_han_is_an_error(seed) -> None:
    project, _ = seed
    article = replace(
        project.collection.articles[0],
        title=(Text("Hello"),),
        blocks=(Paragraph((Text("Only Latin, 2018."),)),),
    )
    collection = replace(project.collection, articles=(article,))
    with pytest.raises(PublishError, match="no Han character"):
        annotate_collection(collection, project.settings)


def test_forked_workers_give_the_same_annotation(monkeypatch: pytest.MonkeyPatch) -> None:
    from publish.pinyin import annotate
    from tests.conftest import EXAMPLES

    project = publish.load(EXAMPLES / "community-reader")
    settings = project.settings.updated({"pinyin": True})
    monkeypatch.setenv("PUBLISH_PROCESSES", "1")
    alone = annotate_collection(project.collection, settings)
    monkeypatch.setenv("PUBLISH_PROCESSES", "2")
    monkeypatch.setattr(annotate, "PARALLEL_FROM", 0)
    assert annotate_collection(project.collection, settings) == alone


def test_batches_give_the_annotation_and_cache_entries_of_one_analysis(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A worker analyses `ANALYSED_AT_ONCE` articles at a time (its memory bounded by the
    batch, not the share): the same articles and cache entries as all at once."""
    from publish import cache
    from publish.pinyin import annotate
    from tests.conftest import EXAMPLES

    project = publish.load(EXAMPLES / "community-reader")
    assert len(project.collection.articles) > 2
    settings = project.settings.updated({"pinyin": True})
    monkeypatch.setenv("PUBLISH_PROCESSES", "1")
    made = {}
    for batch in (1_000, 2):
        monkeypatch.setattr(annotate, "ANALYSED_AT_ONCE", batch)
        with cache.opened(cache.Cache(tmp_path / str(batch))):
            made[batch] = annotate_collection(project.collection, settings)
    assert made[2] == made[1_000]
    entries = {
        batch: {
            p.relative_to(tmp_path / str(batch)): p.read_bytes()
            for p in (tmp_path / str(batch)).rglob("*")
            if p.is_file()
        }
        for batch in made
    }
    assert entries[1_000] and entries[2] == entries[1_000]


def test_forked_workers_make_the_cache_entries_of_one_process(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The workers send each analysis back as its cache entry (`cache.entry`): the same
    entries as one process stores, read back as the same annotation."""
    from publish import cache
    from publish.pinyin import annotate
    from tests.conftest import EXAMPLES

    project = publish.load(EXAMPLES / "community-reader")
    settings = project.settings.updated({"pinyin": True})
    monkeypatch.setattr(annotate, "PARALLEL_FROM", 0)
    made = {}
    for processes in ("1", "2"):
        monkeypatch.setenv("PUBLISH_PROCESSES", processes)
        with cache.opened(cache.Cache(tmp_path / processes)):
            made[processes] = annotate_collection(project.collection, settings)
    assert made["1"] == made["2"]
    entries = {
        name: {
            p.relative_to(tmp_path / name): p.read_bytes()
            for p in (tmp_path / name).rglob("*")
            if p.is_file()
        }
        for name in made
    }
    assert entries["1"] and entries["1"] == entries["2"]
    with cache.opened(cache.Cache(tmp_path / "2")) as store:
        assert annotate_collection(project.collection, settings) == made["1"]
        assert store is not None and store.hits == len(project.collection.articles)


def test_analyses_are_the_same_computed_or_read_from_the_cache(seed, tmp_path: Path) -> None:
    from publish import cache
    from publish.pinyin.annotate import _flat, analyse_texts

    project, _ = seed
    collection = project.collection
    settings = project.settings.updated({"pinyin": True})
    texts = [[_flat(runs) for runs in reading_order(a)] for a in collection.articles]
    computed = analyse_texts(collection.articles, collection, settings, texts)
    with cache.opened(cache.Cache(tmp_path)) as store:
        made = analyse_texts(collection.articles, collection, settings, texts)
        read = analyse_texts(collection.articles, collection, settings, texts)
        assert store is not None and store.hits == len(collection.articles)
    assert computed == made == read
    # What only the proof lists read (they compute their own) is left out of the build's.
    analyses = [analysis for found in read for analysis in found.values()]
    assert analyses and not any(a.sources or a.confidences or a.alternatives for a in analyses)

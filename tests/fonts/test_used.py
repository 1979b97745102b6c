"""publish.fonts.used: the characters an edition sets, by weight."""

from __future__ import annotations

from dataclasses import replace

import pytest

from publish.fonts import used as used_module
from publish.fonts.used import reading_once, source_texts, used_text
from publish.model import Ruby, visible_text
from publish.pipeline import load
from tests.conftest import (
    FIXTURES,
)
from tests.fonts.conftest import (
    SEED,
    settings_for,
)


def test_used_text_splits_the_edition_by_weight() -> None:
    collection = load(SEED).collection
    used = used_text(collection)
    article = collection.articles[0]
    assert set(visible_text(article)) - set("\n") <= set(used.all)
    assert set(article.title_text) <= set(used.bold)
    assert set(collection.title) <= set(used.bold) & set(used.regular)
    assert len(used.bold) < len(used.regular) / 2  # headings and names, not the body
    assert used.regular == "".join(sorted(set(used.regular)))


def test_readings_count_in_the_regular_weight_even_in_headings() -> None:
    """The layouts set ruby text in the regular weight, headings included."""
    from publish.pinyin.annotate import annotate_collection

    settings = settings_for("kai", pinyin=True)
    collection = annotate_collection(load(SEED).collection, settings)
    used = used_text(collection)
    title = collection.articles[0].title
    readings = {c for run in title if isinstance(run, Ruby) for c in "".join(run.readings)}
    assert readings and readings <= set(used.regular) & set(used.bold)


def test_used_text_adds_what_rendered_documents_show() -> None:
    collection = load(FIXTURES / "minimal").collection
    page = (
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
        "<head><title>標題不顯示</title><style>p{}</style></head>"
        "<body><nav>目录</nav><h2>章</h2><p>页<strong>粗</strong><b>體</b></p>"
        "<table><tr><th>表</th></tr></table><ruby>字<rp>(</rp><rt>zì</rt><rp>)</rp></ruby>"
        "<h3>题<ruby>目<rt>mù</rt></ruby></h3><dl><dt>项</dt><dd>值</dd></dl></body></html>"
    )
    used = used_text(collection, [page], extra="◆")
    # dt is not bold by the user agent's stylesheet (HTML §15.3.3), so 项 is regular.
    assert set("目录页字zì()值mù◆项") <= set(used.regular)
    assert set("章粗體表题目mù◆") <= set(used.bold)
    assert not set("章粗體表题") & set(used.regular) - set(used_text(collection).regular)
    assert not set("標題不顯示") & set(used.all)


def test_a_build_reads_each_article_once_and_an_article_changed_since_anew(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The coverage check and each format's fonts read the same articles: inside
    `reading_once` each is walked once; an article replaced since (a body annotated after the
    check, in a rebuild) is a new object and is read again, and outside nothing is kept."""
    collection = load(SEED).collection
    walked: list[str] = []
    walk = used_module._article_text

    def counted(article):  # type: ignore[no-untyped-def]
        walked.append(article.slug)
        return walk(article)

    monkeypatch.setattr(used_module, "_article_text", counted)
    with reading_once():
        first = source_texts(collection)
        assert source_texts(collection) == first
        assert len(walked) == len(collection.articles)
        article = collection.articles[0]
        retitled = replace(article, title=(*article.title, *article.title))
        again = source_texts(replace(collection, articles=(retitled,)))
        assert len(walked) == len(collection.articles) + 1
        assert again[1][1:] == first[1][1:]  # the same characters, read anew
    source_texts(collection)
    assert len(walked) == len(collection.articles) + 2


def test_many_articles_are_read_by_forked_processes_as_by_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """From `READ_IN_PARALLEL_FROM` articles on, forked processes read the characters: the
    same characters, source by source, in order."""
    from publish.pinyin.annotate import annotate_collection

    collection = annotate_collection(load(SEED).collection, settings_for("kai", pinyin=True))
    seed = collection.articles[0]
    copies = tuple(
        replace(seed, slug=f"a{n}", title=(*seed.title, Ruby(chr(0x9F00 + n), ("ā",))))
        for n in range(used_module.READ_IN_PARALLEL_FROM + 10)
    )
    many = replace(collection, articles=copies)
    monkeypatch.setenv("PUBLISH_PROCESSES", "2")
    forked = source_texts(many)
    monkeypatch.setenv("PUBLISH_PROCESSES", "1")
    assert source_texts(many) == forked
    assert [chr(0x9F00 + n) in bold for n, (_, _, bold) in enumerate(forked[1:])] == [True] * len(
        copies
    )

"""publish.fonts.embed: the faces hold what the rendered documents show, whatever was guessed."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from fontTools.ttLib import TTFont

from publish.fonts.embed import embed
from publish.fonts.faces import font_faces
from publish.fonts.subset import subset_faces
from publish.fonts.used import used_text
from publish.pipeline import load
from tests.fonts.conftest import SEED, settings_for

CSS = "h1 { font-weight: bold }"


def _pages(late: str) -> list[str]:
    """Six pages; the last shows `late` in each weight, after the faces were guessed."""
    pages = [f"<html><body><h1>标题</h1><p>正文{n}</p></body></html>" for n in range(5)]
    return [*pages, f"<html><body><h1>{late}</h1><p>{late}</p></body></html>"]


@pytest.mark.parametrize("late", ["", "鑫淼"])
def test_the_faces_hold_what_the_documents_show(late: str) -> None:
    """Cut to the first documents' guess, and again when a later one shows more."""
    collection = load(SEED).collection
    faces = font_faces(settings_for("sans"))
    pages = _pages(late)
    embedded = embed(collection, faces, iter(pages), CSS, "woff2")
    expected = subset_faces(faces, used_text(collection, pages, "", CSS), "woff2")
    assert [face.data for face in embedded] == [face.data for face in expected]
    for face in embedded:
        assert {ord(c) for c in late} <= set(TTFont(io.BytesIO(face.data)).getBestCmap())


def test_a_failing_document_fails_the_embedding() -> None:
    collection = load(SEED).collection
    faces = font_faces(settings_for("sans"))

    def pages() -> Iterator[str]:
        yield from _pages("")
        raise RuntimeError("layout failed")

    with pytest.raises(RuntimeError, match="layout failed"):
        embed(collection, faces, pages(), CSS, "sfnt")


def test_without_faces_the_documents_are_still_read() -> None:
    read: list[str] = []

    def pages() -> Iterator[str]:
        for page in _pages(""):
            read.append(page)
            yield page

    assert embed(load(SEED).collection, [], pages(), CSS, "sfnt") == []
    assert len(read) == 6

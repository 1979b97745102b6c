"""A long contents laid out in pieces gives the pages it takes laid out in one piece."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from publish.builders.pdf import front
from tests.builders.pdf.conftest import Built, build_pdf

ARTICLES = 60


@pytest.fixture(scope="module")
def many_titles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 short articles, every seventh with a title over five lines of the contents, so
    that some entries are split by a page end."""
    project = tmp_path_factory.mktemp("titles")
    (project / "articles").mkdir()
    (project / "publish.yaml").write_text(
        "title: 目录很长的合集\narticles: [articles/*.md]\n", encoding="utf-8"
    )
    for number in range(1, ARTICLES + 1):
        title = f"第{number}篇：社区新闻"
        if number % 7 == 3:
            title += "，居民们在新建的图书室里读书看报、交流心得，" * 5
        (project / "articles" / f"{number:02d}.md").write_text(
            f"---\ntitle: {title}\nslug: a{number:02d}\n---\n\n街道今天组织了一次活动。\n",
            encoding="utf-8",
        )
    return project


@pytest.fixture(scope="module")
def whole_and_pieces(
    many_titles: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Built, Built]:
    """The collection built in parts, its contents in one piece and in pieces of 20 entries."""
    mp = pytest.MonkeyPatch()
    try:
        mp.setenv("PUBLISH_PROCESSES", "2")
        whole = build_pdf(many_titles, tmp_path_factory.mktemp("whole"), pinyin=True)
        mp.setattr(front, "PIECE_ENTRIES", 20)
        pieces = build_pdf(many_titles, tmp_path_factory.mktemp("pieces"), pinyin=True)
    finally:
        mp.undo()
    for built in (whole, pieces):
        assert [w for w in built.warnings if "not in the edition's font" not in w] == []
    return whole, pieces


def _front_pages(built: Built) -> int:
    """The pages before the first article's."""
    return min(int(p.label) for p in built.output.print_pages) - 1


def _links(built: Built) -> list[tuple[int, list[float], int]]:
    """Each link: its page, its rectangle, and the page its named destination opens."""
    with pikepdf.open(built.path) as pdf:
        index = {page.objgen: number for number, page in enumerate(pdf.pages)}
        flat = pdf.Root.Names.Dests.Names
        targets = {str(flat[i]): index[flat[i + 1][0].objgen] for i in range(0, len(flat), 2)}
        return [
            (number, [round(float(v), 2) for v in link.Rect], targets[str(link.Dest)])
            for number, page in enumerate(pdf.pages)
            for link in page.obj.get("/Annots", [])
        ]


def _elements(element: pikepdf.Dictionary, depth: int = 0) -> list[tuple[int, str]]:
    """The structure elements under `element`, each with its depth, in order."""
    kids = element.get("/K")
    kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return [(depth, str(element.S))] + [
        found
        for kid in kids
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid
        for found in _elements(kid, depth + 1)
    ]


def test_the_pages_are_those_of_one_piece(whole_and_pieces: tuple[Built, Built]) -> None:
    whole, pieces = whole_and_pieces
    assert pieces.pages == whole.pages
    front_pages = _front_pages(whole)
    assert front_pages == _front_pages(pieces) >= 5  # the cover and four pages or more
    for page in range(1, whole.pages + 1):
        assert pieces.text(page) == whole.text(page), page
    assert pieces.output.print_pages == whole.output.print_pages
    assert _links(pieces) == _links(whole)
    assert len(_links(whole)) >= ARTICLES


def test_the_pieces_are_joined_with_their_numbers_drawn(
    whole_and_pieces: tuple[Built, Built],
) -> None:
    """The pieces after the first had their numbers drawn, as artifacts, where one piece
    prints them; the bookmarks, the tag tree and PDF/UA-1 are as in one piece."""
    from page import ValidationProfile, validate_pdf

    whole, pieces = whole_and_pieces
    with pikepdf.open(pieces.path) as pdf:
        drawn = [
            number
            for number, page in enumerate(pdf.pages[: _front_pages(whole)], start=1)
            if any(name.startswith("/PublishDigit") for name in page.Resources.get("/XObject", {}))
        ]
        tree = pdf.Root.StructTreeRoot
        assert len(tree.K) == 1 and tree.K[0].S == "/Document"
        elements = _elements(tree.K[0])
    with pikepdf.open(whole.path) as pdf:
        assert elements == _elements(pdf.Root.StructTreeRoot.K[0])
    assert drawn and drawn[0] > 2  # the first piece's numbers are its own
    for page in drawn:
        assert pieces.footer(page) == whole.footer(page) == str(page)
    assert [
        (o.title, pieces.reader.get_destination_page_number(o))
        for o in pieces.reader.outline
        if not isinstance(o, list)
    ] == [
        (o.title, whole.reader.get_destination_page_number(o))
        for o in whole.reader.outline
        if not isinstance(o, list)
    ]
    report = validate_pdf(str(pieces.path), profile=ValidationProfile.PDF_UA_1)
    assert [f"{f.rule_id}: {f.message}" for f in report.failures] == []


def test_a_piece_is_cut_before_a_page_that_begins_with_an_entry() -> None:
    """Not before a page that begins inside one (an entry over a page end), nor in the first
    piece before the contents' first page, which begins with its heading."""
    a, b, c, d = (object() for _ in range(4))
    assert front._cut([[a, b], [c], [d]], opening=False) == 2
    assert front._cut([[a, b], [b, c], [c]], opening=False) is None
    assert front._cut([[a], [a, b], [b], [c, d]], opening=False) == 3
    assert front._cut([[a], [b, c], [c, d]], opening=False) == 1
    assert front._cut([[], [a, b], [c]], opening=True) == 2
    assert front._cut([[], [a, b]], opening=True) is None


def test_the_pieces_give_the_same_bytes_on_any_number_of_processes_and_from_the_cache(
    many_titles: Path,
    whole_and_pieces: tuple[Built, Built],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from publish.pipeline import build

    _, pieces = whole_and_pieces
    monkeypatch.setattr(front, "PIECE_ENTRIES", 20)
    monkeypatch.setenv("PUBLISH_PROCESSES", "3")
    three = build_pdf(many_titles, tmp_path / "three", pinyin=True)
    assert three.path.read_bytes() == pieces.path.read_bytes()
    out = tmp_path / "cached"
    (pdf,) = build(many_titles, out, formats="pdf", pinyin=True)
    first = pdf.read_bytes()
    (pdf,) = build(many_titles, out, formats="pdf", pinyin=True)  # the contents read
    assert pdf.read_bytes() == first
    (fresh,) = build(many_titles, tmp_path / "fresh", formats="pdf", pinyin=True, cache=False)
    assert fresh.read_bytes() == first

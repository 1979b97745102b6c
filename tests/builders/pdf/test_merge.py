"""The join writes each part's objects as it reads them: references renumbered, nothing else."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pikepdf

from publish.builders.pdf.merge import _Output, _Source


def _written(build: pikepdf.Pdf, tmp_path: Path) -> tuple[_Source, int, pikepdf.Pdf]:
    """`build`'s catalog read into a new PDF through `_Source`: the source, the catalog's
    number in the new PDF, and the new PDF opened again."""
    target = tmp_path / "out.pdf"
    with target.open("wb") as file:
        output = _Output(file, "1.7")
        source = _Source(build, output, {})
        catalog = source.reference(build.Root)
        source.drain()
        output.close(catalog, None)
    return source, catalog, pikepdf.open(target)


def test_references_are_renumbered_and_strings_that_look_like_them_are_not(
    tmp_path: Path,
) -> None:
    """An article's text in a tag's ActualText may read "1 0 R" or hold parentheses: only
    real references take the new numbers (a string that looked like one would point a reader
    at another object)."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    # Objects nothing reaches, numbered 4 to 13: a string misread as a reference to one of
    # them would write it, and read with its new number.
    unreached = [pdf.make_indirect(pikepdf.Dictionary(N=i)) for i in range(10)]
    numbers = [obj.objgen[0] for obj in unreached]
    words = [f"第 {numbers[0]} 0 R 号", f"x) {numbers[1]} 0 R (y", f"（{numbers[2]} 0 R）"]
    words.append(f"a\\b {numbers[3]} 0 R")
    element = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem,
            ActualText=pikepdf.Array([pikepdf.String(w) for w in words]),
            Pg=pdf.pages[0].obj,
            Size=pikepdf.Array([1.5, 0, 2, 10]),
        )
    )
    pdf.Root.Tagged = element
    _, _, written = _written(pdf, tmp_path)
    copied = written.Root.Tagged
    assert [str(s) for s in copied.ActualText] == words
    assert copied.Pg.objgen == written.Root.Pages.Kids[0].objgen
    assert copied.Pg.Type == pikepdf.Name.Page
    assert list(copied.Size) == [1.5, 0, 2, 10]
    assert len(written.objects) < len(pdf.objects) - len(unreached) + 3


def test_an_object_reached_twice_is_written_once(tmp_path: Path) -> None:
    pdf = pikepdf.new()
    shared = pdf.make_indirect(pikepdf.Dictionary(Name=pikepdf.String("shared")))
    pdf.Root.First = pikepdf.Array([shared, shared])
    pdf.Root.Second = shared
    _, _, written = _written(pdf, tmp_path)
    first, again = written.Root.First
    assert first.objgen == again.objgen == written.Root.Second.objgen
    assert str(first.Name) == "shared"


def test_the_written_pdf_is_read_back_whole_and_is_the_same_each_time(tmp_path: Path) -> None:
    """Streams keep their bytes and filters, small objects travel in object streams, and the
    cross-reference stream finds each of them; the same input gives the same bytes."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page()
    page.obj.Contents = pdf.make_stream(b"BT /F1 12 Tf (hello) Tj ET" * 50)
    many = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(N=i)) for i in range(450)])
    pdf.Root.Many = many
    outputs = []
    for run in ("a", "b"):
        folder = tmp_path / run
        folder.mkdir()
        _, _, written = _written(pdf, folder)
        assert written.pages[0].obj.Contents.read_bytes() == b"BT /F1 12 Tf (hello) Tj ET" * 50
        assert [int(item.N) for item in written.Root.Many] == list(range(450))
        outputs.append((folder / "out.pdf").read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b"/ObjStm") == 3  # 450 dictionaries and more, 200 a stream
    with pikepdf.open(BytesIO(outputs[0])) as reread:
        assert reread.check_pdf_syntax() == []
        assert reread.get_warnings() == []

"""The PDF for a four-colour press (issue 14, defects 11 and 12): PDF/X-4 is CMYK with the
FOGRA39 output condition, sets text, readings, rules and borders in black ink alone, declares
its RGB images sRGB, and claims PDF/UA-1 beside PDF/X-4; the default PDF keeps its colours.

Colours are read from the page content streams (and the forms they draw) with pikepdf, as a
press's RIP reads them: the fill colour in force at each text-showing operator, and at each
fill and stroke."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pikepdf
import pytest
from page import ValidationProfile, validate_pdf

from publish.builders.pdf.press import OUTPUT_CONDITION, PROFILE_FILE, settle_stream_ends
from publish.config import bundled_path
from tests.builders.pdf.conftest import READER, SEED, Built

Colour = tuple[Any, ...]
"""A colour space's name and the colour's components: ("/DeviceCMYK", 0, 0, 0, 1)."""

PURE_BLACK: Colour = ("/DeviceCMYK", 0.0, 0.0, 0.0, 1.0)
NO_INK: Colour = ("/DeviceCMYK", 0.0, 0.0, 0.0, 0.0)
RGB_BLACK: Colour = ("/DeviceRGB", 0.0, 0.0, 0.0)

_SET_FILL = {"rg": "/DeviceRGB", "g": "/DeviceGray", "k": "/DeviceCMYK"}
_SET_STROKE = {"RG": "/DeviceRGB", "G": "/DeviceGray", "K": "/DeviceCMYK"}
_SHOW_TEXT = {"Tj", "TJ", "'", '"'}
_FILL = {"f", "F", "f*", "B", "B*", "b", "b*"}
_STROKE = {"S", "s", "B", "B*", "b", "b*"}


def painted(pdf: pikepdf.Pdf) -> Iterator[tuple[str, Colour]]:
    """("text" | "fill" | "stroke", the colour in force) for every painting operator of every
    page, forms included; the graphics state's colours are saved and restored with q and Q."""

    def walk(content: Any, resources: Any, fill: Colour, stroke: Colour) -> Iterator[Any]:
        saved: list[tuple[Colour, Colour]] = []
        for operands, operator in pikepdf.parse_content_stream(content):
            op = str(operator)
            if op == "q":
                saved.append((fill, stroke))
            elif op == "Q":
                fill, stroke = saved.pop()
            elif op == "cs":
                fill = (str(operands[0]),)
            elif op == "CS":
                stroke = (str(operands[0]),)
            elif op in ("sc", "scn"):
                fill = (fill[0], *(float(v) for v in operands))
            elif op in ("SC", "SCN"):
                stroke = (stroke[0], *(float(v) for v in operands))
            elif op in _SET_FILL:
                fill = (_SET_FILL[op], *(float(v) for v in operands))
            elif op in _SET_STROKE:
                stroke = (_SET_STROKE[op], *(float(v) for v in operands))
            elif op == "Do":
                drawn = resources.XObject[operands[0]]
                if drawn.Subtype == "/Form":
                    yield from walk(drawn, drawn.get("/Resources", resources), fill, stroke)
            else:
                if op in _SHOW_TEXT:
                    yield "text", fill
                if op in _FILL:
                    yield "fill", fill
                if op in _STROKE:
                    yield "stroke", stroke

    for page in pdf.pages:
        yield from walk(page.obj, page.Resources, ("/DeviceGray", 0.0), ("/DeviceGray", 0.0))


def _xmp(pdf: pikepdf.Pdf) -> ElementTree.Element:
    data = pdf.Root.Metadata.read_bytes()
    return ElementTree.fromstring(data[data.index(b"<x:xmpmeta") : data.rindex(b">") + 1])


def _xmp_values(pdf: pikepdf.Pdf, name: str) -> list[str]:
    """Every value of the XMP property `name` ("{namespace}local"), element or attribute."""
    values = []
    for element in _xmp(pdf).iter():
        if element.tag == name and element.text:
            values.append(element.text)
        if name in element.attrib:
            values.append(element.attrib[name])
    return values


PDFXID = "{http://www.npes.org/pdfx/ns/id/}GTS_PDFXVersion"
PDFUAID = "{http://www.aiim.org/pdfua/ns/id/}part"


@pytest.fixture
def press(pdf: Any) -> Built:
    """The community reader (a table, an image, pinyin) at A5 for the press."""
    return pdf(READER, paper="A5", pinyin=True, pdf={"variant": "pdf/x-4", "bleed": "3mm"})


def test_text_readings_rules_and_borders_are_black_ink_alone(press: Built) -> None:
    with pikepdf.open(press.path) as pdf:
        colours = Counter(painted(pdf))
    text = {colour for (what, colour) in colours if what == "text"}
    assert text == {PURE_BLACK}, text
    # The readings are text too: more text-showing operators than in the edition without.
    assert colours["text", PURE_BLACK] > 2000
    # Table borders and underlines are black ink; the paper is painted with no ink at all.
    assert colours["stroke", PURE_BLACK] > 0
    assert set(colours) <= {("text", PURE_BLACK), ("stroke", PURE_BLACK), ("fill", PURE_BLACK),
                            ("fill", NO_INK)}, set(colours)  # fmt: skip


def test_the_output_intent_is_fogra39_with_the_bundled_profile(press: Built) -> None:
    with pikepdf.open(press.path) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFX"
        for key, value in OUTPUT_CONDITION.items():
            assert str(intent[f"/{key}"]) == value
        profile = intent.DestOutputProfile
        assert profile.N == 4
        data = profile.read_bytes()
        assert data == (bundled_path("profiles") / PROFILE_FILE).read_bytes()
        assert data[12:20] == b"prtrCMYK"  # an output profile, CMYK to the PCS


def test_images_stay_rgb_and_are_declared_srgb(press: Built) -> None:
    """The article's photograph keeps its RGB pixels; PDF/X-4 allows RGB beside a CMYK
    intent only where a profile says what it is: DefaultRGB, the sRGB profile."""
    with pikepdf.open(press.path) as pdf:
        images = [
            x
            for page in pdf.pages
            for x in page.Resources.get("/XObject", {}).values()
            if x.Subtype == "/Image"
        ]
        assert images and {str(x.ColorSpace) for x in images} == {"/DeviceRGB"}
        for page in pdf.pages:
            space = page.Resources.ColorSpace.DefaultRGB
            assert space[0] == "/ICCBased" and space[1].N == 3
            assert space[1].read_bytes()[16:20] == b"RGB "


def test_pdf_x4_claims_pdf_ua_1_too_and_meets_both(press: Built) -> None:
    """PDF/X-4 (ISO 15930-7) as far as it can be checked offline: PDF 1.6, the version in the
    XMP, Trapped, a trim box inside the bleed box inside the media box on every page, a file
    identifier; and page-validation's PDF/UA-1 rules."""
    with pikepdf.open(press.path) as pdf:
        assert pdf.pdf_version == "1.6"
        assert _xmp_values(pdf, PDFXID) == ["PDF/X-4"]
        assert _xmp_values(pdf, PDFUAID) == ["1"]
        assert pdf.docinfo.Trapped == "/False"
        assert len(pdf.trailer.ID) == 2
        for page in pdf.pages:
            trim, bleed, media = (
                [float(v) for v in page.obj[box]] for box in ("/TrimBox", "/BleedBox", "/MediaBox")
            )
            assert media[:2] <= bleed[:2] <= trim[:2] and trim[2:] <= bleed[2:] <= media[2:]
    report = validate_pdf(str(press.path), profile=ValidationProfile.PDF_UA_1)
    assert [f"{f.rule_id}: {f.message}" for f in report.failures] == []


@pytest.mark.parametrize(
    ("options", "intent"),
    [({}, None), ({"variant": "pdf/x-4", "color": "rgb"}, 3)],
)
def test_the_rgb_editions_keep_rgb_black(pdf: Any, options: dict[str, Any], intent: int) -> None:
    """The default PDF (PDF/UA-1) has no output intent; PDF/X-4 in RGB has the sRGB one.
    Both set text in RGB black, and the press variant still claims PDF/UA-1."""
    built = pdf(SEED, pdf=options)
    with pikepdf.open(built.path) as pdf_file:
        text = {colour for (what, colour) in painted(pdf_file) if what == "text"}
        assert text == {RGB_BLACK}
        intents = pdf_file.Root.get("/OutputIntents")
        assert (intents[0].DestOutputProfile.N if intents else None) == intent
        assert _xmp_values(pdf_file, PDFUAID) == ["1"]


def test_the_press_booklet_keeps_the_output_condition(pdf: Any) -> None:
    """The imposed booklet is for the press only: it names the same condition, and its sheets
    draw the pages' black ink unchanged."""
    built = pdf(
        READER,
        paper="A5",
        pdf={"variant": "pdf/x-4", "booklet": True},
        expect=("is for the press only",),
    )
    booklet = built.output.files[1]
    with pikepdf.open(booklet) as imposed:
        (intent,) = imposed.Root.OutputIntents
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert intent.DestOutputProfile.N == 4
        assert {colour for what, colour in painted(imposed) if what == "text"} == {PURE_BLACK}


@pytest.mark.parametrize("color", [None, "cmyk"])
def test_pdf_a_2b_editions_meet_every_pdf_a_2b_rule(pdf: Any, color: str | None) -> None:
    """page-validation's PDF/A-2b rules pass on the archival edition, in RGB and in CMYK.
    page-validation has no PDF/X profile; PDF/A-2's colour rules are PDF/X-4's (device colour
    only in the output intent's space, or remapped by a Default colour space), so they check
    the CMYK edition's colours too: the RGB photograph passes through DefaultRGB, the text
    through the CMYK intent. The reader's photograph is what WeasyPrint marks to be
    interpolated, and its XMP is what it compresses: both are undone for PDF/A."""
    built = pdf(READER, paper="A5", pdf={"variant": "pdf/a-2b", "color": color})
    report = validate_pdf(str(built.path), profile=ValidationProfile.PDF_A_2B)
    assert [failure.rule_id for failure in report.failures] == []
    with pikepdf.open(built.path) as archived:
        assert "/Filter" not in archived.Root.Metadata


def test_no_stream_ends_in_a_carriage_return_once_settled(tmp_path: Path) -> None:
    """A stream whose data ends in CR before the writer's LF and "endstream" reads to a
    validator as one byte short of its /Length (one compressed stream in 256 does, by its
    checksum). `settle_stream_ends` ends a page's content with a line feed, and wraps an
    image in ASCII85; what they draw is unchanged."""
    path = tmp_path / "cr.pdf"
    content = b"q 10 0 0 10 0 0 cm /Im0 Do Q\r"
    pixels = b"\x00\x0d\x0d\x0d"  # two by two grey pixels, the last byte a CR
    with pikepdf.new() as made:
        made.add_blank_page()
        page = made.pages[0].obj
        page.Contents = made.make_stream(content)
        image = made.make_stream(
            pixels,
            Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=2, Height=2,
            ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8,
        )  # fmt: skip
        page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
        made.save(path, compress_streams=False)

    def length_failures() -> list[str]:
        report = validate_pdf(str(path), profile=ValidationProfile.PDF_A_2B)
        return [f.rule_id for f in report.failures if "STREAM-LENGTH" in f.rule_id]

    assert length_failures() == ["PDFA2B-STREAM-LENGTH-001"]
    settle_stream_ends(path)
    assert length_failures() == []
    assert b"\r\nendstream" not in path.read_bytes()
    with pikepdf.open(path) as settled:
        page = settled.pages[0].obj
        assert page.Contents.read_bytes() == content + b"\n"
        image = page.Resources.XObject.Im0
        assert image.Filter == pikepdf.Name.ASCII85Decode
        assert image.read_bytes() == pixels
    before = path.read_bytes()
    settle_stream_ends(path)  # nothing left to settle: the file is not rewritten
    assert path.read_bytes() == before

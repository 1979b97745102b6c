"""The PDF for a four-colour press, and the claims a press PDF makes beside PDF/X-4.

Builders step (PDF), around WeasyPrint's rendering and writing (`layout`). The CMYK edition
(`PdfSettings.cmyk`) is laid out with the bundled FOGRA39 profile as its output intent
(`profiles/README.md` says where the profile comes from); the print stylesheet sets its text,
rules and borders in `device-cmyk(0 0 0 1)`, black ink alone, which WeasyPrint writes as
DeviceCMYK, the output intent's own colour space. Then, as the PDF is finished:

- the output intent names the registered condition (FOGRA39 in the ICC's registry), so that
  a printer's preflight knows it without reading the profile;
- what is still RGB (images, which stay as they are, and WeasyPrint's printer's marks) is
  declared sRGB (`DefaultRGB`, ISO 32000-1 8.6.5.6): PDF/X-4 forbids device RGB beside a CMYK
  output intent, and the press converts sRGB to its inks through the output intent;
- PDF/X-4 is tagged like every edition, so it claims PDF/UA-1 too (`pdfuaid:part` in the
  XMP beside `GTS_PDFXVersion`): the two standards ask nothing of each other that conflicts.

A PDF/A edition (archival, any colour) is finished so that it holds what it claims: WeasyPrint
asks viewers to smooth scaled images (`/Interpolate true`) and compresses the XMP metadata,
and PDF/A forbids both (ISO 19005-2 6.2.8.3 and 6.6.2.3.1), so images are set not to
interpolate and the metadata is written as plain text, where archive tools read it. Once the file is
written, no stream's data may end in a carriage return (one compressed stream in 256 does:
`settle_stream_ends`): before "endstream" the writers put a line feed, and a validator reads
CR LF as the end-of-line marker, one byte short of the stream's /Length (ISO 19005-2 6.1.7.1).
"""

from __future__ import annotations

import base64
import mmap
from importlib.resources import files
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from ...config import PdfSettings, bundled_path

PROFILE_FILE = "FOGRA39L_coated.icc"
"""The bundled CMYK profile, in `profiles/`."""
CMYK = "--fogra39"
"""The name WeasyPrint knows the CMYK profile by (a CSS `@color-profile` name)."""
SRGB = "--srgb"
"""The name of the sRGB profile that RGB content is declared in."""

OUTPUT_CONDITION = {
    "OutputConditionIdentifier": "FOGRA39",
    "RegistryName": "http://www.color.org",
    "OutputCondition": (
        "Offset printing, according to ISO 12647-2:2004/Amd 1, OFCOM, paper type 1 or 2 = "
        "coated art, 115 g/m2, tone value increase curves A (CMY) and B (K)"
    ),
    "Info": "Coated FOGRA39 (ISO 12647-2:2004)",
}
"""The output intent's names for FOGRA39, as the ICC's characterisation data registry gives
them (the condition's characterisation data, FOGRA39L, is what the bundled profile is made of)."""

ARCHIVAL = frozenset({"pdf/a-2b", "pdf/a-3b", "pdf/a-4b"})
"""The PDF/A variants: no image interpolation, uncompressed XMP."""
UA_BESIDE = frozenset({"pdf/x-4"})
"""Variants that also claim PDF/UA-1: tagged, PDF 1.6 or 1.7, and checked by the tests with
page-validation's PDF/UA-1 rules."""

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_PDFUAID = "http://www.aiim.org/pdfua/ns/id/"


def color_profiles(pdf: PdfSettings) -> dict[str, Any]:
    """WeasyPrint's colour profiles for the edition: FOGRA39 and sRGB for CMYK, else none."""
    if not pdf.cmyk:
        return {}
    from weasyprint.css import ColorProfile

    cmyk = bundled_path("profiles") / PROFILE_FILE
    srgb = files("weasyprint.pdf") / "sRGB2014.icc"  # the profile WeasyPrint's sRGB intent uses
    intent = "relative-colorimetric"
    with cmyk.open("rb") as cmyk_file, srgb.open("rb") as srgb_file:
        return {
            CMYK: ColorProfile(cmyk_file, PROFILE_FILE, intent, _channels("cmyk")),
            SRGB: ColorProfile(srgb_file, "sRGB2014.icc", intent, _channels("rgb")),
        }


def _channels(names: str) -> tuple[list[str], ...]:
    """A profile's components as WeasyPrint's `ColorProfile` takes them."""
    return tuple([name] for name in names)


def output_intent(pdf: PdfSettings) -> str | None:
    """WeasyPrint's output intent: FOGRA39 for CMYK; sRGB for PDF/X in RGB, which needs one (the
    layouts are black on white, so an RGB intent loses nothing); else none."""
    if pdf.cmyk:
        return CMYK
    if pdf.variant and pdf.variant.startswith("pdf/x"):
        return "srgb"
    return None


def finish(document: Any, pdf_file: Any, pdf: PdfSettings) -> None:
    """Name the output condition, declare RGB content sRGB, claim PDF/UA-1 where it holds, and
    meet PDF/A's rules on images and metadata (WeasyPrint's `document` and `pydyf.PDF` as its
    finisher gets them)."""
    if pdf.cmyk:
        _name_condition(pdf_file)
        _default_rgb(document, pdf_file)
    if pdf.variant in UA_BESIDE:
        _claim_ua(pdf_file)
    if pdf.variant in ARCHIVAL:
        _archival(pdf_file)


def _archival(pdf_file: Any) -> None:
    """No image asks to be interpolated, and the XMP metadata stream is not compressed."""
    import pydyf

    for stream in pdf_file.objects:
        if isinstance(stream, pydyf.Stream) and stream.extra.get("Subtype") == "/Image":
            stream.extra["Interpolate"] = "false"
    _object(pdf_file, pdf_file.catalog["Metadata"]).compress = False


def settle_stream_ends(path: Path) -> None:
    """Rewrite the PDF at `path` so that no stream's data ends in a carriage return.

    A compressed stream's last byte is its data's checksum, so a line feed added to the data
    of a page's content, a form or a CMap (where it means nothing) gives it another; other
    streams (fonts, images: far rarer) are wrapped in ASCII85, whose data ends in "~>" (PDF/A
    allows every standard filter but LZW), and written as they are, since qpdf would decode
    the ASCII85 to compress them again. qpdf makes the object and cross-reference streams
    anew: should one of them end so, the file is written without them. Nothing is rewritten
    when no stream ends in a carriage return."""
    if not _has_carriage_return_ends(path):
        return
    import pikepdf

    temporary = path.with_suffix(".settled")
    with pikepdf.open(path) as pdf:
        as_written = False
        for stream in pdf.objects:
            if not isinstance(stream, pikepdf.Stream) or not stream.read_raw_bytes().endswith(
                b"\r"
            ):
                continue
            if stream.get("/Subtype") in (None, pikepdf.Name.Form) and "/Length1" not in stream:
                stream.write(stream.read_bytes() + b"\n")
            else:
                filters = _listed(stream.get("/Filter"))
                parameters = _listed(stream.get("/DecodeParms"))
                parameters += [None] * (len(filters) - len(parameters))
                stream.write(
                    base64.a85encode(stream.read_raw_bytes(), adobe=True)[2:],  # no "<~" in PDF
                    filter=pikepdf.Array([pikepdf.Name.ASCII85Decode, *filters]),
                    decode_parms=pikepdf.Array([None, *parameters]) if any(parameters) else None,
                )
                as_written = True
        options: dict[str, Any] = {"deterministic_id": True, "min_version": pdf.pdf_version}
        if as_written:
            options |= {
                "compress_streams": False,
                "stream_decode_level": pikepdf.StreamDecodeLevel.none,
            }
        pdf.save(temporary, **options)
        if _has_carriage_return_ends(temporary):
            pdf.save(temporary, **options, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    temporary.replace(path)


def _has_carriage_return_ends(path: Path) -> bool:
    """Whether a stream in the PDF at `path` ends in CR (its writer put LF and "endstream"
    after every stream's data)."""
    with path.open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return data.find(b"\r\nendstream") >= 0


def _listed(value: Any) -> list[Any]:
    """A stream's /Filter or /DecodeParms as a list: absent, one, or an array."""
    import pikepdf

    if value is None:
        return []
    return list(value) if isinstance(value, pikepdf.Array) else [value]


def _name_condition(pdf_file: Any) -> None:
    import pydyf

    for intent in pdf_file.catalog["OutputIntents"]:
        for key, value in OUTPUT_CONDITION.items():
            intent[key] = pydyf.String(value)


def _default_rgb(document: Any, pdf_file: Any) -> None:
    """Add `DefaultRGB` (the sRGB profile) to the colour spaces every page and form shares."""
    import pydyf

    srgb = document.color_profiles[SRGB].pdf_reference
    spaces = {
        _object(pdf_file, _object(pdf_file, page["Resources"])["ColorSpace"]).reference
        for page in pdf_file.objects
        if isinstance(page, pydyf.Dictionary) and page.get("Type") == "/Page"
    }
    for reference in spaces:
        _object(pdf_file, reference)["DefaultRGB"] = pydyf.Array(("/ICCBased", srgb))


def _object(pdf_file: Any, reference: Any) -> Any:
    """The object an indirect reference (pydyf writes b"12 0 R") names, or the object itself."""
    if isinstance(reference, bytes) and reference.endswith(b" 0 R"):
        return pdf_file.objects[int(reference.split()[0])]
    return reference


def _claim_ua(pdf_file: Any) -> None:
    """Add `pdfuaid:part` 1 to the XMP metadata WeasyPrint wrote for the variant (its
    `rdf:RDF` element declares every namespace it uses, so it is read and written alone)."""
    stream = _object(pdf_file, pdf_file.catalog["Metadata"])
    data = b"".join(bytes(chunk) for chunk in stream.stream)
    start, end = data.index(b"<rdf:RDF"), data.rindex(b"</rdf:RDF>") + len(b"</rdf:RDF>")
    rdf = ElementTree.fromstring(data[start:end])
    ElementTree.SubElement(
        rdf,
        f"{{{_RDF}}}Description",
        {f"{{{_RDF}}}about": "", f"{{{_PDFUAID}}}part": "1"},
    )
    claimed = ElementTree.tostring(rdf, encoding="unicode").encode()
    stream.stream = [data[:start] + claimed + data[end:]]

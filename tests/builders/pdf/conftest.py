"""Fixtures of the PDF tests: editions built once per module, read back with real PDF tools.

PDFs are built by the real pipeline's steps (load, font coverage, pinyin, the builder) so the
tests also get the builder's `Output` (its page starts), and read back as readers' and print
shops' software does: poppler's pdfinfo, pdffonts and pdftotext (required under CI=true),
pdfplumber for characters and their sizes and positions, pypdf for the outline and the
catalog. Every build fails the test on a warning it did not expect (from `publish` or
WeasyPrint).
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest

from publish.builders import Edition, Output
from publish.builders.pdf import PdfBuilder
from publish.builders.pdf.geometry import MM_PER_PT, Geometry, geometry
from publish.config import Settings
from publish.fonts.coverage import check_coverage
from publish.layouts import environment
from publish.model import Collection
from publish.pipeline import load
from tests.conftest import EXAMPLES, captured_warnings, require_tool

SEED = EXAMPLES / "luyuan-interviews"
READER = EXAMPLES / "community-reader"
CLOSING = set("。，、；：？！）」』”,:;)")
OPENING = set("（「『“(")
HAN = re.compile(r"[\u3400-\u9fff]")


def squash(text: str) -> str:
    """Text without whitespace, to compare across line and page breaks."""
    return re.sub(r"\s+", "", text)


@dataclass
class Built:
    """A built PDF, its edition and what the builder returned."""

    path: Path
    output: Output
    collection: Collection
    settings: Settings
    warnings: list[str] = field(default_factory=list)

    @cached_property
    def geo(self) -> Geometry:
        return geometry(self.settings)

    @cached_property
    def info(self) -> dict[str, str]:
        """pdfinfo's fields."""
        out = _run(require_tool("pdfinfo"), str(self.path))
        return dict(
            (key.strip(), value.strip())
            for key, _, value in (line.partition(":") for line in out.splitlines())
        )

    def boxes(self, page: int = 1) -> dict[str, tuple[float, ...]]:
        """The page's boxes (MediaBox, TrimBox, BleedBox ...) in pt, from pdfinfo -box."""
        out = _run(
            require_tool("pdfinfo"), "-box", "-f", str(page), "-l", str(page), str(self.path)
        )
        result = {}
        for line in out.splitlines():
            match = re.match(r"Page\s+\d+\s+(\w+Box):\s+(.*)", line)
            if match:
                result[match.group(1)] = tuple(float(v) for v in match.group(2).split())
        return result

    @cached_property
    def pages(self) -> int:
        return int(self.info["Pages"])

    def text(self, page: int | None = None, body: bool = False) -> str:
        """pdftotext's text of one page (or all), optionally cropped to the text area."""
        args = [require_tool("pdftotext"), "-enc", "UTF-8"]
        if page is not None:
            args += ["-f", str(page), "-l", str(page)]
        if body:
            geo = self.geo
            pt = 1 / MM_PER_PT
            offset = geo.media_bleed_mm * pt
            args += [
                "-x",
                "0",
                "-W",
                str(int((geo.width_mm + 2 * geo.media_bleed_mm) * pt)),
                "-y",
                str(int(offset + geo.top_mm * pt) - 1),
                "-H",
                str(int((geo.height_mm - geo.top_mm - geo.bottom_mm) * pt) + 2),
            ]
        return _run(*args, str(self.path), "-")

    def footer(self, page: int) -> str:
        """The text printed in the page's bottom margin (its page number), stripped."""
        geo = self.geo
        pt = 1 / MM_PER_PT
        top = (geo.media_bleed_mm + geo.height_mm - geo.bottom_mm) * pt
        args = [
            require_tool("pdftotext"),
            "-enc",
            "UTF-8",
            "-f",
            str(page),
            "-l",
            str(page),
            "-x",
            "0",
            "-W",
            str(int((geo.width_mm + 2 * geo.media_bleed_mm) * pt)),
            "-y",
            str(int(top) + 1),
            "-H",
            str(int(geo.bottom_mm * pt)),
        ]
        return _run(*args, str(self.path), "-").strip()

    def lines(self) -> list[str]:
        """Every non-blank line pdftotext extracts, stripped."""
        return [line.strip() for line in self.text().splitlines() if line.strip()]

    @cached_property
    def plumber(self) -> Any:
        import pdfplumber

        return pdfplumber.open(self.path)

    def chars(self, page: int) -> list[dict[str, Any]]:
        """pdfplumber's characters of a page (1-based), positions in pt from the media box."""
        return list(self.plumber.pages[page - 1].chars)

    def body_size(self) -> float:
        """The most common size of Han characters in the whole PDF."""
        sizes: Counter[float] = Counter()
        for page in range(1, self.pages + 1):
            sizes.update(round(c["size"], 1) for c in self.chars(page) if HAN.match(c["text"]))
        return sizes.most_common(1)[0][0]

    @cached_property
    def reader(self) -> Any:
        from pypdf import PdfReader

        return PdfReader(self.path)


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def build_pdf(source: Path, out: Path, **options: Any) -> Built:
    """The steps of `publish.build` for a PDF, keeping the builder's `Output`."""
    with captured_warnings("publish", "weasyprint") as handler:
        project = load(source)
        collection = project.collection
        settings = project.settings.updated(
            {"formats": "pdf", **options}, where="options", root=collection.root
        )
        if settings.pinyin:
            from publish.pinyin.annotate import annotate_collection

            collection = annotate_collection(collection, settings)
        if settings.script.traditional:
            from publish.traditional import convert_collection

            collection = convert_collection(collection, settings)
        fallbacks = check_coverage(collection, settings)
        env = environment(project.layouts, settings.script)
        edition = Edition(collection, settings, env, fallbacks)
        out.mkdir(parents=True, exist_ok=True)
        output = PdfBuilder().build(edition, out)
    return Built(output.files[0], output, collection, settings, handler.messages)


_CACHE: dict[tuple[str, str], Built] = {}


@pytest.fixture(scope="session")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Build (once per test session and worker) the PDF of a source with some options."""

    def make(source: Path, *, expect: tuple[str, ...] = (), **options: Any) -> Built:
        """`expect`: the warnings this build must log (a substring of each), and no others."""
        key = (str(source), repr(sorted((k, repr(v)) for k, v in options.items())))
        if key not in _CACHE:
            built = build_pdf(source, tmp_path_factory.mktemp("pdf"), **options)
            unexpected = [w for w in built.warnings if not any(e in w for e in expect)]
            assert not unexpected, unexpected
            for expected in expect:
                assert any(expected in w for w in built.warnings), expected
            _CACHE[key] = built
        return _CACHE[key]

    yield make

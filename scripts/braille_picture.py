"""A page of the braille edition beside the print page it comes from, for the README.

Run on demand (not part of the test suite), after a change to the braille builder:

    python scripts/braille_picture.py [--out docs/braille-page.png]

The seed's first print page (its PDF at 中, rendered by pdftoppm) and the braille edition's
first article page (Unicode braille from SLUG.pef, set in DejaVu Sans, which has the braille
patterns, and rendered by WeasyPrint and pdftoppm), side by side in one PNG.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from jinja2 import Environment
from PIL import Image

import publish

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "luyuan-interviews"
PEF = "{http://www.daisy.org/ns/2008/pef}"

PAGE = Environment(autoescape=True).from_string(
    "<style>@page{size:250mm 270mm;margin:10mm}"
    "pre{font:16pt/1.45 'DejaVu Sans';margin:0;letter-spacing:1pt}"
    "p{font:11pt 'DejaVu Sans';color:#555;margin:0 0 4mm}</style>"
    "<p>braille page 2 (国家通用盲文, 40 × 25 cells)</p>"
    "<pre>{{ rows | join('\\n') }}</pre>"
)
"""The braille page: its 25 rows of Unicode braille in DejaVu Sans, which has the patterns."""


def _png(pdf: Path, page: int, dpi: int, stem: Path) -> Path:
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
         str(pdf), str(stem)],
        check=True,
    )  # fmt: skip
    return stem.with_suffix(".png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "braille-page.png")
    arguments = parser.parse_args()
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm is missing: install poppler-utils")
    from weasyprint import HTML

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        publish.build(SEED, tmp, formats="pdf,braille", size="中")
        print_page = Image.open(_png(tmp / "luyuan-interviews.pdf", 1, 60, tmp / "print"))
        pages = ET.parse(tmp / "luyuan-interviews.pef").getroot().iter(f"{PEF}page")
        rows = [(row.text or "") for row in list(pages)[1].iter(f"{PEF}row")]
        HTML(string=PAGE.render(rows=rows)).write_pdf(tmp / "braille.pdf")
        braille_page = Image.open(_png(tmp / "braille.pdf", 1, 60, tmp / "braille"))
        height = max(print_page.height, braille_page.height)
        sheet = Image.new("RGB", (print_page.width + braille_page.width + 20, height), "white")
        sheet.paste(print_page, (0, 0))
        sheet.paste(braille_page, (print_page.width + 20, 0))
        sheet.save(arguments.out, optimize=True)
    print(f"wrote {arguments.out}")


if __name__ == "__main__":
    main()

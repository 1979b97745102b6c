"""Pages of the PDF editions as PNG images, into docs/ (docs/pdf-NAME.png).

Run on demand (not part of the test suite), after a change to layouts/print/ or the PDF
builder, and look at the images:

    python scripts/pdf_pages.py [--out docs]

Each image is one page rendered by poppler's pdftoppm at 60 dpi: the seed's second page at
each size preset (小, 中, 大, 特大; A4), the seed's first page with pinyin (大), a page of the
community reader on A5 with 3 mm bleed and crop and cross marks, and a sheet side of its
saddle-stitch booklet.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import publish

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "luyuan-interviews"
READER = ROOT / "examples" / "community-reader"

PAGES: dict[str, tuple[Path, int, dict[str, Any], str]] = {
    "xiao": (SEED, 2, {"size": "小"}, ""),
    "zhong": (SEED, 2, {"size": "中"}, ""),
    "da": (SEED, 2, {"size": "大"}, ""),
    "teda": (SEED, 2, {"size": "特大"}, ""),
    "da-pinyin": (SEED, 1, {"size": "大", "pinyin": True}, ""),
    "a5-bleed-marks": (
        READER,
        3,
        {"paper": "A5", "pdf": {"bleed": "3mm", "marks": ["crop", "cross"]}},
        "",
    ),
    "booklet": (READER, 2, {"paper": "A5", "pdf": {"booklet": True}}, "-booklet"),
}
"""docs/pdf-NAME.png -> (project, page, build options, suffix of the PDF to take the page of)."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    arguments = parser.parse_args()
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise SystemExit("pdftoppm is missing: install poppler-utils")
    with tempfile.TemporaryDirectory() as tmp:
        for name, (project, page, options, suffix) in PAGES.items():
            out = Path(tmp) / name
            publish.build(project, out, formats="pdf", **options)
            pdf = next(out.glob(f"*{suffix}.pdf"))
            image = arguments.out / f"pdf-{name}"
            subprocess.run(
                [
                    pdftoppm,
                    "-r",
                    "60",
                    "-png",
                    "-singlefile",
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    str(pdf),
                    str(image),
                ],
                check=True,
            )
            print(f"{image}.png")


if __name__ == "__main__":
    main()

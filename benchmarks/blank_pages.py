"""How blank each page of the examples' PDFs is left, and what the next page opens with.

Run on demand from the checkout (it reads the PDFs as tests/visual does):

    PYTHONPATH=src:. python benchmarks/blank_pages.py [--full]

For each example and preset (the visual suite's default matrix, or with `--full` both papers
and every size in kai with pinyin and in sans without), prints the pages left most blank
(`tests.visual.rendered.page_ends`) by what opens the next page (a heading, role or name the
keep rules carry over; a figure; a table; plain text), each with the share of the text area
the next page's opening needs. `tests/visual/test_pages.py` chose its limits from these.
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
from pathlib import Path
from typing import Any

from tests.visual.conftest import EXAMPLE_NAMES, build_pdf, presets
from tests.visual.rendered import page_ends

from publish.errors import PublishError


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="every size on A4 and A5")
    args = parser.parse_args()
    combos: list[dict[str, Any]] = presets()
    if args.full:
        combos = [
            {"size": size, "paper": paper, **style}
            for size, paper in itertools.product(("小", "中", "大", "特大"), ("A4", "A5"))
            for style in ({"font": "kai", "pinyin": True}, {"font": "sans", "pinyin": False})
        ]
    for example, options in itertools.product(EXAMPLE_NAMES, combos):
        with tempfile.TemporaryDirectory() as out:
            try:
                pdf = build_pdf(example, options, Path(out))
            except PublishError as error:  # 特大 with pinyin does not fit A5
                print(example, options, "not built:", str(error)[:60])
                continue
            ends = page_ends(pdf.path, pdf.settings, pdf.project.collection)
        worst: dict[str, list[str]] = {}
        for end in sorted(ends, key=lambda end: -end.blank):
            shown = worst.setdefault(end.next_opens, [])
            if len(shown) < 2:
                shown.append(f"p{end.number} {end.blank:.0%} (needs {end.kept:.0%})")
        print(example, options, {kind: ", ".join(found) for kind, found in worst.items()})


if __name__ == "__main__":
    main()

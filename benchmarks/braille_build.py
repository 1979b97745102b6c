"""The braille edition: build time of 100 articles (all three files), goal under 5 s.

Run on demand (never a timed test):

    python benchmarks/braille_build.py [--data ../shared/data/cpp] [--runs 5]

Collections of 100 articles composed as benchmarks/epub_build.py composes them: (a) the seed
article 100 times, each with its own title; (b) with --data, the seed's structure filled with
CPP dev sentences (varied text, some 3,200 distinct characters). Each figure is the median of
whole `publish build -f braille` commands, start-up included, as wall time and CPU time; then
the CPU time of one in-process build split into its steps (readings, braille words, pages,
files).
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import publish
from epub_build import DATA, compose, seed_copies, timed
from publish.builders.braille import braille_edition, formats


def steps(project: Path) -> dict[str, float]:
    """CPU seconds of the steps of an in-process braille build."""
    loaded = publish.load(project)
    started = time.process_time()
    made = braille_edition(loaded.collection, loaded.settings)
    middle = time.process_time()
    formats.brf(made.pages)
    formats.pef(made.pages, title="t", language="zh", identifier="x", when=date(2026, 12, 3))
    formats.text(made.paragraphs)
    ended = time.process_time()
    return {
        "readings, words and pages": middle - started,
        "the three files": ended - middle,
        "pages": float(len(made.pages)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA if DATA.is_dir() else None)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    with tempfile.TemporaryDirectory() as folder:
        projects = {"seed x100": seed_copies(Path(folder) / "seed")}
        if args.data is not None:
            projects["cpp x100"] = compose(Path(folder) / "cpp", args.data)
        for name, project in projects.items():
            out = Path(folder) / f"out-{name.split()[0]}"
            command = [sys.executable, "-m", "publish", "build", str(project), "-f", "braille",
                       "-o", str(out)]  # fmt: skip
            wall, cpu = timed(command, args.runs, project)
            print(f"{name}: publish build -f braille: {wall:.2f} s wall, {cpu:.2f} s CPU")
            split = steps(project)
            pages = int(split.pop("pages"))
            print(f"  {pages} braille pages; in-process CPU: " + ", ".join(
                f"{step} {seconds:.2f} s" for step, seconds in split.items()))  # fmt: skip


if __name__ == "__main__":
    main()

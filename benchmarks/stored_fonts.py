"""The bundled faces stored as WOFF2: build times against a checkout with TrueType faces.

Run on demand (never a timed test), from this checkout, naming another one (main before the
faces became WOFF2):

    python benchmarks/stored_fonts.py --against /work/main [--runs 5]

Each build is the whole command, `python -m publish build ... --no-cache`, with each
checkout's `src/` first on the path, the two alternating run by run. Printed per build: the
least CPU seconds of the command's process tree and the least wall seconds of `--runs` runs
(the machine is shared: the least is the run least disturbed), then the ratio of the CPU.

Builds: the seed's PDF (simplified), the seed article 100 times as HTML and as EPUB with pinyin
(`epub_build.seed_copies`), and the seed's PDF, EPUB and HTML in simplified and in Taiwan's
characters (`--script tw`, in the Noto TC faces, now with Big5 level 2) and in kai.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "luyuan-interviews"
sys.path.insert(0, str(ROOT / "benchmarks"))

from epub_build import seed_copies  # noqa: E402  (a benchmark beside this one)


def run(checkout: Path, project: Path, out: Path, *flags: str) -> tuple[float, float]:
    """CPU and wall seconds of one build with `checkout`'s sources."""
    env = {**os.environ, "PYTHONPATH": str(checkout / "src")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    command = [sys.executable, "-m", "publish", "build", str(project), "-o", str(out)]
    subprocess.run([*command, "--no-cache", *flags], check=True, env=env, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, required=True, help="the other checkout")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    checkouts = {"this": ROOT, "other": args.against.resolve()}
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        copies = seed_copies(folder / "copies")
        builds = {
            "seed PDF": (SEED, ("-f", "pdf")),
            "seed x 100 HTML, pinyin": (copies, ("-f", "html", "--pinyin")),
            "seed x 100 EPUB, pinyin": (copies, ("-f", "epub", "--pinyin")),
            "seed PDF+EPUB+HTML": (SEED, ("-f", "pdf,epub,html")),
            "seed PDF+EPUB+HTML, tw": (SEED, ("-f", "pdf,epub,html", "--script", "tw")),
            "seed PDF+EPUB+HTML, tw, kai": (
                SEED, ("-f", "pdf,epub,html", "--script", "tw", "--font", "kai")
            ),
        }  # fmt: skip
        for name, (project, flags) in builds.items():
            times: dict[str, list[tuple[float, float]]] = {key: [] for key in checkouts}
            for number in range(args.runs + 1):
                for key, checkout in checkouts.items():
                    if key == "other" and "kai" in flags and "tw" in flags:
                        continue  # the other checkout has no traditional kai
                    result = run(checkout, project, folder / f"out-{key}", *flags)
                    if number:  # the first round warms the disk cache
                        times[key].append(result)
            line = []
            for key, results in times.items():
                if results:
                    cpu, wall = min(r[0] for r in results), min(r[1] for r in results)
                    line.append(f"{key} {cpu:.2f} s CPU, {wall:.2f} s wall")
            ratio = ""
            if times["other"]:
                least = {key: min(r[0] for r in results) for key, results in times.items()}
                ratio = f" ({least['this'] / least['other']:.2f}x)"
            print(f"- {name}: {'; '.join(line)}{ratio}", flush=True)


if __name__ == "__main__":
    main()

"""kill -9 at random moments of a build: the output folder must be all old or all new.

Run on demand (tests/faults/test_output.py runs a few trials on the site alone):

    python benchmarks/kill_trials.py [--trials 100] [--seed 1]

A one-article project is built as PDF, EPUB and site; each trial writes the next version of
the article ("版本NNN"), starts `publish build` of all three formats and kills it with SIGKILL
after a random delay between 0 and 1.1 times a whole build's time. Then the output folder
must hold all three formats of one version, the last finished or the new (the PDF's text read with
pypdf, the EPUB's document, the site's page). Every `--whole-every` trials a whole build
follows, which must leave no staging folder behind (of any kill before it). It prints how many
trials landed on the old and the new build, and every mixed or missing output and leftover.
"""

from __future__ import annotations

import argparse
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from pypdf import PdfReader

_VERSION = re.compile(r"版本(\d{3})")


def _versions(out: Path) -> dict[str, str | None]:
    """The version each format in `out` shows (None: missing)."""
    found: dict[str, str | None] = {"pdf": None, "epub": None, "html": None}
    pdf, epub, page = out / "project.pdf", out / "project.epub", out / "html" / "a.html"
    if pdf.is_file():
        text = "".join(p.extract_text() or "" for p in PdfReader(pdf).pages)
        found["pdf"] = _first(text.replace("\n", ""))
    if epub.is_file():
        book = zipfile.ZipFile(epub)
        found["epub"] = _first(book.read("EPUB/text/a.xhtml").decode())
    if page.is_file():
        found["html"] = _first(page.read_text(encoding="utf-8"))
    return found


def _first(text: str) -> str | None:
    match = _VERSION.search(text)
    return match.group(1) if match else None


def _write(project: Path, version: int) -> None:
    (project / "articles" / "a.md").write_text(
        f"---\ntitle: 第一篇\n---\n\n版本{version:03d}的文字。\n", encoding="utf-8"
    )


def _build(project: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "publish", "build", project, "-f", "pdf,epub,html", "-o", out],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--whole-every", type=int, default=5, help="a whole build after this many kills"
    )
    args = parser.parse_args()
    chance = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        project, out = Path(folder) / "project", Path(folder) / "out"
        (project / "articles").mkdir(parents=True)
        (project / "publish.yaml").write_text(
            "title: 测试文集\narticles: ['articles/*.md']\n", encoding="utf-8"
        )
        _write(project, 0)
        started = time.monotonic()
        assert _build(project, out).wait() == 0
        whole = time.monotonic() - started
        landed = {"old": 0, "new": 0}
        mixed: list[str] = []
        leftovers: list[str] = []
        wholes = last = 0
        for trial in range(1, args.trials + 1):
            _write(project, trial)
            build = _build(project, out)
            time.sleep(chance.uniform(0, 1.1) * whole)
            build.send_signal(signal.SIGKILL)
            build.wait()
            seen = _versions(out)
            values = set(seen.values())
            if values == {f"{trial:03d}"}:
                landed["new"] += 1
                last = trial
            elif values == {f"{last:03d}"}:
                landed["old"] += 1  # the last build that finished, entire
            else:
                mixed.append(f"trial {trial}: {seen}")
            print(f"trial {trial}: {seen}", flush=True)
            if trial % args.whole_every and trial != args.trials:
                continue
            # A whole build: it must remove what every kill since the last one left behind.
            assert _build(project, out).wait() == 0
            last = trial
            left = [p.name for p in Path(folder).iterdir() if ".publish-" in p.name]
            left += [p.name for p in out.rglob(".publish-*")]
            if left:
                leftovers.append(f"after trial {trial}: {left}")
            wholes += 1
        print(
            f"\n{args.trials} trials (a whole build: {whole:.1f} s): {landed['old']} old, "
            f"{landed['new']} new, {len(mixed)} mixed or missing, "
            f"{wholes} whole builds after kills, {len(leftovers)} of them with leftovers"
        )
        for line in mixed + leftovers:
            print(line)


if __name__ == "__main__":
    main()

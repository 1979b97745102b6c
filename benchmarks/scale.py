"""Whole archives: build time and memory of generated collections of 100, 1,000, 10,000 articles.

Run on demand (never a timed test):

    python benchmarks/scale.py [--sizes 100,1000] [--formats pdf,html,epub] [--workers N]
                               [--data ../shared/data/cpp] [--keep DIR]

Each collection is composed from real sentences of CPP's dev set (the ▁ marks removed) in the
shape of the seed article: a title, a date, a source, and 30 sentences in paragraphs under
4 subheadings; the articles differ from one another (the sentences follow on through the set).
Each format is built with pinyin, in a fresh process (`publish build SOURCE -o OUT --format F
--pinyin`, so the figure includes starting Python and importing what the build imports), and
the script prints the wall time, the CPU time of the build's processes, the peak resident
memory of the largest single process and of all of them together (sampled every 50 ms from
/proc). `--workers N` runs the same builds on a local Dask cluster of N processes (issue 15);
`--rebuild` then builds again into the same output folder (with the build cache there): with
nothing changed, after a typo fixed in one article (a character replaced), and after a
paragraph added to it.
The issue's goals: PDF with pinyin, 1,000 articles in at most 11x the time of 100 and under
60 s, every process under 1 GB; HTML and EPUB, 10,000 articles under 150 s, under 2 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "cpp"
SENTENCES = 30
HEADINGS = 4


def compose(folder: Path, data: Path, articles: int) -> Path:
    """A collection of `articles` seed-shaped articles (see the module docstring)."""
    sentences = [
        line.strip().replace("\u2581", "")
        for line in (data / "dev.sent").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    project = folder / f"archive-{articles}"
    (project / "articles").mkdir(parents=True)
    (project / "publish.yaml").write_text(
        f"title: 区政府新闻{articles}篇\nsubtitle: 访谈与报道\npublisher: 基准测试\n"
        "date: '2026-12-03'\narticles: [articles/*.md]\n",
        encoding="utf-8",
    )
    position = 0
    for number in range(1, articles + 1):
        picked = [sentences[(position + i) % len(sentences)] for i in range(SENTENCES)]
        position = (position + SENTENCES) % len(sentences)
        title = re.sub(r"[，。！？；：、“”《》（）\s]", "", picked[0])[:14] or f"第{number}篇"
        body: list[str] = []
        per_section = SENTENCES // HEADINGS
        for section in range(HEADINGS):
            share = picked[section * per_section : (section + 1) * per_section]
            heading = re.sub(r"[，。！？；：、“”《》（）\s]", "", share[0])[:10] or "小标题"
            body.append(f"## {heading}\n")
            body.extend("".join(share[i : i + 3]) + "\n" for i in range(0, len(share), 3))
        (project / "articles" / f"a{number:05d}.md").write_text(
            f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nslug: a{number:05d}\n"
            f"date: 2026-{1 + number % 12:02d}-{1 + number % 27:02d} 09:00\n"
            "source: 基准测试\n---\n\n" + "\n".join(body),
            encoding="utf-8",
        )
    return project


def _process_tree() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def resident_mb(root: int) -> dict[int, float]:
    """Resident memory of a process and each of its descendants, in MB, by pid."""
    children = _process_tree()
    found: dict[int, float] = {}
    stack = [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                found[pid] = int(line.split()[1]) / 1024
    return found


def build(
    project: Path, out: Path, fmt: str, workers: int | None
) -> tuple[float, float, float, float]:
    """(seconds, CPU seconds, peak MB of the largest process, peak MB of all together)."""
    command = [sys.executable, "-m", "publish", "build", str(project), "-o", str(out)]
    command += ["--format", fmt, "--pinyin"]
    if workers:
        command += ["--workers", str(workers)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    largest = together = 0.0
    while process.poll() is None:
        sizes = resident_mb(process.pid)
        largest = max(largest, *sizes.values(), 0.0)
        together = max(together, sum(sizes.values()))
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    _, stderr = process.communicate()
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return seconds, cpu, largest, together


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--formats", default="pdf,html,epub")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--keep", type=Path, help="Compose and build in this folder, kept.")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="publish-scale-"))
    try:
        for size in (int(n) for n in args.sizes.split(",")):
            project = folder / f"archive-{size}"
            if not project.exists():
                compose(folder, args.data, size)
            for fmt in args.formats.split(","):
                out = folder / f"out-{size}-{fmt}-{args.workers or 0}"
                shutil.rmtree(out, ignore_errors=True)
                seconds, cpu, largest, together = build(project, out, fmt, args.workers)
                label = f"{size} articles, {fmt}" + (
                    f", {args.workers} Dask workers" * bool(args.workers)
                )
                print(
                    f"{label}: {seconds:.1f} s (CPU {cpu:.1f} s), largest process "
                    f"{largest:.0f} MB, all together {together:.0f} MB",
                    flush=True,
                )
                if args.rebuild:
                    edited = project / "articles" / "a00002.md"
                    original = edited.read_text(encoding="utf-8")
                    body = original.index("\n---\n") + 5
                    edits = {
                        "nothing changed": original,
                        "a typo fixed in one article": original[:body]
                        + original[body:].replace("。", "！", 1),
                        "a paragraph added to one article": original + "\n又及：本文有一处修改。\n",
                    }
                    try:
                        for name, text in edits.items():
                            edited.write_text(text, encoding="utf-8")
                            seconds, cpu, largest, _ = build(project, out, fmt, args.workers)
                            print(f"  rebuilt, {name}: {seconds:.1f} s (CPU {cpu:.1f} s)")
                    finally:
                        edited.write_text(original, encoding="utf-8")
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

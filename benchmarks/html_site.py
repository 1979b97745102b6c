"""The HTML site: the seed page's weight, and the build time of a 100-article collection.

Run on demand (never a timed test):

    python benchmarks/html_site.py [--data ../shared/data/cpp] [--runs 3] [--profile]

1. Weight: the seed's example built with pinyin; everything its article page loads (the page,
   style.css, site.js, the WOFF2 subsets), on disk and gzip-compressed (what a web server with
   compression sends). Target: under 500 KB in all, on disk.
2. Build time: `publish.build(..., formats="html", pinyin=True)` of two 100-article collections
   composed in a temporary folder: (a) the seed article 100 times with its own title, date and
   category each (the seed's 554 distinct characters); (b) real sentences from CPP's dev set,
   30 per article (3,000 sentences, 3,208 distinct characters, so large font subsets).
   Target: under 5 s. CPU seconds (the machine is shared), split into the pipeline's steps
   (load, font coverage, pinyin, HTML) and, inside the HTML builder, rendering the pages,
   finding the characters each weight shows and cutting the WOFF2 subsets. The ruby markup is
   rendered once per distinct word (builders/html ruby_markup); the render with one macro call
   per ruby is measured too, and a rebuild with the same characters (as `publish serve` does
   after an edit), whose font subsets the process remembers. Last, the wall time of the
   whole command, `publish build PROJECT -f html --pinyin`, start-up included.
`--profile` writes a pyinstrument profile of one (b) build to stdout.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any

from lxml import html as lxml_html

import publish
import publish.builders.html as html_builder
import publish.fonts.embed as fonts_embed
from publish.config import PINYIN_STYLES
from publish.layouts import reading_fit_class
from publish.model import visible_text

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "luyuan-interviews"
DATA = ROOT.parent / "shared" / "data" / "cpp"
CATEGORIES = ["要闻动态/领导活动", "要闻动态/部门动态", "通知公告", "政策解读/文件", "便民服务"]


# --------------------------------------------------------------------------- collections


def _manifest(folder: Path, title: str) -> None:
    (folder / "articles").mkdir(parents=True)
    (folder / "publish.yaml").write_text(
        f"title: {title}\ndate: '2018-11-16'\narticles: [articles/*.md]\n"
        "output:\n  formats: [html]\n",
        encoding="utf-8",
    )


def _front(number: int, title: str) -> str:
    return (
        f"---\ntitle: {title}\nslug: a{number:03d}\n"
        f"date: 2018-{1 + number % 12:02d}-{1 + number % 28:02d} 09:{number % 60:02d}\n"
        f"source: 绿园发布\ncategory: {CATEGORIES[number % len(CATEGORIES)]}\n---\n\n"
    )


def seed_collection(folder: Path, count: int = 100) -> Path:
    """The seed article `count` times, each with its own title, date and category."""
    _manifest(folder, "百篇访谈")
    body = (SEED / "articles" / "lingdao-fangtan.md").read_text(encoding="utf-8")
    body = body.split("\n---\n", 1)[1]
    for number in range(count):
        text = _front(number, f"领导访谈之{number + 1}") + body
        (folder / "articles" / f"a{number:03d}.md").write_text(text, encoding="utf-8")
    return folder


def cpp_collection(folder: Path, data: Path, count: int = 100, per_article: int = 30) -> Path:
    """`count` articles of `per_article` CPP sentences: paragraphs of 5, a heading every 10."""
    _manifest(folder, "百篇例句")
    lines = (data / "dev.sent").read_text(encoding="utf-8").splitlines()
    sentences = [s.replace("▁", "").strip() for s in lines if s.strip()]
    for number in range(count):
        chunk = sentences[number * per_article : (number + 1) * per_article]
        parts = []
        for start in range(0, len(chunk), 5):
            if start % 10 == 0:
                parts.append(f"## {chunk[start][:12].rstrip('，。,.')}")
            parts.append("".join(chunk[start : start + 5]))
        title = chunk[0][:16].rstrip("，。,.")
        text = _front(number, title) + "\n\n".join(parts) + "\n"
        (folder / "articles" / f"a{number:03d}.md").write_text(text, encoding="utf-8")
    return folder


# --------------------------------------------------------------------------- measuring


@contextmanager
def timed_functions(times: dict[str, float], **functions: tuple[Any, str]) -> Iterator[None]:
    """Add the time spent in module functions (name -> (module, attribute)) to `times`."""
    originals = {name: getattr(module, attr) for name, (module, attr) in functions.items()}

    def wrap(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = cpu_now()
            try:
                return function(*args, **kwargs)
            finally:
                times[name] = times.get(name, 0.0) + cpu_now() - started

        return timed

    for name, (module, attr) in functions.items():
        setattr(module, attr, wrap(name, originals[name]))
    try:
        yield
    finally:
        for name, (module, attr) in functions.items():
            setattr(module, attr, originals[name])


def build_once(project: Path, out: Path, warm: bool = False) -> dict[str, float]:
    """One build with pinyin into `out`: wall seconds in all, CPU seconds per step.

    Cold unless `warm`: `out` is removed first, with the build cache in it; `warm` rebuilds
    into it, as `publish serve` does after a save that changes nothing (its cache holds the
    font subsets and the pinyin analyses). CPU time is what the figures compare: the machine
    is shared, and wall time there says more about the other jobs than about this one.
    """
    if not warm:
        shutil.rmtree(out, ignore_errors=True)
    steps: list[tuple[str, float]] = []
    times: dict[str, float] = {}

    def progress(step: str, done: int, total: int) -> None:
        steps.append((STEPS.get(step, step), cpu_now()))

    started, cpu = time.perf_counter(), cpu_now()
    with timed_functions(
        times,
        render=(html_builder, "render"),
        used=(fonts_embed, "used_text"),  # as fonts.embed imported them
        shown=(fonts_embed, "markup_text"),
    ):
        publish.build(project, out, formats="html", pinyin=True, progress=progress)
    wall, ended = time.perf_counter() - started, cpu_now()
    result = {"wall time": wall, "CPU time": ended - cpu}
    marks = [("load", cpu), *steps, ("end", ended)]
    for (name, at), (_, until) in itertools.pairwise(marks):
        result[name] = result.get(name, 0.0) + until - at
    result["  html: render pages"] = times.get("render", 0.0)
    result["  html: used characters"] = times.get("used", 0.0) + times.get("shown", 0.0)
    # The WOFF2 subsets are cut in forked processes while the pages render: their CPU time is
    # in the html step (children), not in a step of their own.
    return result


STEPS = {"检查字形": "font coverage", "标注拼音": "pinyin", "生成 HTML": "html", "写入": "move"}
"""The pipeline's progress labels, in English for the table."""


def cpu_now() -> float:
    """CPU seconds of this process and of its finished children (the pinyin step forks)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def per_character_ruby() -> Callable[..., Any]:
    """layouts.ruby_renderer without its cache: one macro call per Ruby run (for comparison)."""

    def uncached(
        layouts: Any, words: bool, style: str, face: Path, both: bool = False
    ) -> Callable[..., Any]:
        macro = layouts.get_template("common/ruby.html").module.ruby
        lang = PINYIN_STYLES[style]

        def fit(reading: str, cells: int = 1) -> str:
            return reading_fit_class(face, reading, cells)

        return lambda run: macro(run, fit, words, lang, both)

    return uncached


def weight() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (site,) = publish.build(SEED, Path(tmp), formats="html", pinyin=True)
        page = site / "lingdao-fangtan.html"
        tree = lxml_html.fromstring(page.read_text(encoding="utf-8"))
        files = [page, *(site / ref for ref in tree.xpath("//link/@href | //script/@src"))]
        files += sorted((site / "fonts").iterdir())
        print("\n1. The seed's article page with pinyin and fonts (everything it loads)\n")
        print(f"{'file':<34}{'bytes':>10}{'gzip':>10}")
        total = compressed = 0
        for path in files:
            size = path.stat().st_size
            packed = len(gzip.compress(path.read_bytes(), 9, mtime=0))
            total, compressed = total + size, compressed + packed
            print(f"{path.relative_to(site)!s:<34}{size:>10,}{packed:>10,}")
        print(f"{'all':<34}{total:>10,}{compressed:>10,}   (target: < 500,000 on disk)")


def build_times(data: Path, runs: int, profile: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        projects = {"(a) seed x 100": seed_collection(folder / "seed")}
        if data.is_dir():
            projects["(b) CPP sentences"] = cpp_collection(folder / "cpp", data)
        else:
            print(f"(b) skipped: {data} not found")
        print(f"\n2. Building the HTML site of 100 articles with pinyin ({runs} runs, median)\n")
        for label, project in projects.items():
            collection = publish.load(project).collection
            chars = len({c for a in collection.articles for c in visible_text(a)})
            build_once(project, folder / "warm-up")  # imports, pinyin dictionaries
            results = [build_once(project, folder / "out") for _ in range(runs)]
            median = {key: statistics.median(r[key] for r in results) for key in results[0]}
            print(f"{label}: {len(collection.articles)} articles, {chars:,} distinct characters")
            print("    (CPU seconds unless said; medians)")
            for key, seconds in median.items():
                print(f"    {key:<26}{seconds:>7.2f}")
            original = html_builder.ruby_renderer
            html_builder.ruby_renderer = per_character_ruby()
            try:
                uncached = statistics.median(
                    build_once(project, folder / "out")["  html: render pages"] for _ in range(runs)
                )
            finally:
                html_builder.ruby_renderer = original
            print(f"    {'render, a macro per ruby':<26}{uncached:>7.2f}")
            warm = statistics.median(
                build_once(project, folder / "out", warm=True)["CPU time"] for _ in range(runs)
            )
            print(f"    {'rebuild, same characters':<26}{warm:>7.2f}")
            command = [sys.executable, "-m", "publish", "build", str(project), "-f", "html"]
            command += ["--pinyin", "-o", str(folder / "command")]
            walls = []
            for _ in range(runs):
                started = time.perf_counter()
                subprocess.run(command, check=True, capture_output=True)
                walls.append(time.perf_counter() - started)
            print(f"    {'command, wall time':<26}{statistics.median(walls):>7.2f}")
        if profile and "(b) CPP sentences" in projects:
            from pyinstrument import Profiler

            profiler = Profiler()
            with profiler:
                build_once(projects["(b) CPP sentences"], folder / "profiled")
            print(profiler.output_text(unicode=True, color=False, show_all=False))


def main() -> None:
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the CPP data folder")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="profile one CPP build")
    arguments = parser.parse_args()
    # CPP has characters the bundled font lacks: their warnings are expected, not news.
    logging.getLogger("publish").setLevel(logging.ERROR)
    weight()
    build_times(arguments.data, arguments.runs, arguments.profile)


if __name__ == "__main__":
    main()

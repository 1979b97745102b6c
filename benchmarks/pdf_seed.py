"""The seed's PDF: plain and with pinyin, side by side with Chromium's own ruby layout.

Run on demand (never a timed test):

    python benchmarks/pdf_seed.py [--runs 5]

Measured in one run, each figure the median of `--runs` fresh processes:

1. `publish build SEED -f pdf` (大, 18 pt, A4) as a whole command, and `publish.build` inside
   the process (after `import publish`; WeasyPrint is imported by the build). Target: 1.5 s.
2. The PDF builder alone (`PdfBuilder.build` of a finished edition: the template, WeasyPrint's
   layout, the text map, painting and writing), plain and with pinyin readings; the pinyin
   engine's annotation is done before the clock starts. Target: pinyin under 2x plain.
3. The same with `--pinyin` end to end (the command, including the pinyin engine's start-up).
4. Chromium's `--headless --print-to-pdf` of the same article with native <ruby> (the shared
   HTML block markup and ruby macro, the bundled font, 18 pt, A4), whole process; and without
   ruby. The issue measured 1.1 s for Chromium with ruby.
5. WeasyPrint's layout alone (`HTML.render`) of the plain and the pinyin document, warm, to
   show that the readings cost layout nothing (a first try with an inline-block per character
   took 50x the plain layout).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "luyuan-interviews"

_BUILDER = """
import sys, time
from publish.builders import Edition
from publish.builders.pdf import PdfBuilder
from publish.fonts.coverage import check_coverage
from publish.layouts import environment
from publish.pipeline import load
import weasyprint  # imported before the clock: the plain and pinyin figures compare work
project = load({seed!r})
settings = project.settings.updated({{"formats": "pdf", "pinyin": {pinyin}}})
collection = project.collection
fallbacks = check_coverage(collection, settings)
if settings.pinyin:
    from publish.pinyin.annotate import annotate_collection
    collection = annotate_collection(collection, settings)
edition = Edition(collection, settings, environment(project.layouts), fallbacks)
out = __import__("pathlib").Path({out!r})
out.mkdir(parents=True, exist_ok=True)
started = time.perf_counter()
PdfBuilder().build(edition, out)
print(time.perf_counter() - started)
"""

_IN_PROCESS = """
import time
import publish
started = time.perf_counter()
publish.build({seed!r}, {out!r}, formats="pdf", pinyin={pinyin})
print(time.perf_counter() - started)
"""

_LAYOUT = """
import time
import publish.builders.pdf as pdf
from publish.builders import Edition
from publish.builders.pdf import document
from publish.builders.pdf.geometry import geometry
from publish.layouts import environment
from publish.pipeline import load
project = load({seed!r})
settings = project.settings.updated({{"formats": "pdf", "pinyin": {pinyin}}})
collection = project.collection
if settings.pinyin:
    from publish.pinyin.annotate import annotate_collection
    collection = annotate_collection(collection, settings)
edition = Edition(collection, settings, environment(project.layouts), ())
geo = geometry(settings)
css = document.stylesheet(edition, geo)
html = document.html(edition, geo, document.metadata(collection))
pdf.lay_out(html, css, collection, (), None)
times = []
for _ in range(5):
    started = time.perf_counter()
    pdf.lay_out(html, css, collection, (), None)
    times.append(time.perf_counter() - started)
print(min(times))
"""

_CHROMIUM_PAGE = """<!DOCTYPE html>
<html lang="zh-Hans"><head><meta charset="utf-8"/><title>{{ article.title_text }}</title>
<style>
@font-face { font-family: "Noto Sans CJK SC"; src: url("{{ regular }}"); font-weight: 400; }
@font-face { font-family: "Noto Sans CJK SC"; src: url("{{ bold }}"); font-weight: 700; }
@page { size: A4; margin: 25mm; }
html { font-family: "Noto Sans CJK SC"; font-size: 18pt; line-height: {{ line_height }}; }
p { text-indent: 2em; margin: 0 0 0.6em; }
rt { font-size: 0.5em; }
</style></head><body>
<h1>{{ inlines(article.title, ruby) }}</h1>
{{ blocks(article.blocks, ruby, image_url) }}
</body></html>
"""


CPU: dict[str, float] = {}
"""Median CPU time (user + system) of the processes behind each wall-clock figure."""


def _median(command: list[str], runs: int, name: str = "") -> float:
    """Median wall-clock seconds of a command (its median CPU seconds go to `CPU[name]`)."""
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if name:
        CPU[name] = statistics.median(cpu)
    return statistics.median(times)


def _median_printed(code: str, runs: int) -> float:
    values = []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        )
        values.append(float(result.stdout.split()[-1]))
    return statistics.median(values)


def chromium_page(folder: Path, pinyin: bool) -> Path:
    """The seed article as one HTML page with native <ruby> (or none), for Chromium."""
    from jinja2 import Template

    import publish
    from publish.builders.pdf.geometry import LINE_HEIGHT, PINYIN_LINE_HEIGHT
    from publish.config import bundled_path
    from publish.layouts import environment

    project = publish.load(SEED)
    settings = project.settings.updated({"pinyin": pinyin})
    collection = project.collection
    if pinyin:
        from publish.pinyin.annotate import annotate_collection

        collection = annotate_collection(collection, settings)
    env = environment()
    blocks = env.get_template("common/blocks.html").module
    ruby = env.get_template("common/ruby.html").module.ruby  # type: ignore[attr-defined]
    fonts = bundled_path("fonts")
    page = Template(_CHROMIUM_PAGE, autoescape=True).render(
        article=collection.articles[0],
        inlines=blocks.inlines,  # type: ignore[attr-defined]
        blocks=blocks.blocks,  # type: ignore[attr-defined]
        ruby=ruby,
        image_url=lambda figure: figure.image.as_uri(),
        regular=(fonts / "NotoSansCJKsc-Regular.otf").as_uri(),
        bold=(fonts / "NotoSansCJKsc-Bold.otf").as_uri(),
        line_height=PINYIN_LINE_HEIGHT if pinyin else LINE_HEIGHT,
    )
    path = folder / ("ruby.html" if pinyin else "plain.html")
    path.write_text(page, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = args.runs
    publish_command = shutil.which("publish") or "publish"
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        results: dict[str, float] = {}
        results["command, plain"] = _median(
            [publish_command, "build", str(SEED), "-o", str(out / "cli"), "-f", "pdf"],
            runs,
            "command, plain",
        )
        results["command, pinyin"] = _median(
            [publish_command, "build", str(SEED), "-o", str(out / "cli"), "-f", "pdf", "--pinyin"],
            runs,
            "command, pinyin",
        )
        for pinyin in (False, True):
            name = "pinyin" if pinyin else "plain"
            results[f"publish.build, {name}"] = _median_printed(
                _IN_PROCESS.format(seed=str(SEED), out=str(out / "api"), pinyin=pinyin), runs
            )
            results[f"PDF builder, {name}"] = _median_printed(
                _BUILDER.format(seed=str(SEED), out=str(out / "builder"), pinyin=pinyin), runs
            )
            results[f"WeasyPrint layout (warm), {name}"] = _median_printed(
                _LAYOUT.format(seed=str(SEED), pinyin=pinyin), max(1, runs // 2)
            )
        chromium = shutil.which("chromium")
        if chromium:
            for pinyin in (False, True):
                page = chromium_page(out, pinyin)
                name = "native <ruby>" if pinyin else "no ruby"
                results[f"Chromium --print-to-pdf, {name}"] = _median(
                    [
                        chromium,
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        f"--print-to-pdf={out / 'chromium.pdf'}",
                        "--no-pdf-header-footer",
                        page.as_uri(),
                    ],
                    runs,
                    f"Chromium --print-to-pdf, {name}",
                )
        width = max(map(len, results))
        print(
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
            "(wall-clock figures suffer when others share the machine)"
        )
        for name, seconds in results.items():
            cpu = f"  (CPU {CPU[name]:.2f} s)" if name in CPU else ""
            print(f"{name:<{width}}  {seconds:6.2f} s{cpu}")
        builder = results["PDF builder, pinyin"] / results["PDF builder, plain"]
        print(f"pinyin / plain, PDF builder: {builder:.2f}x")
        layout = (
            results["WeasyPrint layout (warm), pinyin"] / results["WeasyPrint layout (warm), plain"]
        )
        print(f"pinyin / plain, layout: {layout:.2f}x")
        if chromium:
            peer = results["Chromium --print-to-pdf, native <ruby>"]
            print(
                f"publish --pinyin command / Chromium with ruby: "
                f"{results['command, pinyin'] / peer:.2f}x"
            )
            print(
                f"PDF builder with pinyin / Chromium with ruby: "
                f"{results['PDF builder, pinyin'] / peer:.2f}x"
            )


if __name__ == "__main__":
    main()

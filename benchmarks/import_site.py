"""Benchmark `publish import SITE_DIR`: a saved site of 10,000 pages -> a collection.

Run on demand (never a timed test):

    python benchmarks/import_site.py [--pages 10000]

The site is made in a temporary folder from the three test mirrors of tests/importer/sites.py
(TRS with `#zoom`, `div.article`, a 2000s table layout): copies of their pages, each copy in
a folder of its own and its text numbered so that no two copies are the same article, list
and paging pages, print twins and images included (the pages with broken bytes left out, so
every page is accounted for without failures). The script times the whole command as a user
runs it (start-up included), reads its peak memory (the largest process, forked readers
included), and checks the report: every article imported, every list page and twin skipped.
The target (issue 17) is under 60 s for 10,000 pages on the 2-core machine, in bounded memory;
record figures in docs/benchmarks.md ("Site import") with the date.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.importer.sites import SITES  # noqa: E402 (the repository's root is put on the path first)

# Each template page's encoding: the mirrors write GBK/GB2312 or UTF-8 and say so.
_ENCODINGS = ("utf-8", "gb18030")


def _decode(data: bytes) -> tuple[str, str]:
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ValueError("undecodable template")


def make_site(folder: Path, count: int) -> dict[str, int]:
    """A site of about `count` pages under `folder`; returns what an import must find."""
    templates = folder / "templates"
    expected = {"articles": 0, "list_pages": 0, "duplicates": 0}
    pages: list[tuple[str, Path, Path]] = []  # (site, template root, page)
    for name, make in SITES.items():
        found = make(templates / name)
        expected["articles"] += len(found.articles)
        expected["list_pages"] += found.listings
        expected["duplicates"] += found.duplicates
        broken = set(found.failed)
        for path in sorted((templates / name).rglob("*")):
            if path.is_file() and path.name not in broken and ".htm" in path.name:
                pages.append((name, templates / name, path))
    per_copy = len(pages)
    copies = max(1, round(count / per_copy))
    site = folder / "site"
    for number in range(copies):
        for name, template_root, path in pages:
            target = site / f"{number:04d}" / name / path.relative_to(template_root)
            target.parent.mkdir(parents=True, exist_ok=True)
            text, encoding = _decode(path.read_bytes())
            # Each copy its own articles: the numbers go into every paragraph and title.
            text = text.replace("<p>", f"<p>（{number}）").replace("</title>", f"{number}</title>")
            target.write_bytes(text.encode(encoding))
    for name in SITES:  # the images, once per copy
        for image in (templates / name).rglob("*"):
            if image.is_file() and ".htm" not in image.name:
                for number in range(copies):
                    target = site / f"{number:04d}" / name / image.relative_to(templates / name)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(image, target)
    return {key: value * copies for key, value in expected.items()} | {"pages": per_copy * copies}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        expected = make_site(folder, options.pages)
        size = sum(p.stat().st_size for p in (folder / "site").rglob("*") if p.is_file())
        print(
            f"{expected['pages']} pages ({expected['articles']} articles, "
            f"{expected['list_pages']} list pages, {expected['duplicates']} twins), "
            f"{size / 1e6:.1f} MB, {platform.python_version()}, {os.cpu_count()} CPUs"
        )
        before_usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        before = before_usage.ru_utime + before_usage.ru_stime
        load = os.getloadavg()
        started = time.perf_counter()
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "publish",
                "import",
                str(folder / "site"),
                "-o",
                str(folder / "out"),
                "--json",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - started
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak = usage.ru_maxrss / 1024
        cpu = usage.ru_utime + usage.ru_stime - before
        assert result.returncode == 0, result.stderr[-2000:]
        report = json.loads(result.stdout)
        found = {key: report[key] for key in ("pages", "articles", "list_pages", "duplicates")}
        assert found == expected, (found, expected)
        written = len(list((folder / "out").glob("*.md")))
        assert written == expected["articles"], written
        print(
            f"publish import SITE (command, start-up included): {elapsed:.2f} s, "
            f"{elapsed / expected['pages'] * 1000:.2f} ms per page; "
            f"CPU time (all processes) {cpu:.1f} s; peak memory (largest process) {peak:.0f} MB; "
            f"load average before {load[0]:.1f}"
        )


if __name__ == "__main__":
    main()

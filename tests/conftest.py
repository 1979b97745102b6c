"""Shared test helpers.

External tools (pdftotext, EPUBCheck, Chromium, Ace) are required under CI=true: a missing tool
fails the test there, and only skips on a developer's machine.
"""

from __future__ import annotations

import functools
import inspect
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(condition: bool, what: str) -> None:
    """Fail (under CI=true) or skip (elsewhere) when a needed tool is missing."""
    if condition:
        return
    message = f"{what} is not available: run ./scripts/test, which installs it"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def require_tool(name: str) -> str:
    """The path of an executable, required under CI=true."""
    path = shutil.which(name)
    require(path is not None, name)
    assert path is not None
    return path


def rendered_face(
    face: Path, lang: str, text: str, png: Path, *, size: int = 40, dpi: int = 50
) -> Any:
    """`text` set at `size` pt in the font file `face`, tagged `lang`, printed to a PDF by
    WeasyPrint and rasterised by poppler: the picture a reader sees (a PIL image, grey)."""
    from PIL import Image
    from weasyprint import HTML

    pdf = png.with_suffix(".pdf")
    HTML(
        string=f'<html lang="{lang}"><style>@font-face {{ font-family: T; src: '
        f'url("{face.as_uri()}") }} body {{ font: {size}pt T }}</style><p>{text}</p>'
    ).write_pdf(pdf)
    subprocess.run(
        [require_tool("pdftoppm"), "-r", str(dpi), "-png", "-singlefile", pdf, png], check=True
    )
    return Image.open(f"{png}.png").convert("L")


def run_publish(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The `publish` command as a user runs it, in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "publish", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


class Warnings(logging.Handler):
    """The warnings logged while it is installed, as "logger: message" lines."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    @property
    def messages(self) -> list[str]:
        """The messages, in order."""
        return [record.getMessage() for record in self.records]

    def take(self) -> list[str]:
        """The messages so far, forgotten (a test that expects warnings takes them)."""
        taken = self.messages
        self.records = []
        return taken


@contextmanager
def captured_warnings(*names: str) -> Iterator[Warnings]:
    """Collect the warnings of the named loggers ("publish" by default) during a block."""
    handler = Warnings()
    loggers = [logging.getLogger(name) for name in names or ("publish",)]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        if not logger.isEnabledFor(logging.WARNING):
            logger.setLevel(logging.WARNING)
    try:
        yield handler
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)


_RUNS_A_TOOL = re.compile(
    r"require_tool\(|\bepubcheck\(|\bace\(|\.text\(|\.footer\(|\.info\[|\bpdf_fonts\(|"
    r"louis|BRAILLE_UTILS|pdftoppm|pdffonts|pdftotext|pdfinfo"
)
"""Calls that run an external tool: the helpers of tests/builders (Built.text and .footer run
pdftotext, .info pdfinfo; epubcheck and ace run Java and Node) and the tools by name."""


_DRIVES_CHROMIUM = re.compile(r"chromium|playwright|serving\(")


_TAKES_SECONDS = re.compile(
    # The command as a user runs it (run_publish, imported as `run`, the security probes'
    # project.run, `python -m publish`): a fresh interpreter imports the package and the pinyin
    # model each time.
    r"run_publish\(|(?<![.\w])run\(|project\.run\(|\"-m\", \"publish\""
    # WeasyPrint lays out a PDF: tests/builders/pdf's helpers, or a build whose formats include
    # it (a build given only its source and output folder makes every format).
    r"|build_pdf\(|(?<![.\w])pdf\(|formats=(\"[^\"]*pdf|[A-Z_]+\b)"
    r"|(?<![.\w])build\([^,()]+, [^,()]+\)"
    # fontTools cuts every face of a family, seconds each, and a build per article cuts them
    # for every article's book.
    r"|subset_faces\(|build\([^()]*per_article"
    # The system's whole CJK font collections or Unicode tables, the bundled fonts' sources,
    # read and compared with them.
    r"|/usr/share/(fonts|unicode)/"
)
"""Calls that take seconds, whatever the machine: they make a test `slow`."""

_SLOW_FIXTURES = {"wheel"}
"""Fixtures that take seconds: building the package's wheel."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark tests that drive Chromium (`browser`), run an external tool (`tools`) or take
    seconds (`slow`), from the fixtures they use and the calls in their code and their fixtures'
    code, so that `pytest -m "not browser and not tools and not slow"` runs the fast subset and
    a new test gets its marks without thinking about them."""
    for item in items:
        if not isinstance(item, pytest.Function):
            continue
        names = item.fixturenames
        definitions = item._fixtureinfo.name2fixturedefs  # the fixtures' functions, by name
        functions = [item.function] + [
            definition.func for name in names for definition in definitions.get(name, ())
        ]
        # A parameter can name a fixture the test asks for with request.getfixturevalue.
        parameters = item.callspec.params.values() if hasattr(item, "callspec") else ()
        functions += [
            getattr(item.module, value)
            for value in parameters
            if isinstance(value, str) and value.isidentifier() and hasattr(item.module, value)
        ]
        sources = [_source(function) for function in with_helpers(functions)]
        for name in sorted(marks_of(names, sources)):
            item.add_marker(getattr(pytest.mark, name))


def marks_of(fixtures: Iterable[str], sources: Iterable[str]) -> set[str]:
    """The marks of a test that uses `fixtures` and runs the code of `sources`."""
    fixtures, sources = set(fixtures), list(sources)
    marks = set()
    if "browser" in fixtures or any(_DRIVES_CHROMIUM.search(code) for code in sources):
        marks.add("browser")
    if any(_RUNS_A_TOOL.search(code) for code in sources):
        marks.add("tools")
    if _SLOW_FIXTURES & fixtures or any(_TAKES_SECONDS.search(code) for code in sources):
        marks.add("slow")
    return marks


_CALL = re.compile(r"(?<![.\w])(\w+)\(")


def with_helpers(functions: list[Any]) -> list[Any]:
    """The functions and the test helpers they call, directly or through each other: a test
    that runs the command through a helper of its module is marked like one that runs it."""
    found = list(functions)
    for function in found:  # grows while it is read, each helper once
        for name in _CALL.findall(_source(function)):
            helper = getattr(function, "__globals__", {}).get(name)
            if (
                inspect.isfunction(helper)
                and helper.__module__.startswith("tests.")
                and helper not in found
            ):
                found.append(helper)
    return found


@functools.cache  # a fixture's or helper's code is read once, not once per test using it
def _source(function: Any) -> str:
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return ""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/goldens/ from the current outputs instead of comparing with them",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Compare a text output with tests/goldens/NAME (or rewrite it with --update-goldens)."""
    update = request.config.getoption("--update-goldens")

    def check(name: str, text: str) -> None:
        path = Path(__file__).resolve().parent / "goldens" / name
        if update:
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        assert path.is_file(), (
            f"{path} is missing: run pytest tests/test_goldens.py --update-goldens"
        )
        expected = path.read_text(encoding="utf-8")
        assert text == expected, (
            f"{name} differs from its golden file: if the change is meant, review "
            "`git diff tests/goldens` after `pytest tests/test_goldens.py --update-goldens`"
        )

    return check


@pytest.fixture
def seed_project() -> Path:
    """The bundled example made from the seed page."""
    return EXAMPLES / "luyuan-interviews"


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package's wheel, built from this checkout without isolation (offline)."""
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", dist, ROOT],
        check=True,
        capture_output=True,
    )
    (path,) = dist.glob("publish-*.whl")
    return path


def tiny_png(width: int = 1, height: int = 1) -> bytes:
    """A real PNG image (the loader decodes every image it is given)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright; required under CI=true. One for the whole session:
    Playwright's sync API refuses a second instance in the same process."""
    from tests.builders.html.browser import chromium_path, launch

    require(chromium_path() is not None, "chromium (/usr/bin/chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "playwright (the Python package)")
        raise
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def webkit() -> Iterator[Any]:
    """WebKitGTK (Apple Books and Kobo lay EPUBs out with WebKit), in a process of its own under
    Xvfb, driven like Playwright's Chromium; required under CI=true."""
    from tests.builders.html.browser import WEBKIT_PACKAGES, WebKit, webkit_ready

    require(webkit_ready(), f"WebKitGTK ({WEBKIT_PACKAGES})")
    engine = WebKit()
    yield engine
    engine.close()


@contextmanager
def serving(root: Path) -> Iterator[tuple[Any, list[str]]]:
    """`publish serve` of the project at `root` on a free port, watching in a thread: the
    server and the lines it reported. Fails if the watcher stopped before it was closed."""
    import threading

    from publish.serve import SiteServer

    lines: list[str] = []
    server = SiteServer(root, port=0, interval=0.1, report=lines.append)
    server.start()
    watcher = threading.Thread(target=server.watch, daemon=True)
    watcher.start()
    try:
        yield server, lines
    finally:
        server.close()
        watcher.join(timeout=10)
    assert not watcher.is_alive(), "serve stopped watching"

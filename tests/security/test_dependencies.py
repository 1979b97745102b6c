"""The installed package needs only what it declares: a plain `pip install` (no test extras).

The test environment holds the test extras too (pdfplumber brings charset-normalizer, for one),
which once hid an undeclared import: `publish import` of a Big5 page failed with
ModuleNotFoundError on a plain install. Here the wheel is installed without its dependencies
into a venv that sees this machine's packages, and every distribution outside the closure of
the wheel's own `Requires-Dist` is hidden from import, as if it were not installed.
"""

from __future__ import annotations

import importlib.metadata as metadata
import json
import os
import subprocess
import venv
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import FIXTURES

# Runs inside the venv: hides the given top-level modules, then imports every module of the
# package and reads every fixture page with the importer.
_PROBE = """
import importlib, importlib.abc, json, pkgutil, sys
from pathlib import Path

hidden = set(json.loads(sys.argv[1]))

class Hide(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in hidden:
            raise ModuleNotFoundError(f"No module named {name!r} (not a declared dependency)")
        return None

sys.meta_path.insert(0, Hide())
import publish
for module in pkgutil.walk_packages(publish.__path__, "publish."):
    if not module.name.endswith("__main__"):
        importlib.import_module(module.name)
from publish.importer import read_page
for page in sorted(Path(sys.argv[2]).iterdir()):
    if page.suffix in {".html", ".txt"}:
        print(page.name, read_page(page).title_text)
"""


def _declared_closure(requirements: list[str]) -> set[str]:
    """The distributions a plain install brings: the requirements and theirs, with the extras
    each names (`fonttools[woff]`), not the package's own optional ones (`test`)."""
    seen: set[tuple[str, str]] = set()
    todo = [(Requirement(r), "") for r in requirements]
    while todo:
        requirement, extra = todo.pop()
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": extra}):
            continue
        name = canonicalize_name(requirement.name)
        for wanted in ("", *requirement.extras):
            if (name, wanted) in seen:
                continue
            seen.add((name, wanted))
            try:
                todo.extend((Requirement(r), wanted) for r in metadata.requires(name) or ())
            except metadata.PackageNotFoundError:
                continue
    return {name for name, _ in seen}


def _top_level_modules(distribution: metadata.Distribution) -> set[str]:
    names = set()
    for file in distribution.files or ():
        first = file.parts[0]
        if first.endswith((".dist-info", ".egg-info", ".data")) or first in {"..", "bin"}:
            continue
        names.add(first.split(".")[0] if len(file.parts) == 1 else first)
    return {n for n in names if n.isidentifier()}


def _hidden_modules(wheel: Path) -> set[str]:
    archive = zipfile.ZipFile(wheel)
    name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
    declared = Parser().parsestr(archive.read(name).decode()).get_all("Requires-Dist") or []
    allowed = _declared_closure(declared)
    kept: set[str] = set()
    hidden: set[str] = set()
    for distribution in metadata.distributions():
        dist_name = canonicalize_name(distribution.metadata["Name"] or "")
        if dist_name == "publish":
            continue
        (kept if dist_name in allowed else hidden).update(_top_level_modules(distribution))
    return hidden - kept - {"_distutils_hack", "setuptools", "pkg_resources", "pip"}


@pytest.mark.slow
def test_a_plain_install_imports_every_module_and_reads_every_fixture_page(
    wheel: Path, tmp_path: Path
) -> None:
    env = tmp_path / "venv"
    venv.create(env, system_site_packages=True, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    hidden = _hidden_modules(wheel)
    assert "pdfplumber" in hidden  # a test extra: the probe below really hides something
    result = subprocess.run(
        [python, "-c", _PROBE, json.dumps(sorted(hidden)), FIXTURES / "pages"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        # The installed copy, not a checkout that PYTHONPATH may name.
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    read = result.stdout.splitlines()
    assert {line.split()[0] for line in read} >= {"article-big5-nometa.html", "content-big5.html"}

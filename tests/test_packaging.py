"""Packaging: the wheel carries the layouts, fonts and colour profile, and an installed copy
finds them."""

from __future__ import annotations

import os
import subprocess
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT


def test_wheel_contains_layouts_fonts_and_schemas(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    bundled_layouts = {
        p.relative_to(ROOT).as_posix() for p in (ROOT / "layouts").rglob("*") if p.is_file()
    }
    assert {f"publish/bundled/{n}" for n in bundled_layouts} <= names
    bundled_fonts = {p.name for p in (ROOT / "fonts").iterdir() if p.suffix == ".woff2"}
    assert {f"publish/bundled/fonts/{n}" for n in bundled_fonts} <= names
    assert "publish/bundled/profiles/FOGRA39L_coated.icc" in names
    # The package `publish.fonts` and the bundled font files never share a folder.
    assert "publish/fonts/__init__.py" in names
    assert not {n for n in names if n.startswith("publish/fonts/") and not n.endswith(".py")}
    assert "publish/sources/schema/manifest.json" in names
    assert "publish/starter/publish.yaml" in names
    assert "publish/builders/braille/data/cells.json" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "publish = publish.cli:run" in zipfile.ZipFile(wheel).read(entry_points).decode()


@pytest.mark.slow
def test_an_installed_package_finds_its_layouts(wheel: Path, tmp_path: Path) -> None:
    env = tmp_path / "venv"
    venv.create(env, system_site_packages=True, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)],
        check=True,
        capture_output=True,
    )
    code = (
        "import publish, publish.config as c; "
        "print(publish.__file__); "
        "print(*(c.bundled_path(kind) for kind in ('layouts', 'fonts', 'profiles')), sep='\\n')"
    )
    # Run from outside the checkout so that nothing resolves through it.
    clean = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # not a checkout
    result = subprocess.run(
        [python, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True, env=clean
    )
    module, layouts, fonts, profiles = result.stdout.split()
    site = str(env)
    assert all(p.startswith(site) for p in (module, layouts, fonts, profiles))
    assert Path(fonts).parts[-3:] == ("publish", "bundled", "fonts")
    built = subprocess.run(
        [
            env / "bin" / "publish",
            "build",
            FIXTURES / "minimal",
            "--format",
            "html",
            "-o",
            tmp_path / "out",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean,
    )
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "out" / "html" / "index.html").is_file()

"""`publish import` of hostile pages: one line each, never a hang, a crash or endless reading."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.security.conftest import fails_cleanly


def _import(*pages: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "publish", "import", *map(str, pages), "-o", "out"],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,  # a FIFO once blocked forever
    )


def test_a_fifo_and_dev_zero_are_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.html")
    result = _import("pipe.html", "/dev/zero", cwd=tmp_path)
    fails_cleanly(result, "pipe.html: page is not a regular file", "zero: page is not a regular")


def test_a_control_byte_after_the_share_bar_is_dropped(tmp_path: Path) -> None:
    paragraph = "这是正文的一段，内容足够长，足够长，足够长，足够长，足够长，足够长。"
    page = (
        '<html><head><meta charset="utf-8"><title>绿园区召开会议</title></head><body>'
        f'<div id="content"><h1>绿园区召开会议</h1><p>{paragraph}</p>'
        f'<div class="share">分享到：微信</div>\x01<p>{paragraph}</p></div></body></html>'
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    result = _import("page.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (source,) = (tmp_path / "out").glob("*.md")
    assert "\x01" not in source.read_text(encoding="utf-8")
    checked = subprocess.run(
        [sys.executable, "-m", "publish", "check", source],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert checked.returncode == 0, checked.stderr

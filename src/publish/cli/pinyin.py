"""`publish pinyin`: the readings of a text, and a proof list's corrections accepted into a
collection's pinyin.yaml. The reading engine is imported when the command runs.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from ..characters import refused
from ..config import PINYIN_STYLES
from ..errors import PublishError
from .reporting import fails_cleanly


@click.command()
@click.argument("text", required=False)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='Print [{"char": ..., "pinyin": ...}] for every character.',
)
@click.option(
    "--style",
    type=click.Choice(list(PINYIN_STYLES)),
    default="tone",
    show_default=True,
    help="Tone marks (lǜ), tone numbers (lü4) or zhuyin (ㄌㄩˋ).",
)
@click.option(
    "--sandhi/--no-sandhi",
    default=True,
    show_default=True,
    help="Tone sandhi of 一 and 不 (一定 yí dìng); off gives dictionary tones.",
)
@click.option(
    "--words",
    is_flag=True,
    help="Word-joined pinyin as GB/T 16159-2012 writes it (Lǚ Yàzhōu biǎoshì.).",
)
@click.option(
    "--accept",
    type=click.Path(path_type=Path),
    metavar="FILE.csv",
    help="Write the corrections of a proof list (check --pinyin-report) into pinyin.yaml.",
)
@click.option(
    "--project",
    type=click.Path(path_type=Path, file_okay=False),
    default=".",
    show_default=True,
    help="With --accept: the collection folder whose pinyin.yaml is written.",
)
@fails_cleanly
def pinyin(
    text: str | None,
    as_json: bool,
    style: str,
    sandhi: bool,
    words: bool,
    accept: Path | None,
    project: Path,
) -> None:
    """Print the pinyin of TEXT (or of standard input), read in context."""
    if accept is not None:
        from ..pinyin.proof import accept as accept_corrections
        from ..sources import PINYIN_DICTIONARY

        dictionary = project / PINYIN_DICTIONARY
        accepted = accept_corrections(accept, dictionary)
        for word, syllables in accepted:
            click.echo(f"{word}: {' '.join(syllables)}")
        click.echo(f"{len(accepted)} corrections written to {dictionary}")
        return
    from ..pinyin.orthography import render

    given = "TEXT"
    if text is None:  # the final newline of piped text is the shell's, not the text's
        given = "standard input"
        piped = b"" if sys.stdin.isatty() else sys.stdin.buffer.read()
        text = piped.decode("utf-8", "surrogateescape").rstrip("\r\n")
    _check(text, given)
    report = functools.partial(click.echo, err=True)
    click.echo(
        render(text, style=style, sandhi=sandhi, as_json=as_json, words=words, report=report)
    )


def _check(text: str, given: str) -> None:
    """Refuse, in one line, text that is not UTF-8 (bytes a terminal or file in another encoding
    gave, which Python keeps as lone surrogates U+DC80 to U+DCFF) or that holds a character no
    output can carry (`characters.refused`)."""
    undecoded = next((i for i, char in enumerate(text) if "\udc80" <= char <= "\udcff"), None)
    if undecoded is not None:
        byte = ord(text[undecoded]) - 0xDC00
        raise PublishError(
            f"{given} is not UTF-8 (byte 0x{byte:02X} at character {undecoded + 1}): give UTF-8 "
            "text, or convert it first (iconv -f GB18030 -t UTF-8)"
        )
    reason = refused(text)
    if reason is not None:
        raise PublishError(f"{given}: {reason}")

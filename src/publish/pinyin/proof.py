"""The editors' proof list of pinyin, and corrections taken back into pinyin.yaml.

Beside the pipeline: `publish check --pinyin-report [FILE]` reads a collection as a build would
(the same engines, dictionaries and texts as annotate.py), and lists every reading that a rule
or the model decided, that the lexicon left open (a common polyphone no dictionary word reads,
decided by the dictionary words overlapping it where the model was less sure: 蒙医院 méng),
and every Han character with no known reading, riskiest first. Publishers of children's books
proofread pinyin; this is the list they check. An editor writes a correction in the CSV's
`correction` column; `publish pinyin --accept FILE.csv` writes each corrected word into the
collection's pinyin.yaml, which the next build reads first (source "user").
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..errors import PublishError
from ..files import MAX_SOURCE_BYTES, read_inside
from ..model import Collection, plain_text, reading_order
from .analysis import OPEN_SOURCES, Analysis
from .annotate import article_engine
from .engine import analyse_together, check_dictionary
from .segmentation import HAN
from .styles import convert

COLUMNS = (
    "risk",
    "article",
    "line",
    "sentence",
    "word",
    "reading",
    "alternatives",
    "source",
    "confidence",
    "word_pinyin",
    "correction",
)
"""The CSV's columns (its header row). `sentence` and `word` mark the character in [brackets];
`word_pinyin` is the word's reading as printed; an editor fills `correction` with the right
reading of the marked character, or of the whole word (one syllable per character)."""

_RULE_RISK = 0.5
"""Risk of a rule's reading where the model did not weigh the character."""
_CONTEXT = 12
"""Characters of context shown on each side of the marked character (to the sentence end)."""
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_CLOSING = frozenset("”’」』）)》 ")


@dataclass(frozen=True, slots=True)
class ProofEntry:
    """One reading for an editor to check."""

    risk: float
    """0 to 1, higher first: 1 for no reading, 1 minus the model's probability for the reading
    given where it weighed the character, `_RULE_RISK` for other rules."""
    article: str
    """The article's source file, relative to the collection."""
    line: int | None
    """The line of the source file that holds the sentence (None if it could not be found)."""
    sentence: str
    """The sentence around the character, the character in [brackets]."""
    word: str
    """The dictionary entry a correction becomes: the character's word, with a neighbour word
    when it is a single character (没[还]), the character in [brackets]."""
    reading: str | None
    """The reading printed, in the collection's style (None: no known reading)."""
    alternatives: tuple[str, ...]
    """The other readings that were open, in the collection's style."""
    source: str | None
    """Where the reading came from (engine.SOURCES), None for no reading."""
    confidence: float | None
    """The model's probability for the reading printed, where it weighed the character."""
    word_pinyin: str
    """The word's reading as printed, syllables separated by spaces (? for none)."""

    def row(self) -> dict[str, str]:
        """The entry as a CSV row."""
        return {
            "risk": f"{self.risk:.3f}",
            "article": self.article,
            "line": "" if self.line is None else str(self.line),
            "sentence": self.sentence,
            "word": self.word,
            "reading": self.reading or "?",
            "alternatives": " ".join(self.alternatives),
            "source": self.source or "none",
            "confidence": "" if self.confidence is None else f"{self.confidence:.3f}",
            "word_pinyin": self.word_pinyin,
            "correction": "",
        }


def proof_list(collection: Collection, settings: Settings) -> list[ProofEntry]:
    """Every reading an editor should check in `collection`, riskiest first."""
    jobs = []
    for article in collection.articles:
        texts = list(dict.fromkeys(plain_text(runs) for runs in reading_order(article)))
        jobs.append((article_engine(article, collection, settings), texts))
    entries: list[ProofEntry] = []
    for article, analyses in zip(collection.articles, analyse_together(jobs), strict=True):
        try:
            name = article.source_path.relative_to(collection.root).as_posix()
        except ValueError:
            name = article.source_path.name
        lines = _source_lines(article.source_path)
        for analysis in analyses:
            entries += _entries(analysis, name, lines, settings.pinyin_style)
    entries.sort(key=lambda e: (-e.risk, e.article, e.line or 0))
    return entries


def _source_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def _line_of(lines: list[str], text: str, at: int) -> int | None:
    """The first source line holding the characters around `at` (markup may split a run)."""
    for size in (8, 4, 2, 1):
        piece = text[max(0, at - size // 2) : at + size // 2 + 1]
        for number, line in enumerate(lines, start=1):
            if piece in line:
                return number
    return None


def _entries(analysis: Analysis, article: str, lines: list[str], style: str) -> list[ProofEntry]:
    text = analysis.text
    found = []
    for i, char in enumerate(text):
        if not HAN.fullmatch(char):
            continue
        source = analysis.sources[i] if analysis.sources else None
        syllable = analysis.syllables[i]
        alternatives = analysis.alternatives[i] if analysis.alternatives else ()
        confidence = analysis.confidences[i] if analysis.confidences else None
        if syllable is None:
            risk = 1.0
        elif source in OPEN_SOURCES or alternatives:  # alternatives: the lexicon left it open
            risk = _RULE_RISK if confidence is None else 1.0 - confidence
        else:
            continue
        start, end = _word_around(analysis, i)
        found.append(
            ProofEntry(
                risk=round(risk, 3),
                article=article,
                line=_line_of(lines, text, i),
                sentence=_marked(text, i, *_sentence_around(text, i)),
                word=_marked(text, i, start, end),
                reading=None if syllable is None else convert(syllable, style),
                alternatives=tuple(convert(a, style) for a in alternatives),
                source=source,
                confidence=None if confidence is None else round(confidence, 3),
                word_pinyin=" ".join(
                    "?" if s is None else convert(s, style) for s in analysis.syllables[start:end]
                ),
            )
        )
    return found


def _sentence_around(text: str, i: int) -> tuple[int, int]:
    start = max(0, i - _CONTEXT)
    for match in _SENTENCE_END.finditer(text, start, i):
        start = match.end()
    while start < i and text[start] in _CLOSING:
        start += 1  # the quotation mark that closes the sentence before (？” 我还没还)
    end = min(len(text), i + 1 + _CONTEXT)
    stop = _SENTENCE_END.search(text, i + 1, end)
    return start, stop.end() if stop else end


def _word_around(analysis: Analysis, i: int) -> tuple[int, int]:
    """The span of the word holding character i, widened by a Han neighbour word when the word
    is one character: a one-character entry in pinyin.yaml would change it everywhere."""
    spans = analysis.spans
    k = next(k for k, (start, end) in enumerate(spans) if start <= i < end)
    start, end = spans[k]
    if end - start == 1:
        for neighbour in (k - 1, k + 1):
            if 0 <= neighbour < len(spans):
                n_start, n_end = spans[neighbour]
                if HAN.fullmatch(analysis.text[n_start:n_end]):
                    return min(start, n_start), max(end, n_end)
    return start, end


def _marked(text: str, i: int, start: int, end: int) -> str:
    return f"{text[start:i]}[{text[i]}]{text[i + 1 : end]}".replace("\n", " ")


# --------------------------------------------------------------------------- writing


def write_report(entries: list[ProofEntry], out: Path | None, min_risk: float = 0.0) -> str:
    """The list as CSV when `out` ends in .csv (written to it), else a readable table; entries
    at risk under `min_risk` are left out (0: none), and the summary says how many.

    Returns what to print: the table, or a one-line summary when a file was written.
    """
    kept = [entry for entry in entries if entry.risk >= min_risk]
    left_out = len(entries) - len(kept)
    if out is not None and out.suffix.lower() == ".csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(entry.row() for entry in kept)
        _write_atomically(out, buffer.getvalue())
        return _summary(kept, left_out, min_risk) + f" written to {out}"
    table = _table(kept, left_out, min_risk)
    if out is not None:
        _write_atomically(out, table + "\n")
        return _summary(kept, left_out, min_risk) + f" written to {out}"
    return table


def _summary(kept: list[ProofEntry], left_out: int, min_risk: float) -> str:
    if not left_out:
        return f"{len(kept)} readings to proofread"
    return f"{len(kept)} readings to proofread ({left_out} at risk under {min_risk:g} left out)"


def _table(entries: list[ProofEntry], left_out: int, min_risk: float) -> str:
    if not entries and not left_out:
        return "no reading to proofread: every reading comes from a dictionary word"
    lines = [_summary(entries, left_out, min_risk) + ", riskiest first:"]
    for entry in entries:
        row = entry.row()
        where = f"{entry.article}:{row['line'] or '?'}"
        confidence = f" p={row['confidence']}" if row["confidence"] else ""
        others = f" (or {row['alternatives']})" if row["alternatives"] else ""
        lines.append(
            f"{row['risk']}  {where}  {entry.sentence}  {row['reading']}{others}"
            f"  [{row['source']}{confidence}]"
        )
    certain = sum(entry.risk == 0 for entry in entries)
    if certain:
        # Most of a long list: the model sure of a polyphone's usual reading in a word that
        # pypinyin's phrases leave out (工作, 高质量). An editor short of time starts above them.
        lines.append(
            f"{certain} of them at risk 0 (the model sure, no rule against it): "
            "--min-risk 0.001 leaves them out"
        )
    return "\n".join(lines)


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- accepting


def corrections(report: Path) -> list[tuple[str, tuple[str, ...]]]:
    """(word, syllables) for every row of a proof CSV whose `correction` is filled in.

    A correction is the marked character's reading (one syllable) or the whole word's. Raises
    PublishError naming the row for anything else.
    """
    data = read_inside(report, None, MAX_SOURCE_BYTES, "proof list")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PublishError(f"{report}: not UTF-8: save the proof list as UTF-8 CSV") from None
    rows = csv.DictReader(io.StringIO(text))
    missing = {"word", "word_pinyin", "correction"} - set(rows.fieldnames or ())
    if missing:
        raise PublishError(
            f"{report}: not a proof list: no {', '.join(sorted(missing))} column "
            "(make one with publish check --pinyin-report FILE.csv)"
        )
    found: dict[str, tuple[str, ...]] = {}
    for number, row in enumerate(rows, start=2):
        correction = (row.get("correction") or "").split()
        if not correction:
            continue
        marked = row["word"] or ""
        match = re.fullmatch(r"(.*)\[(.)\](.*)", marked)
        if match is None:
            raise PublishError(f"{report}:{number}: the word {marked!r} has no [marked] character")
        word = "".join(match.groups())
        syllables = (row.get("word_pinyin") or "").split()
        if len(correction) == len(word):
            syllables = correction
        elif len(correction) == 1 and len(syllables) == len(word):
            syllables[len(match.group(1))] = correction[0]
        else:
            raise PublishError(
                f"{report}:{number}: correction {' '.join(correction)!r} for {word}: give the "
                f"marked character's reading or {len(word)} syllables, one per character"
            )
        try:
            checked = check_dictionary([(word, syllables)])
        except ValueError as error:
            raise PublishError(f"{report}:{number}: {error}") from None
        found[word] = tuple(convert(s, "tone") for s in checked[0][1])
    return list(found.items())


def accept(report: Path, dictionary: Path) -> list[tuple[str, tuple[str, ...]]]:
    """Write the corrections of a proof CSV into a pinyin.yaml (made if missing); returns them.

    An entry already in the file is replaced on its own line; new ones are added at the end.
    Comments and other entries stay as they are.
    """
    accepted = corrections(report)
    if not accepted:
        return []
    lines = []
    if dictionary.exists() or dictionary.is_symlink():
        # Through the gate: a pinyin.yaml linked from outside the project is refused.
        data = read_inside(dictionary, [dictionary.parent], MAX_SOURCE_BYTES, "pinyin.yaml")
        lines = data.decode("utf-8", errors="replace").splitlines()
    if not lines:
        lines = ["# Readings for local names and words, one syllable per character."]
    pending = dict(accepted)
    for k, line in enumerate(lines):
        key = line.split(":", 1)[0].strip().strip("\"'")
        if ":" in line and key in pending:
            lines[k] = _yaml_line(key, pending.pop(key))
    lines += [_yaml_line(word, syllables) for word, syllables in pending.items()]
    _write_atomically(dictionary, "\n".join(lines) + "\n")
    return accepted


def _yaml_line(word: str, syllables: Iterable[str]) -> str:
    return f"{word}: {' '.join(syllables)}"

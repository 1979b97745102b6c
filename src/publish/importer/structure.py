"""Body lines -> blocks: headings, interviewee sections, quotes, lists, tables and paragraphs.

Import step 4. Saved text has no markup, so structure is read from the lines themselves:

- a heading line is short (at most 32 characters), holds Han characters and no sentence
  punctuation (。！？；), and does not end in a comma, colon or enumeration mark; one to three
  such lines in a row, followed by a paragraph (a long line, or one with sentence
  punctuation), a list, a table or a quote, are ONE heading whose lines are kept as line
  breaks (a headline set over two or three lines). More than three short lines in a row, or
  short lines followed by nothing or by another short line, are paragraphs (a list of names,
  a signature and its date).
  HTML headings (`<h2>`...) are headings whatever they say; a whole-bold line is a heading by
  the same rules as a short line;
- an interviewee section starts at a "unit + role + name:" line (绿园区总工会常务副主席吕亚舟:):
  the name is the last two or three Han characters (four after a compound surname such as 欧阳),
  and the rest must end with a role title (`ROLE_TITLES`: 主席, 书记, 局长, 主任, 区长, ...), which
  is how we know where the role ends and the name begins; the role may join several posts with
  、 (区委常委、宣传部部长), a space may stand before the name, and the line holds no other
  punctuation. The section runs to the next such line or the end; its first heading is its
  headline (level 2), the others are level 3;
- `<blockquote>` lines are quotes, `<ul>`/`<ol>` items lists, data tables tables, images
  figures;
- everything else is a paragraph, its text exactly as on the page, with its runs (bold, links)
  and, for verse and addresses, its line breaks (such a line is never a heading).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import (
    Block,
    Heading,
    Inline,
    Inlines,
    Interview,
    LineBreak,
    ListBlock,
    Paragraph,
    Quote,
    Signature,
    Text,
    merge_headlines,
    plain_text,
    split_lines,
)
from ..punctuation import HAN
from .page import Line, words

# Titles a role ends with (longest first when matching); a unit and any 副/常务/党组 prefix
# come before them, so "常务副主席" and "党组书记" end with 主席 and 书记.
ROLE_TITLES = words(
    "主席 书记 局长 主任 区长 县长 市长 省长 州长 旗长 镇长 乡长 村长 部长 处长 科长 厅长"
    " 司长 署长 所长 站长 校长 院长 馆长 社长 行长 台长 团长 队长 组长 会长 理事长 董事长"
    " 总裁 经理 秘书长 主委 委员 常委 主编 总编辑 总监 检察长 庭长 审判长 政委 司令员"
    " 参谋长 主管 专员 巡视员 调研员 干事 教授 研究员 工程师 代表 负责人 助理 主持人 理事"
    " 监事 园长 支书 指导员 教导员 总经济师 总会计师 总工程师 总师 董事 合伙人 创始人 校董"
    " 首席"
)
COMPOUND_SURNAMES = frozenset(
    words(
        "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 独孤"
        " 南宫 西门 澹台 申屠 百里 呼延 万俟 闻人 赫连 东郭 公冶 太史 钟离 宗政 濮阳 淳于"
        " 单于 仲孙 公羊"
    )
)
_ROLE_END = re.compile("(?:" + "|".join(sorted(set(ROLE_TITLES), key=len, reverse=True)) + ")$")
_SENTENCE = re.compile(r"[。！？!?；;]")
_OPEN_END = "，,、：:（(“‘《〈「『—…-"
# An intro line is a unit and role (several roles joined by 、) and a name: no sentence marks.
_INTRO_FORBIDDEN = re.compile(r"[。！？!?；;，,“”\"《》]")
_DATE_ONLY = re.compile(r"^[\d\s年月日时分秒号\-/.:：]+$")
HEADING_MAX = 32
HEADLINE_LINES = 3


def interviewee(text: str) -> tuple[str, str] | None:
    """(name, role) of a "unit + role + name:" line, or None."""
    if not text or text[-1] not in ":：":
        return None
    core = text[:-1].strip()
    if len(core) > 40 or _INTRO_FORBIDDEN.search(core):
        return None
    if " " in core:  # "绿园区妇联主席 付悦:"
        role, _, name = core.rpartition(" ")
        role = role.strip()
        if _is_name(name) and _ROLE_END.search(role):
            return name, role
        return None
    for size in (3, 2, 4):
        name, role = core[-size:], core[:-size]
        if role and _is_name(name) and _ROLE_END.search(role):
            return name, role
    return None


def _is_name(name: str) -> bool:
    if not all(HAN.match(char) for char in name):
        return False
    return 2 <= len(name) <= 3 or (len(name) == 4 and name[:2] in COMPOUND_SURNAMES)


def is_heading_text(text: str) -> bool:
    """Whether a line reads like a heading: short, no sentence punctuation, not left open."""
    return (
        0 < len(text.replace(" ", "")) <= HEADING_MAX
        and len(HAN.findall(text)) >= 2
        and not _SENTENCE.search(text)
        and text[-1] not in _OPEN_END
        and not _DATE_ONLY.match(text)
    )


@dataclass(frozen=True, slots=True)
class _Token:
    """One classified line (or a run of heading lines)."""

    kind: str
    """para, heading, intro, item, quote, table."""
    lines: tuple[str, ...] = ()
    heading: str = ""
    """For headings: how the page marked it: h1..h6, strong or plain."""
    line: Line | None = None
    name: str = ""
    role: str = ""


def blocks(lines: Sequence[Line]) -> tuple[Block, ...]:
    """The article body's blocks from its lines (chrome and metadata already removed)."""
    tokens = _headline_runs([_classify(line) for line in lines])
    levels = _heading_levels(tokens)
    out: list[Block] = []
    interview: list[Block] | None = None
    intro: _Token | None = None
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.kind == "intro":
            if intro is not None and interview is not None:
                out.append(_interview(intro, interview))
            intro, interview = token, []
            index += 1
            continue
        target = interview if interview is not None else out
        if token.kind in {"item", "quote"}:
            end = index
            while end < len(tokens) and _same_group(tokens[index], tokens[end]):
                end += 1
            target.append(_group(tokens[index:end]))
            index = end
            continue
        if token.kind == "heading":
            level = levels[token.heading]
            if interview is not None:
                level = 2 if not interview else max(3, level)
            target.append(Heading(level, _lines(token.lines)))
        elif token.kind == "table":
            assert token.line is not None and token.line.table is not None
            target.append(token.line.table)
        elif token.kind == "figure":
            assert token.line is not None and token.line.figure is not None
            target.append(token.line.figure)
        else:
            target.append(Paragraph(_runs(token)))
        index += 1
    if intro is not None and interview is not None:
        out.append(_interview(intro, interview))
    return merge_headlines(_signed(out))


# A date as an official document writes it (GB/T 9704-2012 §7.3.5.1: 2024年8月30日; older
# ones in Chinese numerals, 二〇二四年八月三十日).
_DATE_LINE = re.compile(
    r"(?:\d{4}|[〇○零一二三四五六七八九]{4})年(?:\d{1,2}|[一二三四五六七八九十]{1,2})月"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})日"
)
# An issuing office's line: short, without sentence punctuation (长乐区医疗保障局).
_OFFICE_MAX = 30
_OFFICES_AT_MOST = 4
_SENTENCE_MARKS = frozenset("。，、；：！？,;:!?")


def _signed(blocks: list[Block]) -> list[Block]:
    """`blocks` with the lines that close an official notice, the issuing offices and the date
    (落款), as a `Signature`: the last paragraph (or the last lines of one, set apart by line
    breaks) is a date, after up to four short lines without sentence punctuation, after the
    body's text (not right after a heading, whose text a date may be)."""
    lines: list[Inlines] = []
    start = len(blocks)
    while start and isinstance(block := blocks[start - 1], Paragraph):
        split = [line for line in split_lines(block.children) if line]
        offices = split[:-1] if not lines else split
        if not split or not all(_is_office(line) for line in offices):
            break
        lines = split + lines
        start -= 1
    if (
        not lines
        or len(lines) > _OFFICES_AT_MOST + 1
        or not _DATE_LINE.fullmatch(plain_text(lines[-1]).strip())
        or start == 0
        or isinstance(blocks[start - 1], Heading)
    ):
        return blocks
    return [*blocks[:start], Signature(tuple(Paragraph(line) for line in lines))]


def _is_office(line: Inlines) -> bool:
    text = plain_text(line).strip()
    return (
        0 < len(text) <= _OFFICE_MAX
        and not text.startswith("特此")  # 特此通告: the body's last words
        and HAN.search(text) is not None
        and not _SENTENCE_MARKS.intersection(text)
    )


def _runs(token: _Token) -> Inlines:
    """A paragraph's runs: the page's (bold, links, line breaks) or its plain text."""
    if token.line is not None and token.line.runs:
        return token.line.runs
    return (Text(token.lines[0]),)


def _classify(line: Line) -> _Token:
    if line.table is not None:
        return _Token("table", line=line)
    if line.figure is not None:
        return _Token("figure", line=line)
    if any(isinstance(run, LineBreak) for run in line.runs):
        return _Token("para", (line.text,), line=line)  # verse or an address
    if line.item is not None:
        return _Token("item", (line.text,), line=line)
    if line.quote:
        return _Token("quote", (line.text,), line=line)
    if line.level:
        return _Token("heading", (line.text,), f"h{line.level}")
    found = interviewee(line.text)
    if found is not None:
        return _Token("intro", (line.text,), name=found[0], role=found[1])
    if is_heading_text(line.text):
        return _Token("heading", (line.text,), "strong" if line.strong else "plain", line=line)
    return _Token("para", (line.text,), line=line)


def _headline_runs(tokens: list[_Token]) -> list[_Token]:
    """Runs of heading lines marked alike become one heading, or paragraphs (see the rules)."""
    out: list[_Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.kind != "heading":
            out.append(token)
            index += 1
            continue
        end = index
        while (
            end < len(tokens)
            and tokens[end].kind == "heading"
            and (tokens[end].heading == token.heading)
        ):
            end += 1
        run = tokens[index:end]
        following = tokens[end] if end < len(tokens) else None
        tagged = token.heading.startswith("h")
        if tagged or (len(run) <= HEADLINE_LINES and _heads(following)):
            out.append(_Token("heading", tuple(t.lines[0] for t in run), token.heading))
        else:
            out.extend(_Token("para", t.lines, line=t.line) for t in run)
        index = end
    return out


def _heads(following: _Token | None) -> bool:
    """Whether what follows a run of short lines makes it a heading: text to head (a real
    paragraph, a list, a table, a quote or a heading marked otherwise), not the end of the body,
    an interviewee line or another short line (a signature followed by its date)."""
    if following is None or following.kind == "intro":
        return False
    if following.kind == "para":
        text = following.lines[0]
        return len(text) > HEADING_MAX or bool(_SENTENCE.search(text))
    return True


def _heading_levels(tokens: list[_Token]) -> dict[str, int]:
    """Model levels for each way the page marked headings: its <hN> ranks first, then bold and
    unmarked headings one level below the lowest <hN> (levels 2 to 4)."""
    tagged = sorted({t.heading for t in tokens if t.kind == "heading" and t.heading[0] == "h"})
    levels = {mark: min(4, 2 + rank) for rank, mark in enumerate(tagged)}
    below = min(4, 2 + len(tagged))
    levels.update(strong=below, plain=below)
    return levels


def _lines(lines: tuple[str, ...]) -> tuple[Inline, ...]:
    runs: list[Inline] = []
    for line in lines:
        if runs:
            runs.append(LineBreak())
        runs.append(Text(line))
    return tuple(runs)


def _same_group(first: _Token, other: _Token) -> bool:
    if first.kind != other.kind:
        return False
    if first.kind == "item":
        assert first.line is not None and other.line is not None
        return first.line.item == other.line.item
    return True


def _group(tokens: list[_Token]) -> Block:
    paragraphs = [(Paragraph(_runs(t)),) for t in tokens]
    if tokens[0].kind == "quote":
        return Quote(tuple(p[0] for p in paragraphs))
    assert tokens[0].line is not None and tokens[0].line.item is not None
    return ListBlock(tokens[0].line.item[1], tuple(paragraphs))


def _interview(intro: _Token, blocks_: list[Block]) -> Interview:
    merged = merge_headlines(blocks_)
    headline = None
    if merged and isinstance(merged[0], Heading):
        headline = Heading(2, merged[0].children)
        merged = merged[1:]
    return Interview((Text(intro.name),), (Text(intro.role),), headline, merged)

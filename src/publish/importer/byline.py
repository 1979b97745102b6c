"""Metadata in the words a Chinese news page uses: the metadata line, the breadcrumb, editor lines.

Import step 3 (with `chrome`). The metadata line next to the title reads like
"发布时间:2018-11-16 09:15来源:绿园发布 作者:… 【字体：大 中 小】": keys (发布时间,
发布日期, 日期, 时间, 来源, 作者, 编辑, 责任编辑, ...) each followed by a colon (a date key
may also be followed by the date directly), values running to the next key. Dates in
their usual spellings (2018-11-16 09:15, 2018/11/16, 2018.11.16, 2018年11月16日 09时15分,
with or without seconds, full-width digits, in Chinese numerals 二〇一八年十一月十六日 as
official documents date themselves, GB/T 9704-2012 7.3.5.3) become timezone-aware datetimes at
+08:00 (China has one time zone and no daylight saving since 1991). A page that gives its date
on a line of its own (2018年11月16日 星期五) is dated by it when no key names a date.
The breadcrumb ("您当前的位置：首页 > 要闻动态 > 领导活动") is the category path without 首页.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8))

_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?"
    r"(?:\s*T?\s*(?P<H>\d{1,2})\s*(?:[:：]|时|点)\s*(?P<M>\d{1,2})(?!\d)\s*分?"
    r"(?:\s*[:：]\s*(?P<S>\d{1,2})(?!\d)\s*秒?|\s*(?P<S2>\d{1,2})\s*秒)?)?"
)
_DATE_KEYS = (
    "发布时间",
    "发布日期",
    "发表时间",
    "发表日期",
    "发稿时间",
    "发稿日期",
    "更新时间",
    "更新日期",
    "上传时间",
    "发文日期",
    "成文日期",
    "日期",
    "时间",
)
_SOURCE_KEYS = ("信息来源", "文章来源", "稿件来源", "新闻来源", "来源")
_AUTHOR_KEYS = ("作者", "记者", "通讯员", "撰稿", "责任编辑", "编辑")
_OTHER_KEYS = (
    "审核",
    "审校",
    "校对",
    "签发",
    "供稿",
    "摄影",
    "摄像",
    "浏览次数",
    "阅读次数",
    "点击数",
    "字体",
    "字号",
)
_ALL_KEYS = (*_DATE_KEYS, *_SOURCE_KEYS, *_AUTHOR_KEYS, *_OTHER_KEYS)
# Traditional spellings of keys and breadcrumbs map to simplified ones, full-width digits to ASCII.
_FOLD = str.maketrans(
    "發佈時間來編輯審責稿記訊員攝數閱讀點擊體號當現頁０１２３４５６７８９",
    "发布时间来编辑审责稿记讯员摄数阅读点击体号当现页0123456789",
)
_KEY = re.compile(
    r"(?P<key>" + "|".join(sorted(_ALL_KEYS, key=len, reverse=True)) + r")"
    r"\s*(?:[:：]|(?=\s*\d{4}\s*[-/.年]))"
)
_NAME_SEPARATORS = re.compile(r"[\s、，,;；/|｜]+")
_VALUE_TRIM = " \t|｜/\\【】[]()（）·•,，;；。"

_CRUMB_START = re.compile(
    r"^(?:您(?:当前|现在|目前)?(?:的|所在的?)?位置|当前位置|所在位置|现在位置|目前位置|当前页面|位置)\s*[:：]\s*"
)
_CRUMB_HOME = re.compile(r"^(?:网站|本站)?(?:首页|主页)\s*(?:>|＞|»|›|→|/|／)")
_CRUMB_SEPARATOR = re.compile(r"\s*(?:&gt;|>|＞|»|›|→|/|\\)+\s*")
_CRUMB_SKIP = {
    "首页",
    "主页",
    "网站首页",
    "本站首页",
    "home",
    "正文",
    "详情",
    "内容",
    "正文内容",
    "文章",
    "浏览文章",
    "阅读文章",
}


# Dates in Chinese numerals: the year digit by digit (〇 or 零 for zero), month and day as
# numbers (十一, 二十三).
_HAN_DIGITS = "〇一二三四五六七八九"
_HAN_ZERO = str.maketrans("○零OＯ", "〇〇〇〇")
_HAN_DATE = re.compile(
    r"(?P<y>[〇○零OＯ一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(?P<d>[一二三四五六七八九十]{1,3})\s*[日号]"
)


def _han_number(text: str) -> int:
    """一 to 三十一 as a number."""
    if "十" not in text:
        return _HAN_DIGITS.index(text) if len(text) == 1 else -1
    tens, _, ones = text.partition("十")
    return (_HAN_DIGITS.index(tens) if tens else 1) * 10 + (_HAN_DIGITS.index(ones) if ones else 0)


def arabic_dates(text: str) -> str:
    """`text` with dates in Chinese numerals written in digits (二〇一八年十一月十六日 ->
    2018年11月16日)."""

    def digits(match: re.Match[str]) -> str:
        year = "".join(str(_HAN_DIGITS.index(c)) for c in match["y"].translate(_HAN_ZERO))
        month, day = _han_number(match["m"]), _han_number(match["d"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return match.group()
        return f"{year}年{month}月{day}日"

    return _HAN_DATE.sub(digits, text) if "年" in text else text


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the page says about the article, besides its title."""

    date: datetime | None = None
    """Publication date-time at +08:00 (midnight when the page gives only the date)."""
    source: str = ""
    """来源."""
    authors: tuple[str, ...] = ()
    """作者, 记者, 编辑, 责任编辑 ..., in page order."""
    category: tuple[str, ...] = ()
    """The breadcrumb path without 首页."""


def fields(line: str) -> list[tuple[str, str]]:
    """The (key, value) pairs of a metadata line, keys in simplified spelling."""
    folded = _fold(line)
    matches = list(_KEY.finditer(folded))
    pairs = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(folded)
        value = line[match.end() : end].strip(_VALUE_TRIM)
        pairs.append((match.group("key"), value))
    return pairs


def is_metadata(line: str) -> bool:
    """A line that is metadata: its first key starts it, or it is a date and a few words
    (a sentence that starts with a date is text)."""
    if len(line) > 160:
        return False
    folded = _fold(line).lstrip("【[(（ ")
    match = _KEY.search(folded)
    if match is not None and match.start() <= 2:
        return True
    folded = arabic_dates(folded)
    date = _DATE.match(folded)
    return (
        date is not None
        and len(folded) - date.end() < 40
        and not re.search(r"[，。！？；,;]", folded)
    )


def is_credit(line: str) -> bool:
    """A line of credits closing an article: （责任编辑：张伟）, 来源：新华社, 审核：李四 (not a
    date, which may be a notice's own signature date)."""
    if len(line) > 160:
        return False
    folded = _fold(line).lstrip("【[(（ ")
    match = _KEY.match(folded)
    return match is not None and match.group("key") not in _DATE_KEYS


def parse_date(text: str) -> datetime | None:
    """The first date (and time) in `text`, at +08:00, or None."""
    text = arabic_dates(unicodedata.normalize("NFKC", text))
    iso = re.search(
        r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})", text
    )
    if iso:
        try:
            parsed = datetime.fromisoformat(iso.group().replace("Z", "+00:00"))
            return parsed.astimezone(CHINA)
        except ValueError:
            pass
    match = _DATE.search(text)
    if match is None:
        return None
    numbers = {k: int(v) for k, v in match.groupdict().items() if v is not None}
    try:
        return datetime(
            numbers["y"],
            numbers["m"],
            numbers["d"],
            numbers.get("H", 0),
            numbers.get("M", 0),
            numbers.get("S", numbers.get("S2", 0)),
            tzinfo=CHINA,
        )
    except ValueError:
        return None


def breadcrumb(line: str, title: str = "") -> tuple[str, ...] | None:
    """The category path of a breadcrumb line (without 首页), or None when it is not one."""
    folded = _fold_crumb(line)
    start = _CRUMB_START.match(folded)
    if start is None and not _CRUMB_HOME.match(folded):
        return None
    path = line[start.end() :] if start else line
    parts = [p.strip() for p in _CRUMB_SEPARATOR.split(path)]
    parts = [p for p in parts if p and _fold_crumb(p).lower() not in _CRUMB_SKIP]
    if parts and title and parts[-1] == title:
        parts.pop()
    return tuple(parts)


def read(lines: Iterable[str], meta: dict[str, str] | None = None, title: str = "") -> Metadata:
    """Metadata from a page's metadata, breadcrumb and editor lines; `<meta>` fills gaps."""
    meta = meta or {}
    date = None
    source = ""
    authors: list[str] = []
    category: tuple[str, ...] = ()
    dated: list[str] = []
    for line in lines:
        if is_metadata(line) and not _KEY.search(_fold(line)):
            dated.append(line)  # a date on a line of its own
        crumb = breadcrumb(line, title)
        if crumb is not None:
            category = category or crumb
            continue
        for key, value in fields(line):
            if key in _DATE_KEYS and date is None:
                date = parse_date(value)
            elif key in _SOURCE_KEYS and not source:
                source = value
            elif key in _AUTHOR_KEYS:
                authors.extend(n for n in _NAME_SEPARATORS.split(value) if n)
    if date is None:
        value = next(
            (
                meta[k]
                for k in (
                    "article:published_time",
                    "pubdate",
                    "publishdate",
                    "firstpublishedtime",
                    "dc.date",
                    "date",
                )
                if meta.get(k)
            ),
            "",
        )
        date = parse_date(value) if value else None
    if date is None and dated:
        date = parse_date(dated[-1])
    source = source or meta.get("contentsource", "")
    if not authors and meta.get("author"):
        authors = [n for n in _NAME_SEPARATORS.split(meta["author"]) if n]
    if not category and meta.get("columnname"):
        category = (meta["columnname"],)
    return Metadata(date, source, tuple(dict.fromkeys(authors)), category)


def _fold(text: str) -> str:
    """Keys in simplified spelling and digits in ASCII; one character for one, so that
    positions in the folded text are positions in `text`."""
    return text.translate(_FOLD)


def _fold_crumb(text: str) -> str:
    return text.translate(_FOLD)

"""Context rules for polyphones whose reading shows in the characters around them.

The engine (engine.py) applies these after the model, to characters the model decided that are
not inside a dictionary word (a dictionary word already settles its characters). Each rule
states a 现代汉语词典 distinction the model, trained on encyclopedia sentences, often misses:
the verb 弄 nòng before a result (弄清楚, 弄脏) but the lane 弄 lòng after a house number
(武康路40弄); 撒 sǎ "scatter" before where it lands (撒上, 撒在); 挨 āi "next to" (紧挨,
挨着) but ái "suffer" (挨打, 挨饿); 刨 páo "dig" except the plane 刨 bào (刨花, 刨子); 铺 pū
"spread" before its result (铺平, 铺设); 涌 chōng "river branch" at the end of a Cantonese
place name (麻涌, 葵涌); 哦 o closing a sentence; 应 yīng "should" after an adverb (也应,
最早应追溯).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    """Read `char` as `reading` where `before` matches the text before it and `after` the text
    after it (either may be None: no condition)."""

    char: str
    reading: str
    before: re.Pattern[str] | None = None
    after: re.Pattern[str] | None = None


def _rule(char: str, reading: str, before: str | None = None, after: str | None = None) -> Rule:
    return Rule(
        char,
        reading,
        None if before is None else re.compile(f"(?:{before})$"),
        None if after is None else re.compile(after),
    )


_HAN = "\u3400-\u9fff"
_END = rf"(?:[^{_HAN}]|$)"

RULES: tuple[Rule, ...] = (
    _rule("弄", "long4", before=r"[0-9０-９]"),
    _rule("弄", "nong4", after="[伤清脏瞎干坏错懂明好到得成完湿丢乱破死残哭醒]"),
    _rule("撒", "sa3", after="[上在下满到落遍入进]"),
    _rule("挨", "ai1", before="紧"),
    _rule("挨", "ai1", after="[着近肩家个次门户]"),
    _rule("挨", "ai2", after="[打骂饿冻批揍整宰训]"),
    _rule("刨", "bao4", after="[花子床刀]"),
    _rule("刨", "pao2", after="[^花子床刀]"),
    _rule("铺", "pu1", after="[轨平通设垫砌上开满成路盖展陈张]"),
    _rule("涌", "chong1", before=f"[{_HAN}]", after=f"(?:[镇村河站口区路街围尾头边桥]|{_END})"),
    _rule("哦", "o5", before=f"[{_HAN}]", after=_END),
    _rule("应", "ying1", before="[也都就还更均本不早则亦并仍尚必]", after=f"[{_HAN}]"),
)
"""The rules, first match wins for each character."""

BY_CHAR: dict[str, tuple[Rule, ...]] = {}
for _r in RULES:
    BY_CHAR[_r.char] = (*BY_CHAR.get(_r.char, ()), _r)


def reading_at(text: str, i: int) -> str | None:
    """The reading a rule gives character i of `text`, or None when no rule applies."""
    for rule in BY_CHAR.get(text[i], ()):
        if rule.before is not None and not rule.before.search(text, max(0, i - 4), i):
            continue
        if rule.after is not None and not rule.after.match(text, i + 1):
            continue
        return rule.reading
    return None

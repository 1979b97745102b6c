"""Tone sandhi of 一 and 不, printed as primary-school textbooks (人教版 语文) print it.

The engine (engine.py) calls `apply` last, after every reading is decided, because the tone
of 一 and 不 depends on the tone of the syllable that follows:
- 不 bù becomes bú before a fourth tone (不对 bú duì, 不是 bú shì);
- 一 yī becomes yí before a fourth tone (一定 yí dìng, 一个 yí gè) and yì before the other
  tones (一天 yì tiān, 一年 yì nián, 一起 yì qǐ);
- between a repeated verb both are neutral (看一看 kàn yi kàn, 看了一看, 好不好 hǎo bu hǎo; not
  不 in 一A不A: 一动不动 yí dòng bú dòng), but not the
  second 一 of 一A一A and 一A一B (一闪一闪 yì shǎn yì shǎn, 一摇一摆 yì yáo yì bǎi: each 一 is
  "one" before its own syllable, whatever word jieba makes of 一摇一);
- 一 keeps yī where it is a number read as such (现代汉语词典, 一 entry): ordinals (第一),
  after another numeral (十一, 一百零一), before another digit (一九八四, read digit by
  digit), month names (一月) and days (三月一日), decimals and hours (一点五, 一点半), at the
  end of a dictionary word (统一, 唯一, 万一, 星期一, 初一, 之一, and 统一 inside jieba's
  longer words: 统一规划, 天一阁; not of a word jieba's HMM makes of a verb and 一: 包一 /
  大锅) or of a phrase (before punctuation or at the end of the
  text), in counting, A一A二 (数一数二 shǔyī-shǔ'èr), and where it numbers a
  floor, a school year, a quarter or a number (一楼 "the first floor", 一年级, 今年一季度, 一号线,
  一号楼: 一 is 第一
  there, 普通话 textbooks' 序数不变调) and opens a range of them (一至九月, 一至三季度), Monday
  (每周一闭馆, not 每周一次: one a week), and a
  digit named beside another (尾号为一和六).

A neutral-toned syllable counts by its dictionary tone (一个 yí gè: 个 is gè). Readings that a
user dictionary fixed are left as written; our curated words are written in citation tones and
take the sandhi like any other (一辈子 yí bèizi, 不在乎 bú zàihu).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from . import segmentation

_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两")
_DIGITS = frozenset("〇零一二三四五六七八九")
_MONTH_AFTER = frozenset("月")
_DAY_AFTER = frozenset("日号")
_AFTER_POINT = _DIGITS | frozenset("半钟")
_DECIMAL_UNIT = frozenset("分度米克秒元倍万亿升吨")
"""Units after a decimal's last digit (一点一分); not 刻 (三点一刻 yí kè) nor 滴 (一点一滴)."""
_PERCENT_DECIMAL = re.compile(r"百分之[〇零一二三四五六七八九十百]+点[〇零一二三四五六七八九]*$")
"""A percentage's decimal before its 一 (百分之三点一降为, 百分之二点一一): each digit keeps yī,
whatever follows."""
_WORDS_OF_ONE = frozenset(
    ("一定", "一直", "一样", "一起", "一般", "一致", "一向", "一切", "一下", "一滴")
)
"""Words of 一 that may follow 一点 "this point" (这一点一定要记住, 有一点一直没想通, 一点一滴):
no decimal."""
_WORDS_OF_ZERO = frozenset(("零花", "零用", "零食", "零钱", "零碎", "零件", "零星", "零头", "零活"))
"""Words of 零 that may follow 一点 "a little" (攒一点零花钱, 买一点零食): no decimal."""
_PARTICLES = frozenset("的地得了着过吗呢吧啊")
_FORMULA = frozenset("对比送赠换赔抵顶付")
"""What stands between two numbers named as numbers in a formula (一对一, 一比一, 三比一, 买一送一,
一换一, 一赔一, a rent's 押一付三): each 一 there keeps yī."""
_AS_SOON_AS = re.compile(
    r"[^万统唯专划同单归合初周期第之]一[^的地得了着过一二三四五六七八九十][^。！？；]{0,8}?[就便]"
)
"""一 "as soon as" before a verb or adjective of one character and the 就 of what follows
(天一黑就回家, 天一冷，老寒腿就犯了): the conjunction takes the sandhi even where jieba's
dictionary makes a word of what stands before it and 一 (its 天一), unlike the numbers that
end a word (万一, 统一)."""
_ORDINAL = re.compile(r"楼(?!宇|房|盘)|年级|号(?!召|称|令)")
"""What 一 numbers (一楼, 一年级, 一号线): the ordinal, yī."""
_ORDINAL_RANGE = re.compile(r"[至到][〇零一二三四五六七八九十]+(?:月|季度|年级|楼|号(?!召|称|令))")
"""A range of months, quarters, school years, floors or numbers that 一 opens (今年一至九月, 一至三
季度, 一到六年级): 一 names the first of them, yī, as 一月, 一季度; not a range of
counts (一至两年, 一到三个月: yí)."""
_QUARTER_COUNTED = frozenset("上下每这那同前后单整近满头")
"""What makes 一季度 a quarter counted (上一季度 "the last quarter", 近一季度, 满一季度: yí), not
the first quarter of a year (今年一季度, 一季度全市……: 第一季度, yī, as 一楼, 一年级)."""
_PHASE = frozenset(["期工程", "期项目"])
"""What makes 一期 the first phase of a project (地铁一期工程, 一期项目: 第一期, yī, as
一季度); after 上, 这, 每 … (`_QUARTER_COUNTED`) it counts, yí."""
_SIZED = frozenset("大小肥瘦长短宽窄")
"""What makes 一号 a size counted (大一号, 小一号 "one size larger, smaller": yí hào), not No. 1."""
_COUNT_IN_WORD = frozenset(["俩一"])
"""Words of jieba's dictionary ending in 一 where 一 is a count, not a number named (你们俩一人一块:
俩 "the two of them", then 一人 "one each", yì)."""
_HIGHER_BY = frozenset("成倍截筹头档等级层格码")
"""What 高 "higher" is higher by after jieba's 高一 (the school year): 高一成半, 高一截,
高一级; there 一 counts (yì chéng), as in 价格低一成; 高一学生, 高一年级 keep the school year's
yī."""
_FINAL_IN_WORD = frozenset(["统一", "唯一", "惟一", "单一", "专一", "划一", "纯一", "超一", "天一"])
"""Words ending in 一 that jieba's dictionary also holds inside longer words (统一规划, 统一安排,
唯一性, 单一制, 超一流, 天一阁): 一 there is still the end of its word, yī (现代汉语词典 统一
tǒngyī, 超一流 chāoyīliú, as 统一 alone; 人教版 prints 统一安排 tǒngyī ānpái). Not 同一 (同一个,
同一天: "one" before a measure word), 不一 (不一会儿 yí), 天一 other than in 天一阁 (天一亮 "as
soon as")."""
_WEEK_PICKED = frozenset("每上下本这那逢")
_COUNTED_PER_WEEK = frozenset("次回遍趟个节堂场篇本张份顿天小片圈块")
"""What follows 周一 when 一 counts per week (每周一次, 一周一节课, 每周一小时): "one", which takes
the sandhi; before anything else 周一, 星期一, 礼拜一 name Monday (每周一闭馆), yī."""
_NAMED_DIGIT_JOIN = frozenset("和或")
"""What joins digits named as such (尾号为一和六, 一或二): each keeps its dictionary tone."""
_KEYED = frozenset(["回复", "输入", "发送", "编辑", "按键", "拨打"])
"""What sends or keys a digit (回复一即可办理, 编辑一发送到): 一 after one, and before a word of
`_KEYED_AFTER`, is the digit named as such, yī (回复一下, 回复一条 count: yí, yì)."""
_KEYED_AFTER = frozenset("即就到或和至")
"""What follows a digit sent or keyed: what is done then (即可, 就, 发送到), or another digit
(回复一或二)."""
_LISTING = frozenset("是要")
"""What follows 一 that starts a clause and a list (一是压缩时限，二是……; 一要……二要……): the
first item, yī."""


def apply(
    text: str,
    syllables: list[str | None],
    word_ends: Sequence[bool],
    fixed: Sequence[bool],
    base_tone: Callable[[str], int | None],
) -> None:
    """Apply the sandhi of 一 and 不 to `syllables` (one per character of `text`) in place.

    `word_ends[i]` says whether character i ends a word; `fixed[i]` whether the user fixed its
    reading; `base_tone(char)` gives a character's usual dictionary tone (for neutral syllables).
    """
    last = len(text) - 1
    for i, char in enumerate(text):
        if fixed[i]:
            continue
        if char == "一" and syllables[i] == "yi1":
            syllables[i] = _yi(text, syllables, word_ends, base_tone, i, last)
        elif char == "不" and syllables[i] == "bu4":
            syllables[i] = _bu(text, syllables, word_ends, base_tone, i, last)


def _next_tone(
    text: str, syllables: list[str | None], base_tone: Callable[[str], int | None], i: int
) -> int | None:
    following = syllables[i + 1]
    if following is None:
        return None
    tone = int(following[-1])
    if tone == 5:
        return base_tone(text[i + 1])
    return tone


def _repeated(text: str, syllables: list[str | None], i: int, last: int) -> bool:
    """看一看, 好不好: the same Han character on both sides (not 一闪一闪's second 一)."""
    return (
        0 < i < last
        and text[i - 1] == text[i + 1]
        and syllables[i - 1] is not None
        and not _paired(text, i)
    )


_BEFORE_DOUBLED = frozenset("来去再又先也都就还便才")
"""What jieba may join to the verb of V了一V (来看/了/一/看): not a word of its own before it."""


def _repeated_after_le(text: str, word_ends: Sequence[bool], i: int, last: int) -> bool:
    """看了一看, 试了一试, 拍了一拍桌子: V了一V, the verb after 一 not the start of a time word
    (下了一下午, 上了一上午: jieba's tag t; its tags say nothing of 拍桌子, a noun to it)."""
    if not (1 < i < last and text[i - 1] == "了" and text[i - 2] == text[i + 1]):
        return False
    start = _word_start(word_ends, i - 2)
    if word_ends[i - 2] and start < i - 2 and text[start : i - 2] not in _BEFORE_DOUBLED:
        return False  # 借宿了一宿 yì xiǔ: the verb's character ends a longer word; 一宿 counts
    if word_ends[i + 1]:
        return _is_han(text[i + 1])
    end = i + 1
    while end < last and not word_ends[end]:
        end += 1
    tags = segmentation.dictionary_tags(text[i + 1 : end + 1])
    return bool(tags) and tags[0][1][:1] != "t"


def _ends_noun(text: str, word_ends: Sequence[bool], i: int) -> bool:
    """Whether character i ends a noun or a time word of two characters or more in jieba's
    dictionary (门票 in 门票一票难求, 货场 in 货场一场鏖战, 去年 in 仅去年一年): no
    verb repeated around 一 there, unlike 看一看 and the verbs jieba joins to what comes before
    them (来看/一看, 先量/一量), or after 用 the hand that does it (用手压一压: jieba's 手压)."""
    if i < 1 or not word_ends[i] or word_ends[i - 1]:
        return False
    start = _word_start(word_ends, i)
    if "用" in text[max(0, start - 3) : start]:
        return False  # 用手压一压: jieba's noun 手压 is the hand used and the verb; so is the
        # 水泡 of 用盐水泡一泡 (用 up to three characters before the noun)
    word = text[start : i + 1]
    tags = segmentation.dictionary_tags(word)
    return len(tags) == 1 and tags[0][1][:1] in "nt"


def _paired(text: str, i: int) -> bool:
    """The second 一 of 一A一B (一闪一闪, 一摇一摆, 一心一意), B not a particle (一对一的 ends
    on the number)."""
    return (
        text[i] == "一"
        and i >= 2
        and text[i - 2] == "一"
        and i + 1 < len(text)
        and text[i + 1] not in _PARTICLES
    )


def _monday(text: str, i: int) -> bool:
    """Whether 一 at `i` ends 星期一, 礼拜一 or a 周一 that names a day: 周 alone or after what
    picks a week (每周一, 下周一), not the 周 of another word (四周一片漆黑, 一周一天)."""
    if text.startswith(("星期", "礼拜"), i - 2):
        return True
    if i == 0 or text[i - 1] != "周":
        return False
    return i == 1 or text[i - 2] in _WEEK_PICKED or not _is_han(text[i - 2])


_SAME = frozenset(["同学", "同事", "同志", "同胞", "同时", "同样", "同意", "同期", "同比", "同类"])
"""Words of 同 that follow Monday (下周一同学们返校, 周一同时开工): 一 there is no 一同
"together"."""


_FROM_MONDAY = (
    "学校",
    "全校",
    "我校",
    "本校",
    "各班",
    "各年级",
    "实行",
    "执行",
    "恢复",
    "正式",
    "将",
)
"""What follows 起 "from" in a notice that says when something starts (下周一起学校开始实行
冬季作息时间, 下周一起正式上课): a subject or the start itself, never what is done together."""


def _together(text: str, i: int, last: int) -> bool:
    """一起, 一同, 一道 "together" after 周 (下周一起去, 这周一同出发): not Monday, unless 起 "from"
    ends the phrase (下周一起，午饭后……: "from next Monday"), 从 or 自 opens it (从下周一起每天
    跳绳), `_FROM_MONDAY` follows 起, or 同 starts a word of its own (下周一同学们返校)."""
    if text[i + 1] == "同":
        return text[i + 1 : i + 3] not in _SAME
    if text[i + 1] == "道":
        return True
    if text[i + 1] != "起" or i + 2 > last or not _is_han(text[i + 2]):
        return False
    if "从" in text[max(0, i - 4) : i - 1] or "自" in text[max(0, i - 4) : i - 1]:
        return False
    return not text.startswith(_FROM_MONDAY, i + 2)


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _per_unit(text: str, i: int) -> bool:
    """Whether 一 at `i` starts a new count after a price said in 块 and 毛 (一块五一斤,
    两块八一个): the digit before it closes the price, so 一 is "one (jin)", not the end of a
    number."""
    return (
        i >= 2 and text[i - 1] in _DIGITS and text[i - 1] not in "〇零" and text[i - 2] in "块毛角"
    )


def _weight(text: str, i: int) -> bool:
    """Whether the 两 before 一 at `i` is the weight liǎng, not a numeral (几斤几两一看就知道,
    半斤八两一样): no number goes on from 两 to 一, so 一 there starts a count of its own."""
    return text[i - 1] == "两"


def _word_start(word_ends: Sequence[bool], i: int) -> int:
    """Where the word that character i ends starts (after the last word end before it)."""
    start = i
    while start > 0 and not word_ends[start - 1]:
        start -= 1
    return start


def _ends_word_within(text: str, word_ends: Sequence[bool], i: int) -> bool:
    """Whether 一 at `i` ends a word of `_FINAL_IN_WORD` that starts jieba's longer word."""
    if word_ends[i] or i == 0:
        return False
    start = _word_start(word_ends, i)
    head = text[start : i + 1]
    if head == "天一":
        return text[i + 1] == "阁"
    return head in _FINAL_IN_WORD


def _formula(text: str, i: int, last: int) -> bool:
    """Whether 一 at `i` is one of two numbers named around a word of `_FORMULA`: before it and
    a numeral (一对一, 一比一, 买一送一, not 一对一对的鸽子: pairs counted), or after it and a
    numeral (一对一辅导's second 一, 三比一, 买二送一)."""
    if (
        i + 2 <= last
        and text[i + 1] in _FORMULA
        and text[i + 2] in _NUMERALS
        and not (i + 3 <= last and text[i + 3] == text[i + 1])
    ):
        return True
    return (
        i >= 2
        and text[i - 1] in _FORMULA
        and text[i - 2] in _NUMERALS
        and not (i + 1 <= last and text[i + 1] == text[i - 1])
    )


def _after_word_of_one(text: str, word_ends: Sequence[bool], i: int) -> bool:
    """Whether 一 at `i` follows a word of `_FINAL_IN_WORD` that ends just before it (唯一一支,
    统一一下): a count of its own, which takes the sandhi, not a digit of a number."""
    return i >= 2 and word_ends[i - 1] and text[i - 2 : i] in _FINAL_IN_WORD


def _yi(
    text: str,
    syllables: list[str | None],
    word_ends: Sequence[bool],
    base_tone: Callable[[str], int | None],
    i: int,
    last: int,
) -> str:
    if i == last or syllables[i + 1] is None:
        return "yi1"  # alone or before punctuation: 之一。 十一，
    if (
        i > 0
        and (text[i - 1] == "第" or (text[i - 1] in _NUMERALS and not _weight(text, i)))
        and not _per_unit(text, i)
        and not _after_word_of_one(text, word_ends, i)
    ):
        return "yi1"  # 第一百, 十一, 一百零一 (not 唯一一支: a count after the word 唯一)
    if text[i + 1] in _DIGITS or text[i + 1] in _MONTH_AFTER:
        return "yi1"
    if (
        i >= 2
        and text[i - 1] == "点"
        and text[i - 2] in _DIGITS
        and text[i + 1] in _DECIMAL_UNIT
        and not (i >= 3 and text[i - 3] in "这那哪")
    ):
        return "yi1"  # the last digit of a decimal before its unit: 九十一点一分, 三十六点一度
    if (
        i >= 2
        and text[i - 1] == "点"
        and text[i - 2] in _DIGITS
        and (_PERCENT_DECIMAL.search(text, 0, i) or text.startswith("个百分点", i + 1))
    ):
        return "yi1"  # a percentage's decimal, a point's: 百分之三点一降为, 零点一个百分点
    sized = text[i + 1] == "号" and i > 0 and text[i - 1] in _SIZED
    if _ORDINAL.match(text, i + 1) and not sized:
        return "yi1"  # 一楼, 一号线; but 大一号 "one size larger" counts, yí
    if _ORDINAL_RANGE.match(text, i + 1):
        return "yi1"  # the first of a range of ordinals: 一至九月, 一至三季度, 一到六年级
    if text[i + 1 : i + 3] == "季度" and (i == 0 or text[i - 1] not in _QUARTER_COUNTED):
        return "yi1"  # 一季度 "the first quarter" (今年一季度); not 上一季度, 近一季度
    if text[i + 1 : i + 4] in _PHASE and (i == 0 or text[i - 1] not in _QUARTER_COUNTED):
        return "yi1"  # 一期工程 "phase one" (地铁一期工程); not 这一期工程, 每一期项目
    if text[i + 1] in _LISTING and (i == 0 or syllables[i - 1] is None):
        return "yi1"  # the first of a list, at the start of its clause: 一是……二是……, 一要
    if _monday(text, i) and text[i + 1] not in _COUNTED_PER_WEEK and not _together(text, i, last):
        return "yi1"  # Monday: 每周一闭馆, 星期一上午 (not 每周一次)
    if text[i + 1] in _NAMED_DIGIT_JOIN and i + 2 <= last and text[i + 2] in _DIGITS:
        return "yi1"  # digits named as such: 尾号为一和六
    if text[max(0, i - 2) : i] in _KEYED and text[i + 1] in _KEYED_AFTER:
        return "yi1"  # a digit sent or keyed: 回复一即可, 回复一或二 (回复一下 counts)
    if i > 0 and text[i - 1] in _MONTH_AFTER and text[i + 1] in _DAY_AFTER:
        return "yi1"  # the day of a date: 三月一日, 五月一号
    if (
        text[i + 1] == "点"
        and i + 2 <= last
        and text[i + 2] in _AFTER_POINT
        and text[i + 2 : i + 4] != "一点"
        and text[i + 2 : i + 4] not in _WORDS_OF_ONE
        and text[i + 2 : i + 4] not in _WORDS_OF_ZERO
        and not (i > 0 and text[i - 1] in "这那哪")
    ):
        return "yi1"  # a decimal or the hour: 一点五, 一点半, 一点钟 (not 吃一点, 一点一点地)
    if i > 0 and i + 2 <= last and text[i - 1] == text[i + 1] and text[i + 2] == "二":
        return "yi1"  # counting: 数一数二
    if _formula(text, i, last):
        return "yi1"  # a number named in a formula: 一对一, 一比一, 买一送一
    if (
        _repeated(text, syllables, i, last)
        and not _ends_noun(text, word_ends, i - 1)
        and text[i + 2 : i + 5] != "比一" + text[i + 1]
    ):
        return "yi5"  # but 门票一票难求: 票 ends the noun 门票, and 一票 "one ticket" counts;
        # nor 天一天比一天凉了: 一天比一天 counts, the 天 before is the sky
    if _repeated_after_le(text, word_ends, i, last):
        return "yi5"  # 看了一看, 想了一想: the doubled verb with 了, as 看一看
    if (
        word_ends[i]
        and i > 0
        and not word_ends[i - 1]
        and not _paired(text, i)
        and not _AS_SOON_AS.match(text, i - 1)
        and not (text[i - 1] == "周" and _together(text, i, last))
        and segmentation.in_dictionary(text[_word_start(word_ends, i) : i + 1])
        and text[_word_start(word_ends, i) : i + 1] not in _COUNT_IN_WORD
        and not (text[_word_start(word_ends, i) : i + 1] == "高一" and text[i + 1] in _HIGHER_BY)
        and not (text[_word_start(word_ends, i) : i + 1] == "天一" and text[i + 1] != "阁")
    ):
        return "yi1"  # the last character of a dictionary word: 统一, 唯一, 万一 (not the 周一
        # that jieba cuts from 这周一同出发: 一同 "together", yìtóng; nor jieba's 天一 of 天一放晴,
        # 天一擦黑 without the 就 `_AS_SOON_AS` needs: the sky "as soon as", unless 天一阁)
    if _ends_word_within(text, word_ends, i):
        return "yi1"  # 统一规划, 唯一性, 天一阁: the end of 统一 inside jieba's longer word
    tone = _next_tone(text, syllables, base_tone, i)
    if tone is None:
        return "yi1"
    return "yi2" if tone == 4 else "yi4"


_A_BU_A_ADVERBS = frozenset({"时不时"})
"""A-不-A words that ask nothing: 不 keeps its tone (时不时 shíbùshí)."""


def _bu(
    text: str,
    syllables: list[str | None],
    word_ends: Sequence[bool],
    base_tone: Callable[[str], int | None],
    i: int,
    last: int,
) -> str:
    if i == last or syllables[i + 1] is None:
        return "bu4"
    # 好不好, 去不去: but not where 不 starts a word that goes on past the character
    # repeated (高兴得不得了: 得 / 不得了 is no question), nor in 不对不对, 不行不行 (a "no"
    # said twice), nor in 一A不A, no question but "not even once" (一动不动 yí dòng bú dòng,
    # as textbooks print it).
    starts_longer_word = i > 0 and word_ends[i - 1] and not word_ends[i] and not word_ends[i + 1]
    said_twice = i > 1 and text[i - 2] in "不一"
    # 时不时 "every now and then" is an adverb, no question: shíbùshí (现代汉语词典).
    adverb = i > 0 and text[i - 1 : i + 2] in _A_BU_A_ADVERBS
    if (
        _repeated(text, syllables, i, last)
        and not starts_longer_word
        and not said_twice
        and not adverb
    ):
        return "bu5"
    return "bu2" if _next_tone(text, syllables, base_tone, i) == 4 else "bu4"

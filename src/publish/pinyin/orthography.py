"""Pinyin written in words, as GB/T 16159-2012 (汉语拼音正词法基本规则) writes them.

The one place that decides how the engine's readings are written as words: `publish pinyin
--words` (`word_joined`) and the HTML site's word ruby (`--pinyin-words`, annotate.py) both
write what `written_words` gives. The readings are the engine's; this module only decides
where words start and end, their capitals, apostrophes and hyphens:
- a word's syllables are written together (§5.1, §5.2), with an apostrophe before a syllable
  that starts with a, o or e inside a word (liǎng'ái, Xī'ān: 《汉语拼音方案》's 隔音符号);
- a name or phrase of four syllables or more is written in the words it is made of, and
  together only when it cannot be cut into words (§5.3: jiěfàng sīxiǎng, Liánhéguó Jiàokēwén
  Zǔzhī, but yìniánzhījìzàiyúchūn); an AABB reduplication takes a hyphen (§5.4:
  qīngqīng-chǔchǔ), and so does an idiom of four characters read as two halves (§6.1.10:
  fēngpíng-làngjìng, yīngbǎo-jìnbǎo; bùyìlèhū is written together: `_in_halves`, `_idiom`);
- a numeral stands apart from its measure word, and 第 takes a hyphen before its number
  (§6.1, numerals and measure words: èrshí gè, dì-yī shǒu), and so does the 多 of a number
  said roughly (yìbǎi duō gè, èrshí duō nián); a month stands apart from its day (jiǔyuè
  chūjiǔ); a preposition jieba joins to the word after it stands apart (jù tǒngjì); the aspect
  particles 着, 了, 过 join the verb before them (§6.1, verbs: xiǎngqǐle), and so do a verb and
  its result of one syllable each (xiěwán, náqǐ: `_results_joined`); the suffix 们 joins its
  noun (tóngxuémen); a weekday stands apart from 上, 下, 本, 每 (xià zhōuyī);
- phrases that jieba's dictionary (or its HMM) holds as one word are written in their words
  (§6.1, `_phrases_apart`): a pronoun apart from its verb (wǒ yào, nǐ hǎo, zhè shì); 这, 那,
  哪 apart from a measure word or noun (zhè jiàn shì, nà cì, nǎ zhāng; zhèxiē, zhège, zhème,
  zhèyàng, zhèlǐ, zhèbiān, zhèhuìr... are words), and a measure word from its noun after
  them (zhè běn shū); a degree adverb apart from its adjective (hěn duō nián, tài dà, tǐng
  lèi), and 没 from a word of two characters (méi xiǎngdào, méi guānxi; méishìr is a word);
  a modal verb, and 没, from a verb of one character (tā huì lái, méi lái); 好, 坏, 新, 旧
  from a noun of one character they make no word with (hǎo shū, xīn chē; hǎorén, xīnshǒu);
  a verb of one character apart from its object (kàn diànshì, hē zhōu; a compound of two
  characters that 现代汉语词典 holds stays a word: chīfàn, shuìjiào; kāi wánxiào, shòu
  huānyíng though jieba tags the object a verb); a number's measure word
  from its noun (yì shǒu gē); a noun from its localiser (cāochǎng shàng); the particle 吧
  from the word before it (diànyǐng ba); and a function word that jieba's HMM joined to a
  word (zháojí de wèn, shí yào, jù zhènzhì), or a noun to the adjective that is its
  predicate (yóu rè hòu, fēng dà: `_found_apart`); a phrase jieba's dictionary holds but has
  hardly seen, of a verb and its object or its complement of direction (wàng míngyuè, dīxià
  tóu, luò xiàlái: `_rare_verb_phrase`; data/rules.txt's `@phrase`: míngyuè guāng); 的, 地
  after a word of two syllables or more (qīngqīng de); 家 "home" after a pronoun or kin (wǒ
  jiā, wàipó jiā); a modal verb or 新 before a verb (kě bōdǎ, xīn kāitōng);
- personal names: surname and given name apart, each capitalised (Lǚ Yàzhōu, §6.2), and 老,
  小 apart from a surname (Lǎo Zhāng, Xiǎo Wáng: data/rules.txt's `@familiar`); other
  proper nouns (places, organisations) capitalised word by word, a place's generic name
  (市, 省, 区, 地区, 自治区...) apart from its specific name (Běijīng Shì, Huáběi Dìqū, §6.2,
  §6.3), schools (Běijīng Dàxué), festivals
  (Chūnjié, Chóngyángjié: data/rules.txt's `@festival`, §6.3.1); which words are
  proper nouns is decided carefully (`_trusted`): a capital on a common word is worse than
  none;
- the first letter of a sentence is capitalised (§6.3).
Words and proper nouns come from the engine's words (jieba's, with the names and the user's
words kept whole) and jieba's part-of-speech tags (nr, ns, nt, nz); a name the article
declares is a personal name whatever jieba says.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..model import without_selectors
from . import rules, segmentation
from .analysis import code_points
from .engine import Engine
from .lexicon import Lexicon
from .names import COMPOUND_SURNAMES, surname_of
from .segmentation import HAN
from .styles import convert

_PUNCTUATION = {
    "。": ".",
    "，": ",",
    "、": ",",
    "；": ";",
    "：": ":",
    "？": "?",
    "！": "!",
    "“": "\u201c",
    "”": "\u201d",
    "‘": "\u2018",
    "’": "\u2019",
    "（": "(",
    "）": ")",
    "《": "\u00ab",
    "》": "\u00bb",
    "…": "...",
    "—": "-",
    "～": "~",
}
_TOKEN = re.compile(rf"[^\s{re.escape(''.join(_PUNCTUATION))}]+|\S")
"""What stands between words: a run of anything but spaces and Chinese punctuation (2018,
APP, 0571-88886666, a URL, an ideographic description ⿰氵每: kept whole, as written), or one
Chinese mark."""
_NO_SPACE_BEFORE = frozenset(".,;:?!)\u201d\u2019\u00bb%")
_NO_SPACE_AFTER = frozenset("(\u201c\u2018\u00ab")
_SENTENCE_END = frozenset("。？！.?!")
_PERSONAL = frozenset({"nr", "nrfg"})
_PROPER = frozenset({"nr", "nrfg", "nrt", "ns", "nt", "nz"})
_VOWEL_START = frozenset("aoeāáǎàōóǒòēéěè")
_NUMERALS = frozenset("零〇一二两三四五六七八九十百千万亿几")
_MEASURES = frozenset(
    "个张首次回年天岁层台步位件本条只名元块斤种项家所间辆把支双对句份套座篇段章节课场届期批"
    "组户口棵朵片杯碗瓶盒遍趟周月日号成倍度部栋幢门架副头匹顶封颗粒根枝株盏幅道点米路"
    "群轮串束滴堆阵班册"
)
"""Measure words (and units of time) a numeral is written apart from, and a measure word after
这, 那, 哪 or a number from its noun (§6.1: èrshí gè, yì shǒu gē, zhè duǒ huā): one list for
both, since a measure word is one whatever stands before it (a second list of the measure words
of flowers, trees and lamps, 朵 颗 根 枝 盏, once stood beside this one); 点 "o'clock", 米 and 路
"route" (shí diǎn, yì mǐ, sān lù). 一下, 一些, 一点, 十分 and 万一 are words of their own,
written together (yíxià, shífēn, `_NUMBER_WORDS_OF_TWO`); 一道 "together" is given back its
word by `_together`."""
_DATE_UNITS = frozenset("年月日号时点分秒")
_GENERIC_PLACES = frozenset("省市县区镇乡村州")
_GENERIC_PLACE_WORDS = ("自治区", "自治州", "自治县", "地区")
"""Generic names of places of more than one character (西藏自治区, 华北地区)."""
_SCHOOLS = frozenset(["大学", "中学", "小学"])
"""Last words of schools' names (北京大学, 清华大学), which jieba tags nt with disciplines
(天文学, 伦理学) that are no proper nouns."""
_GENERIC_NAMES = _GENERIC_PLACES | frozenset("国江河湖山岛路街会院部委厅团社署党织")
"""Last characters of places and organisations: 中国, 长江, 北京市, 共青团, 联合国教科文组织."""
_NOT_IN_NAMES = frozenset("了着过的地得们吗呢吧啊说和与跟同及等在是也都就将把被为向从给对曾")
"""Particles, conjunctions, prepositions and adverbs, which end no given name a byline or an
office stands beside (医生苏原和妻子, 编辑朱蒂被停职)."""
_ASPECT = frozenset({"zhe", "le", "guo", "zhe5", "le5", "guo5"})
"""The neutral-tone readings of 着, 了, 过 as aspect particles (tone and number styles)."""
_NEUTRAL_BU = frozenset({"bu", "bu5"})
"""不 read neutral, as in the potential complement 不得 (动不得 dòngbude)."""
_MONDAY_YI = frozenset({"yī", "yi1", "yi"})
"""一 read as the digit, as Monday's 周一 is (every other 一 before 同, 道 takes the sandhi)."""


@dataclass(frozen=True, slots=True)
class Written:
    """A word of Han characters as written in pinyin."""

    start: int
    """Index of its first character in the text."""
    end: int
    """Index after its last character."""
    syllables: tuple[str, ...]
    """One per character, as the word writes it: the engine's reading, capitalised at the start
    of the word, after an apostrophe or a hyphen where the word takes one ("Xī", "'ān"); a
    character without a reading stands for itself."""

    @property
    def text(self) -> str:
        """The word as written: "Xī'ān"."""
        return "".join(self.syllables)


def written_words(
    text: str,
    readings: Sequence[str | None],
    spans: Sequence[tuple[int, int]],
    names: Collection[str] = (),
) -> list[Written]:
    """The Han words of `text` as GB/T 16159-2012 writes them, in order.

    `readings`: one per character in a reading style (None where there is none); `spans`: the
    engine's words, covering the text; `names`: personal names the text is known to hold."""
    tags = dict(_tags(text))
    words: list[Written] = []
    sentence_start = True
    position = 0
    verb_before = False
    place_named = False
    cut, whole = _set_phrases(text, list(_units_apart(text, spans)), tags)
    cut = _phrases_apart(text, readings, cut, tags, names, whole)
    cut = _verb_not_able(text, readings, cut)
    cut = _together(text, readings, cut)
    cut = _results_joined(text, cut, tags)
    cut = _weekdays_regrouped(text, cut, tags)
    titled = _titled_names(text, cut)
    titled += _compound_names(text, cut, tags)
    titled += _paired_names(text, cut, tags, titled)
    if titled:
        cut = _merged(_split(cut, titled), titled)
        names = {*names, *(text[a:b] for a, b in titled)}
    addressed = _surnames_addressed(text, cut, tags)
    addressed += _names_before_a_particle(text, cut, tags)
    addressed += _familiar_names(text, cut, tags)
    if addressed:
        cut = _split(cut, addressed)
        # by place, not by text: 查 is a surname in 查老师, a verb in 查 / 资料
        names = {*names, *(text[a:b] for a, b in addressed if b - a > 1)}
    addressed_at = {span for span in addressed if span[1] - span[0] == 1}
    for index, (start, end) in enumerate(cut):
        word = text[start:end]
        if not HAN.fullmatch(word):
            continue
        between = text[position:start]
        for char in between:
            if char in _SENTENCE_END:
                sentence_start = True
            elif char.isalnum():
                sentence_start = False
        position = end
        flag = (
            "nr"
            if (start, end) in addressed_at
            else _trusted(word, tags.get((start, end), ""), names)
        )
        # §6.2: a place's name and its kind, which the segmenter cut apart (长乐 / 区): both
        # capitalised, Chánglè Qū; a place name alone is not trusted (美丽 is tagged one).
        if place_named and word in _GENERIC_PLACES:
            flag = "ns"
        after = cut[index + 1] if index + 1 < len(cut) else (end, end)
        place_named = (
            tags.get((start, end)) == "ns"
            and after[0] == end
            and text[after[0] : after[1]] in _GENERIC_PLACES
        )
        if place_named:
            flag = "ns"
        if word in _TOGETHER and after[0] == end and _verb_next(text[after[0] : after[1]]):
            flag = "d"  # 一道去, 一同回家: the adverb "together" (yídào), not 一 / 道 彩虹
        syllables = [
            r if r is not None else c for c, r in zip(word, readings[start:end], strict=True)
        ]
        if verb_before and not between and _aspect_particle(word, syllables, text[end:]):
            # §6.1: kànle, xiǎngqǐle; a sentence's closing 了 stands apart (dào le).
            words[-1] = Written(words[-1].start, end, (*words[-1].syllables, *syllables))
            verb_before = False
            continue
        if word == "们" and not between and words and words[-1].end == start:
            # §5.1 (a suffix is part of its word): tóngxuémen, háizimen, where jieba cuts 们 off
            words[-1] = Written(words[-1].start, end, (*words[-1].syllables, *syllables))
            continue
        # a word before the aspect particle 着 is a verb, whatever jieba tags it (下 / 着: xiàzhe)
        verb_before = flag.startswith("v") or text[end : end + 1] == "着"
        piece_start = start
        for length, capital, hyphen in _pieces(word, flag):
            piece = syllables[piece_start - start : piece_start - start + length]
            words.append(
                Written(
                    piece_start,
                    piece_start + length,
                    _spelled(piece, capital or sentence_start, hyphen),
                )
            )
            piece_start += length
            sentence_start = False
    return words


def _titled_names(text: str, cut: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Personal names jieba does not find, by where they stand (data/rules.txt's `@surname`,
    `@credit`, `@office`): a surname and one or two characters, made of whole words of `cut`,
    right after a credit or an office (记者李明报道, 责任编辑张伟, 校长王长生说) or right before an
    office (王长生主任说). A word of the dictionary is no name there (编辑张开了双臂: 张开)."""
    lists = rules.WORD_LISTS
    surnames, offices = lists["surname"], lists["office"]
    before_names = lists["credit"] | lists["position"]
    starts = {a: b for a, b in cut}
    ends = {b: a for a, b in cut}
    found: list[tuple[int, int]] = []
    for a, b in cut:
        word = text[a:b]
        if word in before_names:
            found += _name_at(text, b, starts, ends, surnames, forward=True)
        if word in offices:
            found += _name_at(text, a, starts, ends, surnames, forward=False)
    return sorted(set(found))


def _compound_names(
    text: str, cut: Sequence[tuple[int, int]], tags: dict[tuple[int, int], str]
) -> list[tuple[int, int]]:
    """Personal names with a compound surname (复姓) that jieba tags as names: a word of the
    dictionary (司马光, 诸葛亮, 令狐冲) unless listed in data/rules.txt's `@notname` (东方红,
    东方明珠), or a word its HMM found (上官婉儿), taken on by one character where jieba cut a
    two-character given name apart (欧阳明 / 辉是: Ōuyáng Mínghuī shì; 记者欧阳明 / 辉 / 报道), not
    where a word follows (司马光 / 砸, 令狐冲 / 会)."""
    not_names = rules.WORD_LISTS["notname"]
    found = []
    for index, (a, b) in enumerate(cut):
        word = text[a:b]
        if word[:2] not in COMPOUND_SURNAMES or not 3 <= len(word) <= 4 or word in not_names:
            continue
        if word[-1] in _NOT_NAME_ENDS:  # 宇文氏: the clan
            continue
        if tags.get((a, b)) not in _PERSONAL:
            continue
        end = b
        if len(word) == 3 and index + 1 < len(cut):
            c, d = cut[index + 1]
            following = text[c:d]
            if HAN.fullmatch(following) and following[0] not in _NOT_IN_NAMES:
                if d - c == 1:
                    joined = tags.get((c, d)) in _PERSONAL  # 记者欧阳明 / 辉 (nr) / 报道
                else:  # 欧阳明 / 辉是: the rest a particle or a verb like 是 (not 司马昭大怒)
                    joined = (
                        d - c == 2
                        and not segmentation.in_dictionary(following)
                        and following[1] in _NOT_IN_NAMES
                        and not segmentation.dictionary_tags(following[0])[0][1].startswith("v")
                    )
                if joined:
                    end = b + 1
        found.append((a, end))
    return found


def _paired_names(
    text: str,
    cut: Sequence[tuple[int, int]],
    tags: dict[tuple[int, int], str],
    found: Sequence[tuple[int, int]],
) -> list[tuple[int, int]]:
    """Personal names of two or three characters jieba tags as names (张伟, 李娜) that stand in
    a list of names, joined by 、 (张伟、李娜、王芳) or by 和, 与, 跟, 同, 及 (张伟和李娜): a name
    is never guessed alone, but side by side they are names. Each starts with a surname of
    `@surname`, does not end in what ends places and things (陈州, 谷纹, `_NOT_NAME_ENDS`), and is
    either no word of the dictionary or one it tags nr; every item of a list must be one
    (金银花、连翘、荆芥: 荆芥 is none, so the list is of herbs, which jieba also tags nr), one at
    least must be a name jieba found outside its dictionary (张伟), since the dictionary tags
    herbs nr too (金银花、连翘), and the last item is no title's or a place's (周抚、龙骧将军: a
    rank; 陆良、石林县)."""
    surnames = rules.WORD_LISTS["surname"]
    titles = rules.WORD_LISTS["title"] | rules.WORD_LISTS["office"]
    known = set(found)

    def candidate(index: int) -> bool:
        span = cut[index]
        if span in known:
            return True
        name = text[span[0] : span[1]]
        if not 2 <= len(name) <= 3 or tags.get(span) not in _PERSONAL:
            return False
        if (
            surname_of(name) not in surnames
            or name[-1] in _NOT_IN_NAMES
            or name[-1] in _NOT_NAME_ENDS
        ):
            return False
        if segmentation.in_dictionary(name):
            return segmentation.dictionary_tags(name)[0][1] in _PERSONAL
        return len(name) == 2 or not segmentation.in_dictionary(name[:2])

    def found_outside(index: int) -> bool:
        span = cut[index]
        return span in known or not segmentation.in_dictionary(text[span[0] : span[1]])

    def joined(index: int) -> bool:
        return (
            index + 2 < len(cut)
            and cut[index][1] == cut[index + 1][0]
            and cut[index + 1][1] == cut[index + 2][0]
            and text[cut[index + 1][0] : cut[index + 1][1]] in _NAME_JOINTS
        )

    pairs: list[tuple[int, int]] = []
    index = 0
    while index < len(cut):
        if not joined(index):
            index += 1
            continue
        items = [index]
        while joined(items[-1]):
            items.append(items[-1] + 2)
        last = items[-1]
        after = text[cut[last + 1][0] : cut[last + 1][1]] if last + 1 < len(cut) else ""
        if (
            all(candidate(item) for item in items)
            and any(found_outside(item) for item in items)
            and after not in titles
            and after not in _GENERIC_PLACES
        ):
            pairs += [cut[item] for item in items if cut[item] not in known]
        index = last + 1
    return sorted(set(pairs))


_NAME_JOINTS = frozenset(["、", "和", "与", "跟", "同", "及"])
_NOT_NAME_ENDS = "州郡县府镇村乡河湖港湾泉纹寺庙宫殿楼阁亭站氏令"
"""Last characters of places and things that jieba tags as personal names (陈州, 谷纹)."""


def _surnames_addressed(
    text: str, cut: Sequence[tuple[int, int]], tags: dict[tuple[int, int], str]
) -> list[tuple[int, int]]:
    """A surname alone before an office or a form of address (王主任, 李老师, 张阿姨: Wáng
    zhǔrèn, Lǐ lǎoshī), whether jieba makes it one word with the title (李老师) or a word of its
    own (王 / 主任): the surname is a name, the title is not. Not the prepositions and verbs that
    are surnames too (向老师请教, 于, 和, 党主席; 任 before an office: 自任会长), listed in
    `_NOT_SURNAME_HERE`, nor after a name (布朗齐夫人: 齐 ends a transliteration)."""
    lists = rules.WORD_LISTS
    surnames, address = lists["surname"], lists["address"]
    titles = lists["office"] | address
    found = []
    for index, (a, b) in enumerate(cut):
        word = text[a:b]
        if index > 0 and tags.get(cut[index - 1], "").startswith("nr"):
            continue
        if len(word) >= 3 and word[1:] in titles and word[0] in surnames:
            title = word[1:]
            start = a
        elif (
            len(word) == 1
            and word in surnames
            and index + 1 < len(cut)
            and cut[index + 1][0] == b
            and text[b : cut[index + 1][1]] in titles
        ):
            title = text[b : cut[index + 1][1]]
            start = b - 1
        else:
            continue
        if word[0] in _NOT_SURNAME_HERE or (word[0] == "任" and title not in address):
            continue
        if len(word) >= 3 and segmentation.dictionary_tags(word)[0][1] not in _PERSONAL:
            continue
        found.append((start, start + 1))  # 李 / 老师 (one word of the dictionary), 王 / 主任
    return found


def _names_before_a_particle(
    text: str, cut: Sequence[tuple[int, int]], tags: dict[tuple[int, int], str]
) -> list[tuple[int, int]]:
    """Names of two characters that jieba's HMM found with the word after them, a particle or
    a verb of `_NOT_IN_NAMES` (葛洪是, 张三是: it tags the three a name): the name without it
    (Gě Hóng shì, not Gě Hóngshì)."""
    surnames = rules.WORD_LISTS["surname"]
    found = []
    for a, b in cut:
        word = text[a:b]
        if (
            b - a == 3
            and tags.get((a, b)) in _PERSONAL
            and word[0] in surnames
            and word[0] != word[1]  # 高高的: a reduplication, no name
            and word[-1] in _NOT_IN_NAMES
            and not segmentation.in_dictionary(word)
        ):
            found.append((a, b - 1))
    return found


def _familiar_names(
    text: str, cut: Sequence[tuple[int, int]], tags: dict[tuple[int, int], str]
) -> list[tuple[int, int]]:
    """老 or 小 and a surname, the familiar way of calling someone (老张, 小王: §6.2, 老, 小 and
    the surname apart, each capitalised: Lǎo Zhāng, Xiǎo Wáng), whether jieba makes them one
    word (老张, which its dictionary tags a noun) or two (小 / 王, 小 / 赵是, 老 / 周家): the
    spans of both. Only the surnames of data/rules.txt's `@familiar`, which make no common word
    with 老 and 小 (老师, 小路, 小马, 小康 are words), and not where jieba's dictionary holds the
    two as a verb (小于 "less than")."""
    familiar = rules.WORD_LISTS["familiar"]
    found = []
    for index, (a, b) in enumerate(cut):
        if text[a] not in "老小" or text[a + 1 : a + 2] not in familiar:
            continue
        following = text[b : cut[index + 1][1]] if index + 1 < len(cut) else ""
        # 小 / 王; 小 / 赵是, 老 / 周家: jieba joined a particle or 家 "home" to the surname
        alone = b - a == 1 and (
            len(following) == 1
            or (len(following) == 2 and (following[1] in _NOT_IN_NAMES or following[1] == "家"))
        )
        if (b - a == 2 or alone) and not _dictionary_tag(text[a : a + 2]).startswith("v"):
            found += [(a, a + 1), (a + 1, a + 2)]
    return found


_NOT_SURNAME_HERE = frozenset("向于和同跟对给被把为让叫从在与及将到由比党")
"""Surnames that are prepositions, conjunctions or verbs before a title (向老师请教, 给老师)."""


def _split(
    cut: Sequence[tuple[int, int]], names: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """`cut` with every word cut where one of `names` begins or ends inside it (欧阳明 / 辉是 cut
    to 欧阳明 / 辉 / 是 for 欧阳明辉; 李老师 to 李 / 老师)."""
    bounds = sorted({x for name in names for x in name})
    result = []
    for a, b in cut:
        points = [a, *(p for p in bounds if a < p < b), b]
        result += list(pairwise(points))
    return result


def _name_at(
    text: str,
    at: int,
    starts: dict[int, int],
    ends: dict[int, int],
    surnames: Collection[str],
    *,
    forward: bool,
) -> list[tuple[int, int]]:
    """The name of three, else two characters starting (`forward`) or ending at `at`, made of
    whole words (`starts`: each word's end by its start, `ends` its start by its end), with a
    word of the dictionary or no Han character on its other side (王有双领我: no name 王有)."""
    for size in (3, 2):
        a, b = (at, at + size) if forward else (at - size, at)
        if a < 0 or b > len(text) or a not in starts or b not in ends:
            continue
        name = text[a:b]
        if not HAN.fullmatch(name) or surname_of(name) not in surnames:
            continue
        if len(surname_of(name)) >= len(name) or not _may_be_name(name):
            continue
        if forward:
            beside = text[b : starts[b]] if b in starts else ""
        else:
            beside = text[ends[a] : a] if a in ends else ""
        if (
            beside
            and HAN.match(beside)
            and not (
                segmentation.in_dictionary(beside)
                and (forward or len(beside) > 1)
                and segmentation.dictionary_tags(beside)[0][1] not in _PERSONAL
            )
        ):
            # a word outside the dictionary, or a name (慈云桂曾任副校长: no name 曾任)
            continue
        return [(a, b)]
    return []


def _may_be_name(name: str) -> bool:
    """Whether `name` may be a personal name: neither it nor its surname with the next character
    a word of the dictionary (张开, 高兴, 王国; whatever the tag: jieba tags 张开 a name), its given
    name no verb (于维护), and not ending in a particle (了, 的, 们)."""
    given = name[len(surname_of(name)) :]
    return (
        name[-1] not in _NOT_IN_NAMES
        and not any(segmentation.in_dictionary(part) for part in {name, name[:2]})
        and not (
            len(given) > 1
            and segmentation.in_dictionary(given)
            and segmentation.dictionary_tags(given)[0][1].startswith("v")
        )
    )


def _merged(
    cut: Sequence[tuple[int, int]], names: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """`cut` with the words inside each of `names` made one word."""
    merged: list[tuple[int, int]] = []
    for a, b in cut:
        inside = next(((x, y) for x, y in names if x <= a and b <= y), None)
        if inside is None:
            merged.append((a, b))
        elif not merged or merged[-1] != inside:
            merged.append(inside)
    return merged


def _verb_not_able(
    text: str, readings: Sequence[str | None], cut: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """`cut` with 不得了 read bu de le (记不得了: the engine's rule, as 了 le shows) written as the
    verb's word and the particle (§6.1: jìbude le), where jieba cut 记 / 不得了 or 我记 / 不得了;
    and 不得 read ·bu·de, the potential complement, joined to its verb (动 / 不得: dòngbude)."""
    for index in range(len(cut) - 1, 0, -1):
        a, b = cut[index]
        if cut[index - 1][1] != a or not segmentation.HAN.match(text[a - 1]):
            continue
        if text[a:b] == "不得了" and readings[a + 2] in _ASPECT:
            pieces = [(a, a + 2), (a + 2, b)]
        elif text[a:b] == "不得" and readings[a] in _NEUTRAL_BU:
            pieces = [(a, b)]
        else:
            continue
        c, d = cut[index - 1]
        last = len(segmentation.dictionary_tags(text[c:d])[-1][0])
        cut[index - 1 : index + 1] = [
            *([(c, d - last)] if d - last > c else []),
            (d - last, pieces[0][1]),
            *pieces[1:],
        ]
    return cut


def _results_joined(
    text: str, cut: list[tuple[int, int]], tags: dict[tuple[int, int], str]
) -> list[tuple[int, int]]:
    """`cut` with a verb of one character and the result of one character after it, which jieba
    cut apart, made one verb (§6.1: a verb and its complement, both of one syllable, are
    written together: xiěwán, guānhǎo, náqǐ, guàqǐle; the aspect particle then joins them), as
    jieba itself joins 洗好, 打碎. Not a verb of `_LIGHT_VERBS` or `_MODAL_VERBS` (有好, 要好),
    and only the results of `_RESULT_COMPLEMENTS`."""
    for index in range(len(cut) - 2, -1, -1):
        (a, b), (c, d) = cut[index], cut[index + 1]
        if (
            b - a == 1
            and c == b
            and d - c == 1
            and text[c] in _RESULT_COMPLEMENTS
            and text[a] not in _LIGHT_VERBS
            and text[a] not in _MODAL_VERBS
            and tags.get((a, b), _dictionary_tag(text[a])).startswith("v")
        ):
            cut[index : index + 2] = [(a, d)]
            tags[a, d] = "v"
    return cut


def _weekdays_regrouped(
    text: str, cut: list[tuple[int, int]], tags: dict[tuple[int, int], str]
) -> list[tuple[int, int]]:
    """`cut` with the weekday that jieba cut as 每周 / 一, 本周 / 四起 made one word again (§6.1:
    měi zhōuyī, běn zhōusì qǐ); 每周 / 一次 "once a week" stays."""
    for index in range(len(cut) - 2, -1, -1):
        (a, b), (c, d) = cut[index], cut[index + 1]
        if (
            b - a == 2
            and c == b
            and text[a:b] in _WEEK_BEFORE
            and text[a + 1 : c + 1] in _WEEKDAYS
            and (d - c == 1 or text[c + 1] not in _MEASURES)
        ):
            pieces = [(a, a + 1), (a + 1, c + 1), *([(c + 1, d)] if d > c + 1 else [])]
            cut[index : index + 2] = pieces
            tags[a, a + 1] = _dictionary_tag(text[a])
            tags[a + 1, c + 1] = "t"
            if d > c + 1:
                tags[c + 1, d] = _dictionary_tag(text[c + 1 : d])
    return cut


_WEEK_BEFORE = frozenset(["每周", "上周", "下周", "本周"])
_RESULT_COMPLEMENTS = frozenset("完好起出懂住掉透坏错满")
"""Results of one character that a verb of one character takes (写完, 关好, 拿起, 看懂, 扔掉,
写满);
not 到, 在, 给 (pǎo dào, zuò zài: prepositions to 现代汉语词典), nor 对, 见 (jieba's 对 is the
preposition; 看见 is a word of its own)."""


_TOGETHER = frozenset(["一道", "一同"])
"""Adverbs "together" that read as a number and a measure word (一道 / 彩虹: yí dào cǎihóng):
the adverb before a verb (一道去 yídào qù)."""


def _verb_next(word: str) -> bool:
    """Whether `word` is a verb, a preposition or an adverb, or starts with one (回家, tagged a
    noun by jieba's dictionary)."""
    return bool(word) and any(
        _dictionary_tag(w)[:1] in ("v", "p", "d") for w in dict.fromkeys((word, word[0]))
    )


def _together(
    text: str, readings: Sequence[str | None], cut: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """`cut` with the 一 of 一同, 一道 "together" that jieba cut as the end of 周一 (这周一 /
    同出发, which the engine reads yì, not Monday's yī) given back to its word: zhè zhōu yìtóng."""
    for index in range(len(cut) - 1):
        a, b = cut[index]
        c, d = cut[index + 1]
        if (
            b - a > 1
            and text[b - 2 : b] == "周一"
            and c == b
            and text[c] in "同道"
            and readings[b - 1] not in _MONDAY_YI
        ):
            cut[index : index + 2] = [(a, b - 1), (b - 1, d)]
    return cut


def _units_apart(text: str, spans: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """`spans` with the segmenter's joins that GB/T 16159 writes apart taken apart
    (`_units_apart_once`), then a month and the day that starts with 初 set right (§6.1: 九月 /
    初九, jiǔyuè chūjiǔ, where jieba cuts 九月初 / 九)."""
    cut = list(_units_apart_once(text, spans))
    index = 0
    while index < len(cut):
        start, end = cut[index]
        if (
            index + 1 < len(cut)
            and end - start > 2
            and text[end - 2 : end] == "月初"
            and cut[index + 1][0] == end
            and text[end] in _NUMERALS
        ):
            following = cut[index + 1][1]
            day = end
            while day < following and text[day] in _NUMERALS:
                day += 1
            yield start, end - 1
            yield end - 1, day
            if day < following:
                yield day, following
            index += 2
            continue
        if (
            index + 1 < len(cut)
            and end - start == 2
            and text[start] in _DATE_UNITS
            and text[end - 1] == "前"
            and text[:start].rstrip()[-1:].isdigit()
            and text[end : cut[index + 1][1]] == "后"
        ):
            # §6.1: a date and 前后 "around" it, 4 rì qiánhòu, where jieba cuts 4 日前 / 后
            yield start, start + 1
            yield start + 1, end + 1
            index += 2
            continue
        if (joined := _many_kinds(text, cut, index)) is not None:
            # §6.1: a number and its measure word apart, and 多 "multi-" part of the noun
            # after it: yí gè duōmínzú (jieba cuts 一个多 / 民族).
            numeral_end = start
            while text[numeral_end] in _NUMERALS:
                numeral_end += 1
            yield start, numeral_end
            yield numeral_end, end - 1
            yield end - 1, joined
            index += 2 if joined > end else 1
            continue
        yield start, end
        index += 1


def _many_kinds(text: str, cut: Sequence[tuple[int, int]], index: int) -> int | None:
    """Where the word of 多 ends when `cut[index]` is a number, its measure word and 多: with the
    noun after it that 多 "multi-" prefixes (一个多 / 民族, 一个多 / 功能: "a multi-ethnic"), or
    at 多 itself before anything else (一个多 / 好: "how good"; 一个多月 "more than a month",
    one word, `_rough_cuts` takes apart); None for any other word."""
    start, end = cut[index]
    if end - start < 3 or text[end - 1] != "多":
        return None
    if text[end - 2] not in _MEASURES or any(c not in _NUMERALS for c in text[start : end - 2]):
        return None
    if index + 1 >= len(cut):
        return end
    following, after = cut[index + 1]
    noun = text[following:after]
    if (
        following != end
        or not HAN.fullmatch(noun)
        or noun[0] in _MEASURES
        or noun in _TIME_UNITS
        or not _tags(text).get((following, after), "").startswith("n")
    ):
        return end
    return after


def _units_apart_once(text: str, spans: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """`spans` with pieces taken apart that the segmenter joined though no dictionary of words
    has them: a date or time unit after a number and what follows, made by its HMM (1 日至 12 月:
    rì zhì, not rìzhì; 3 日起: rì qǐ; 2025 年度 stays niándù), and the conjunction 和 or 与
    after a word, which jieba's dictionary holds as noise (免费检查和救助: jiǎnchá hé, not
    jiǎncháhé) but the phrase table, which has every word ending in these polyphones, does not
    (代数和 and 将相和 stay)."""
    lexicon = Lexicon.shared()
    for start, end in spans:
        word = text[start:end]
        if (
            end - start > 1
            and word[0] in _DATE_UNITS
            and text[:start].rstrip()[-1:].isdigit()
            and not segmentation.in_dictionary(word)
        ):
            yield start, start + 1
            yield start + 1, end
        elif (
            end - start > 2
            and word[0] in _PREPOSITIONS
            and segmentation.in_dictionary(word[1:])
            and lexicon.phrase(word) is None
            and lexicon.curated(word) is None
        ):
            yield start, start + 1  # §6.1: a preposition apart, jù tǒngjì (据统计)
            yield start + 1, end
        elif cuts := _rough_cuts(text, start, end):
            # §6.1: 多 of a number said roughly apart from the number and the measure word,
            # yìbǎi duō gè, èrshí duō nián (jieba's 二十 / 多年, 十多年, 一个多月)
            yield from pairwise([start, *cuts, end])
        elif (
            end - start > 2
            and word[-1] in "和与"
            and segmentation.in_dictionary(word[:-1])
            and lexicon.phrase(word) is None
            and lexicon.curated(word) is None
        ):
            yield start, end - 1
            yield end - 1, end
        else:
            yield start, end


_PREPOSITIONS = frozenset("据按")
"""Prepositions that jieba's dictionary joins to the verb or noun after them (据统计, 按规定):
GB/T 16159 writes a preposition as a word of its own."""
_TIME_UNITS = frozenset(["星期", "小时", "钟头", "礼拜", "世纪", "学期"])
"""Units of time of two characters that a rough number counts (一个多星期, 一个多小时)."""
_ROUND = frozenset("十百千万亿")
"""The numerals 多 follows in a number said roughly (二十多, 一百多, 三千多; not 两年多)."""


def _rough_cuts(text: str, start: int, end: int) -> list[int]:
    """Where the word at `start:end` is cut around the 多 of a number said roughly (§6.1:
    yìbǎi duō gè, yí gè duō yuè): after 十, 百, 千, 万, 亿 (二十 / 多年, 十多年, 一百多) or after
    a number and its measure word (一个多月), and before the measure word after it; empty for
    any other word (多年, 多少, 许多, 两年多)."""
    at = start
    while at < end and text[at] in _NUMERALS:
        at += 1
    if at < end - 1 and text[at] in _MEASURES and text[at + 1] == "多" and at > start:
        at += 1  # 一个多月: the number's measure word before 多, a unit of time after it
        unit = text[at + 1 : at + 3]
        if unit[:1] not in _MEASURES and unit not in _TIME_UNITS:
            return []  # 一个多民族的国家: 多民族 is a word
    elif (text[at - 1 : at] if at > start else text[start - 1 : start]) not in _ROUND:
        return []
    if at >= end or text[at] != "多" or end - start == 1:
        return []
    after = text[at + 1 : at + 2]
    if at < end - 1 and after not in _MEASURES and after not in "万亿":
        return []  # 多年来 alone, 多少
    numeral_end = start
    while numeral_end < at and text[numeral_end] in _NUMERALS:
        numeral_end += 1
    return sorted({numeral_end, at, at + 1} - {start, end})


def _phrases_apart(
    text: str,
    readings: Sequence[str | None],
    cut: Sequence[tuple[int, int]],
    tags: dict[tuple[int, int], str],
    names: Collection[str] = (),
    whole: Collection[tuple[int, int]] = (),
) -> list[tuple[int, int]]:
    """`cut` with the phrases that jieba holds as one word written in the words they are made
    of (§6.1): a pronoun and its verb (我要 wǒ yào, 这是 zhè shì), 这, 那, 哪 and the measure
    word or noun after them (这件 zhè jiàn, 那时 nà shí: `_DEMONSTRATIVE_WORDS` stay words), a
    degree adverb and its adjective (很多年 hěn duō nián, 太大 tài dà), a verb and its object
    (看电视 kàn diànshì, 喝粥 hē zhōu), a number, its measure word and its noun (一首歌 yì shǒu
    gē; 这 / 本书 zhè běn shū), a noun and its localiser (操场上 cāochǎng shàng), and the
    particle 吧 read ba (电影吧 diànyǐng ba). Each new word is given its dictionary tag in
    `tags`. `names`, and the names and places jieba tags, are left whole, and so are the spans
    `whole` (set phrases: 应保尽保)."""
    result: list[tuple[int, int]] = []
    before = ""
    for start, end in cut:
        word = text[start:end]
        flag = tags.get((start, end), "")
        if (
            end - start < 2
            or not HAN.fullmatch(word)
            or word in names
            or (start, end) in whole
            or _trusted(word, flag, names) in _PROPER
            or (flag in _PERSONAL and not segmentation.in_dictionary(word))
        ):
            pieces = [word]
        else:
            pieces = _phrase_pieces(word, readings[start:end], before)
        position = start
        for piece in pieces:
            span = (position, position + len(piece))
            if len(pieces) > 1 and span not in tags:
                tags[span] = "m" if piece[0] in _NUMERALS else _dictionary_tag(piece)
                if len(piece) == 1 and tags[span] in _PROPER:
                    tags[span] = "n"  # 河 / 长: a common noun, though jieba tags 河 a place
                if (
                    len(piece) == 1
                    and span[1] == end
                    and text[end : end + 1] in ("了", "着", "过")
                    and tags[span] not in _NOT_VERBS
                ):
                    tags[span] = "v"  # 流 / 了, 种 / 了: a verb, which its aspect particle joins
            result.append(span)
            position += len(piece)
            before = piece
    return result


def _phrase_pieces(word: str, readings: Sequence[str | None], before: str) -> list[str]:
    """`word` cut into the words of the phrase it is (`_phrase_cut`), each cut again."""
    cut = _phrase_cut(word, readings, before) if len(word) > 1 else None
    if cut is None or len(cut) < 2:
        return [word]
    pieces: list[str] = []
    at = 0
    for piece in cut:
        pieces += _phrase_pieces(piece, readings[at : at + len(piece)], before)
        before = piece
        at += len(piece)
    return pieces


def _phrase_cut(word: str, readings: Sequence[str | None], before: str) -> list[str] | None:
    """The words of the phrase `word` (after the word `before`) as GB/T 16159 writes them, or
    None for a word: see `_phrases_apart`."""
    first, rest = word[0], word[1:]
    if len(word) == 3 and word[1] == word[2]:
        return None  # 亮晶晶, 绿油油: one word (ABB)
    if (
        first == "没"
        and len(word) == 3
        and word[-1] != "儿"
        and word not in _WORDS_OF_MEI
        and segmentation.in_dictionary(rest)
    ):
        return ["没", rest]  # 没想到 méi xiǎngdào, 没关系 méi guānxi; 没事儿, 没奈何 are words
    if len(word) == 2 and (first in _MODAL_VERBS or first == "没") and _modal_and_verb(word):
        return [first, rest]  # 会来 huì lái, 能去 néng qù, 没来 méi lái: apart from the verb
    if (first in _MODAL_VERBS or first == "新") and _hardly_seen_before_verb(word):
        return [first, rest]  # 可 / 拨打, 新 / 开通 "newly opened": kě bōdǎ, xīn kāitōng
    if word[:2] in ("上周", "下周", "本周", "每周") and word[1:] in _WEEKDAYS:
        return [first, rest]  # 上周五: shàng zhōuwǔ, as 上 / 星期五
    if first in "上下" and word[1:2] == "个" and word[2:] in ("月", "星期"):
        return [first, "个", word[2:]]  # 上个月: shàng gè yuè
    if len(word) == 2 and first in _FREE_ADJECTIVES and _adjective_and_noun(word, readings):
        return [first, rest]  # 好书 hǎo shū, 新车 xīn chē: an adjective and its noun
    if first == "太" and rest[:1] in "多少" and len(rest) > 1:
        return ["太", rest[0], rest[1:]]  # 太多水: tài duō shuǐ
    if (found := _found_apart(word)) is not None:
        return found
    if (
        len(word) >= 3
        and word[-1] in "的地"
        and readings[-1] in _NEUTRAL_DE
        and (word[-3] == word[-2] or segmentation.in_dictionary(word[:-1]))
    ):
        # §6.1: the particles 的, 地 stand apart from the word before them, which jieba's
        # dictionary holds with it (轻轻地, 清清的, 悠闲地: qīngqīng de, yōuxián de)
        return [word[:-1], word[-1]]
    if word[-1] == "吧" and readings[-1] in _NEUTRAL_BA and segmentation.in_dictionary(word[:-1]):
        return [word[:-1], "吧"]  # 玩吧, 看吧, 电影吧 read ba: the particle (酒吧, 网吧: bā)
    if len(word) == 3 and word[-1] == "家" and (word[1] in _KIN or word[:2] in _HOUSEHOLDERS):
        return [word[:2], "家"]  # 外婆家, 邻居家: wàipó jiā, a home (科学家, 作家: words)
    if first in "这那哪":
        if word in _DEMONSTRATIVE_WORDS:
            return None
        prefix = max(
            (w for w in _DEMONSTRATIVE_WORDS if word.startswith(w) and w[0] == first),
            key=len,
            default=first,
        )
        if prefix == first and len(word) > 4:
            return None  # 这山望着那山高: an idiom
        return [prefix, *_dictionary_words(word[len(prefix) :])]
    pronoun = next((p for p in _PRONOUNS if word.startswith(p) and p != word), None)
    if pronoun is not None:
        rest = word[len(pronoun) :]
        if word in _PRONOUN_WORDS or (len(word) > 3 and any(c in _PRONOUN_CHARS for c in rest)):
            return None  # 他杀; 我行我素, 你死我活
        words = _dictionary_words(rest)
        if (
            _dictionary_tag(words[0])[:1] in ("v", "d", "p", "c")
            or words[0] in _HOMES  # 我家, 我市: wǒ jiā, wǒ shì (我国 wǒguó is a word)
            or words[0] in ("好", "别")
            or not segmentation.in_dictionary(word)  # 他长, 他数: its HMM's
        ):
            return [pronoun, *words]  # 我要, 你别, 他会来, 你好
        return None
    if first == "很":
        if len(word) >= 4 and len(parts := _in_words(word)) > 1:
            return parts  # 很久以前: 很久 / 以前, then hěn jiǔ
        if rest[:1] in "多少" and len(rest) > 1:
            return ["很", rest[0], rest[1:]]  # 很多年: hěn duō nián, not hěn duōnián
        return ["很", rest]
    if len(word) == 2 and rest in _DEGREE.get(first, ""):
        return [first, rest]  # 太大, 挺好, 更多, 真美
    if (
        first == "挺"
        and len(word) > 2
        and segmentation.in_dictionary(rest)
        and rest[0] not in "不得"
    ):
        return ["挺", rest]  # 挺好吃, 挺舒服
    if (
        first == "喝"
        and len(word) == 2
        and word not in _NOT_DRINKING
        and _dictionary_tag(rest)[:1] in ("n", "q")
    ):
        return ["喝", rest]  # 喝粥, 喝茶, 喝杯: no drink makes a word with 喝
    if (
        len(word) > 2
        and first not in _LIGHT_VERBS
        and _dictionary_tag(first).startswith("v")
        and segmentation.in_dictionary(rest)
        and (_dictionary_tag(rest) in _OBJECTS or _verb_object(word))
        and not segmentation.in_dictionary(word[:2])
        and word[-1] not in _NOUN_ENDS
    ):
        return [first, rest]  # 看电视, 喝牛奶, 开玩笑; not 出租车 (出租), 吹风机 (吹风)
    if (rare := _rare_verb_phrase(word)) is not None:
        return rare
    if (
        len(word) == 3
        and word[1:] in _DIRECTIONS
        and segmentation.frequency(word) <= _HARDLY_SEEN
        and _dictionary_tag(first).startswith("v")
    ):
        # §6.1: a verb and its complement of two syllables apart, luò xiàlái, fēi huílái, as
        # GB/T's zǒu jìnlái; 看起来, 看上去, 接下来, seen often, are words
        return [first, rest]
    if word in _LISTED_PHRASES:
        return _LISTED_PHRASES[word]
    if (
        len(word) > 2
        and word[-1] in "上下里"
        and segmentation.in_dictionary(word[:-1])
        and _dictionary_tag(word[:-1]).startswith("n")
        and segmentation.frequency(word) <= _HARDLY_SEEN
    ):
        # §6.1: a noun and the localiser after it, a phrase jieba's dictionary holds but has
        # hardly seen (操场上, 书架上, 树荫下: cāochǎng shàng); not 实际上, 气头上, 一路上
        return [word[:-1], word[-1]]
    numeral_end = 0
    while numeral_end < len(word) and word[numeral_end] in _NUMERALS:
        numeral_end += 1
    measure, noun = word[numeral_end : numeral_end + 1], word[numeral_end + 1 :]
    if (
        measure
        and measure in _MEASURES
        and 0 < len(noun) <= 2
        and word not in _NUMBER_WORDS
        and noun[-1] not in _SUFFIXES
        and segmentation.in_dictionary(noun)
        and _dictionary_tag(noun) == "n"
        and (
            numeral_end > 0
            # 这 / 本书, 那 / 朵花: a measure word and its noun after 这, 那, 哪, each, which
            # the dictionary holds as a phrase, seldom seen (not 这 / 道理, 这 / 本来)
            or (before in _COUNTING and len(word) == 2 and segmentation.frequency(word) < 2000)
            or (before in _COUNTING and segmentation.frequency(word) <= _HARDLY_SEEN)
        )
    ):
        return [word[: numeral_end + 1], noun]  # 一首歌 yì shǒu gē, 这本书 zhè běn shū
    return None


_HARDLY_SEEN = 5
"""How often jieba's dictionary has seen a word it holds (its `frequency`, one more than the
count in its list) for it to be a phrase it picked up from some novel rather than a word: 操场上,
望明月 (4 in its list), 排长队, 堆雪人."""


def _rare_verb_phrase(word: str) -> list[str] | None:
    """`word`, of three characters, as the verb and the noun it is made of when jieba's
    dictionary holds it but has hardly seen it (`_HARDLY_SEEN`) and has seen each of the two
    as a word of its own ten times as often at least (§6.1: a verb apart from its object): 望 /
    明月 (wàng míngyuè, which it tags a name), 排 / 长队, 堆 / 雪人, 晒 / 被子, 打 / 领带; or a verb
    with its result or direction (低下, 放下, 抬起) and a noun of one character: 低下 / 头
    (dīxià tóu). None for words: a word seen often (图书馆, 太阳能, 晒太阳: no phrase from a
    novel), the names and terms jieba tags nz, ns, nt or as transliterations, a name of a
    common surname tagged nr (谢安平), a verb that also prefixes terms (`_VERB_PREFIXES`: 超媒体,
    抗血清), one whose first two characters are a word (复习题, 加工场: 复习 / 题 would be the
    phrase), a term ending in a suffix (`_SUFFIXES`: 促进性) and, after a verb of two
    characters, a noun ending in what ends nouns (`_NOUN_ENDS`, `_TERM_ENDS`: 输出量, 推进器)."""
    seen = segmentation.frequency(word)
    if len(word) != 3 or seen > _HARDLY_SEEN or word[-1] in _SUFFIXES:
        return None
    tag = _dictionary_tag(word)
    if tag in ("nz", "ns", "nt", "nrt") or (
        tag in _PERSONAL and word[0] in rules.WORD_LISTS["surname"]
    ):
        return None
    if segmentation.in_dictionary(word[:2]):
        if word[1] not in _RESULTS or word[-1] in _NOUN_ENDS or word[-1] in _TERM_ENDS:
            return None
        verb, noun = word[:2], word[2:]
    elif word[0] in _LIGHT_VERBS or word[0] in _VERB_PREFIXES:
        return None
    else:
        verb, noun = word[:1], word[1:]
    if (
        segmentation.in_dictionary(noun)
        and _dictionary_tag(verb) == "v"
        and _dictionary_tag(noun)[:1] in ("n", "t")  # 明月 is a time word to it
        and _dictionary_tag(noun) != "nrt"
        and min(segmentation.frequency(verb), segmentation.frequency(noun)) >= 10 * seen
    ):
        return [verb, noun]
    return None


_LISTED_PHRASES = {entry.replace("/", ""): entry.split("/") for entry in rules.WORD_LISTS["phrase"]}
"""Phrases jieba's dictionary holds as words that no rule takes apart, in their words
(data/rules.txt's `@phrase`: 明月/光)."""
_DIRECTIONS = frozenset(d + e for d in "上下进出回过" for e in "来去") | {"起来", "开来"}
"""Complements of direction of two syllables (走进来, 落下来: zǒu jìnlái)."""
_RESULTS = frozenset("上下进出回过起开到")
"""Second characters of verbs of result or direction (低下, 抬起, 放开) that take an object."""
_VERB_PREFIXES = frozenset("超抗无脱增转防反非准亚")
"""Verbs of one character that also prefix terms (超媒体, 抗血清, 无晶格)."""
_TERM_ENDS = frozenset("者品类量区法业病岛管师长力物纸版")
"""Last characters of terms of a verb and a suffix that `_NOUN_ENDS` does not hold (输出量,
改进版, 推进力)."""


def _found_apart(word: str) -> list[str] | None:
    """`word`, which jieba's HMM found (no word of its dictionary), in its dictionary words when
    it joined a function word to a word: a particle before a word (地 / 问: zháojí de wèn), a
    localiser (中 / 得, 后 / 要; a noun and its localiser: 风 / 中), an adverb or a preposition
    before a word (很 / 长, 更 / 要, 据 / 镇志), a modal verb before or after a word (时 / 要,
    书 / 要, 要 / 少), a noun and the adjective that says what it is (油 / 热 后: yóu rè hòu);
    None for any other word (扫码, 点赞, 车距, 刷单: words it found)."""
    if segmentation.in_dictionary(word):
        return None
    tagged = segmentation.dictionary_tags(word)
    if len(tagged) < 2:
        return None
    (first, first_tag), (last, last_tag) = tagged[0], tagged[-1]
    if (
        first_tag.startswith("u")
        or (first_tag in ("f", "d", "p") and first not in _NOT_APART)
        or first in _MODALS
        or first in "很每"
    ):
        return [first, word[len(first) :]]  # 地 / 问, 据 / 镇志, 不 / 信谣, 要 / 少
    if (
        last in _MODALS
        or last_tag == "p"
        or (last_tag == "f" and first_tag.startswith("n"))
        or (last in "到至" and first_tag == "m")
    ):
        return [word[: -len(last)], last]  # 时 / 要, 月供 / 会, 三 / 比, 风 / 中, 三 / 到
    if (
        len(word) == 2
        and first_tag.startswith("n")
        and last in _ADJECTIVES
        and segmentation.frequency(first) >= _FREE_NOUN
    ):
        # 油 / 热: a subject and its predicate, a phrase (yóu rè); a verb and its result are
        # a word (炸好, 沥干, 旱坏: zháhǎo), and jieba tags those verbs nouns too, seldom seen
        return [first, last]
    return None


_WORDS_OF_MEI = frozenset(["没奈何", "没法子", "没说的"])
"""Words of 没 and two characters (现代汉语词典: méinàihé); the others are written apart, as
it writes méi guānxi, méi chūxi, méi yìsi."""
_NOT_VERBS = frozenset({"r", "d", "p", "c", "y"})
_MODALS = frozenset(["要", "应", "请", "会", "能", "可", "需"])
"""Modal verbs (and 请 "please") that jieba's HMM joins to the word before or after them."""
_MODAL_VERBS = frozenset("会能要想该敢肯愿可得")
"""Modal verbs of one character (能愿动词), written apart from the verb after them (§6.1:
tā huì lái, GB/T's néng qù)."""


def _modal_and_verb(word: str) -> bool:
    """Whether `word`, a modal verb and one more character, is a phrase that jieba's dictionary
    holds: its own dictionary cuts it (会 / 来, 能 / 去: it has seen the two apart more often),
    and the second is a verb. 会见, 能够, 要求, 可以 are words it does not cut."""
    tagged = segmentation.dictionary_tags(word)
    return len(tagged) == 2 and tagged[1][1].startswith("v")


_FREE_ADJECTIVES = frozenset("好坏新旧")
"""Adjectives of one character that make a phrase with almost any noun of one character (好书,
新车, 旧书), where 大 and 小 make words (大人, 小说, 小鸟: jieba's dictionary cannot tell 大树
from 大人, which it has seen as often)."""
_ADJECTIVE_NOUNS = frozenset(
    [
        "坏处",
        "坏水",
        "坏块",
        "好景",
        "好球",
        "好头",
        "新手",
        "新妇",
        "新寡",
        "新装",
        "新苗",
        "新星",
        "旧情",
        "旧人",
        "旧友",
        "旧账",
        "旧业",
        "旧学",
        "旧体",
        "旧雨",
        "旧病",
        "旧貌",
        "旧诗",
        "旧梦",
        "旧居",
        "旧址",
        "旧宅",
        "旧物",
    ]
)
"""Words of `_FREE_ADJECTIVES` and a noun that jieba's dictionary has seen seldom (under
`_SEEN_AS_WORD` times) but 现代汉语词典 holds: written together (xīnshǒu, jiùqíng)."""
_SEEN_AS_WORD = 100


def _adjective_and_noun(word: str, readings: Sequence[str | None]) -> bool:
    """Whether `word`, an adjective of `_FREE_ADJECTIVES` and a noun of one character, is a
    phrase (§6.1: hǎo shū, xīn chē): a noun of jieba's dictionary that it has seen under
    `_SEEN_AS_WORD` times (好书 84, 新车 47; 好人 562, 好事 1219, 新人 716, 新房 232 are
    words), not a word of `_ADJECTIVE_NOUNS`, and 好 read hǎo (好学, 好客: hào, verbs)."""
    return (
        word not in _ADJECTIVE_NOUNS
        and (word[0] != "好" or readings[0] in _GOOD)
        and segmentation.in_dictionary(word)
        and _dictionary_tag(word) == "n"
        and _dictionary_tag(word[1])[:1] in ("n", "z")  # 车 is "zg" to it
        and segmentation.frequency(word) < _SEEN_AS_WORD
    )


_GOOD = frozenset({"hǎo", "hao3", "ㄏㄠˇ"})
"""好 read hǎo "good" (tone, number and zhuyin styles)."""
_FREE_NOUN = 3000
"""How often jieba's dictionary has seen a character of one word before it takes it for a noun
that is a subject of its own (油 5665, 汤 4100, 钟 3570; 炸 2120, 旱 749, 沥 105 are verbs it
tags nouns, which make words with their result: zháhǎo, lìgān)."""
_NOT_APART = frozenset("用依")
"""Prepositions and adverbs that make words with what follows (用火, 依规)."""


def _dictionary_words(text: str) -> list[str]:
    """`text` as one word when jieba's dictionary has it, else as its dictionary words."""
    if segmentation.in_dictionary(text) or len(text) < 2:
        return [text]
    return [w for w, _ in segmentation.dictionary_tags(text)]


def _dictionary_tag(word: str) -> str:
    """jieba's dictionary tag of `word` (its first word's, if it has none of its own)."""
    return segmentation.dictionary_tags(word)[0][1]


def _hardly_seen_before_verb(word: str) -> bool:
    """Whether `word` is a character and a verb of jieba's dictionary after it (可拨打, 新开通,
    新修) that the dictionary holds but has hardly seen (`_HARDLY_SEEN`), or does not hold (its
    HMM joined them): a phrase. 新建, 可以 are words it has seen often."""
    rest = word[1:]
    return (
        len(word) > 1
        and (not segmentation.in_dictionary(word) or segmentation.frequency(word) <= _HARDLY_SEEN)
        and segmentation.in_dictionary(rest)
        and _dictionary_tag(rest) == "v"
    )


_WEEKDAYS = frozenset(["周一", "周二", "周三", "周四", "周五", "周六", "周日", "周末", "周天"])
_NEUTRAL_BA = frozenset({"ba", "ba5", "˙ㄅㄚ"})
_NEUTRAL_DE = frozenset({"de", "de5", "˙ㄉㄜ"})
"""的, 地, 得 read as the structural particles (tone, number and zhuyin styles)."""
"""吧 read as the particle (tone, number and zhuyin styles)."""
_DEMONSTRATIVE_WORDS = frozenset(
    [
        d + s
        for d in "这那哪"
        for s in (
            *"些么样般里边个儿",
            "会儿",
            "点儿",
            "么些",
            "么样",
            "么着",
            "阵儿",
            "阵子",
            "样儿",
            "边儿",
        )
    ]
    + ["那末", "哪怕", "哪吒", "哪门子", "哪知", "那达慕", "那曲", "那拉提", "那不勒斯"]
)
"""Words of 这, 那, 哪 (GB/T 16159 §6.1: zhèxiē, zhème, zhèyàng, zhèbān, zhèlǐ, zhèbiān,
zhèhuìr, zhège), and words that start with them (哪怕, 哪吒, 那曲): every other 这, 那, 哪
stands apart from the measure word or noun after it (zhè jiàn shì, nà cì, nǎ zhāng)."""
_PRONOUNS = ("我们", "你们", "他们", "她们", "它们", "咱们", "您们", *"我你您他她它咱")
"""Personal pronouns, longest first: apart from a verb or adverb jieba joins to them."""
_PRONOUN_CHARS = frozenset("我你您他她它咱")
_PRONOUN_WORDS = frozenset(["他杀", "您老", "你老"])
_ADJECTIVES = (
    "大小多少好坏难冷热久远近快慢高低贵长短早晚累忙美丑重轻深浅干湿胖瘦老旧甜苦酸辣咸亮暗黑"
    "吵闹急挤脏乱软硬强弱宽窄厚薄粗细紧松满穷富饱饿渴香臭"
)
"""Adjectives of one character that a degree adverb stands apart from (tài dà, tǐng hǎo)."""
_DEGREE = {
    "太": _ADJECTIVES,  # not 太白, 太空, 太平, 太阳
    "挺": _ADJECTIVES,  # not 挺拔, 挺直
    "更": _ADJECTIVES.replace("深", ""),  # not 更深 "late at night", 更新, 更生
    "真": _ADJECTIVES,  # not 真空, 真正, 真实
}
_NOT_DRINKING = frozenset(["喝道", "喝彩", "喝采", "喝令", "喝问", "喝斥", "喝叱", "喝风"])
_LIGHT_VERBS = frozenset(
    "是有在为成作当上下进出回过起到来去没要会能可让叫使给被把将和与同对向从比跟像似如若等用以于"
)
"""Verbs and prepositions that make words with a noun after them (有时候, 上小学, 出租车):
a verb and object phrase is only taken apart after another verb."""
_OBJECTS = frozenset({"n", "nz", "vn"})


def _verb_object(word: str) -> bool:
    """Whether `word`, a verb of one character and a word of two that jieba's dictionary tags
    a verb, is a verb and its object or complement all the same (开 / 玩笑: GB/T's own kāi
    wánxiào; 受 / 欢迎, 发 / 高烧, 倒 / 回去: zǒu jìnlái): not a potential complement (舍不得,
    受不了, 说得来: words), nor a verb said twice (说说话), nor two verbs that share their
    last character (改扩建: 改建 and 扩建)."""
    return (
        _dictionary_tag(word[1:]).startswith("v")
        and word[1] not in "不得"
        and word[0] != word[1]
        and not (
            segmentation.in_dictionary(word[0] + word[2])
            and _dictionary_tag(word[1]).startswith("v")
        )
    )


_NOUN_ENDS = frozenset("机器员所院镜壶盆会人车厂店馆室站台楼箱盒袋夹架灯仔石线证卡单费")
"""Last characters of nouns made of a verb and a noun (开水壶, 读书会), which jieba's
dictionary may not show as such."""
_SUFFIXES = frozenset("性化式型级期率")
"""Suffixes that make a word of a number and its measure word (一次性 yícìxìng)."""
_COUNTING = frozenset("这那哪每某几")
_NUMBER_WORDS_OF_TWO = frozenset(["一点", "一路", "一度"])
"""Words of a number and a measure word (一点 "a little", 一路 "all the way", 一度 "once"),
which jieba tags m as it tags 十点 "ten o'clock" and 三路 "route 3" (shí diǎn, sān lù)."""
_NUMBER_WORDS = frozenset(["一把手", "一口气", "一条心", "一把抓", "一盘棋", "一场空"])
"""Words of a number, a measure word and a noun (yībǎshǒu, yìkǒuqì)."""


def _tags(text: str) -> dict[tuple[int, int], str]:
    """jieba's part of speech of each of its words in `text`, by (start, end)."""
    found = {}
    position = 0
    for word, flag in segmentation.tags(text):
        found[position, position + len(word)] = flag
        position += len(word)
    return found


def _trusted(word: str, flag: str, names: Collection[str]) -> str:
    """jieba's tag of `word`, with the proper-noun tags it cannot be trusted with taken away.

    Its dictionary's tags are made for segmentation, not for capitals: it tags 常见病, 文明 and
    法律援助 as personal names, 美丽 and 东西 as places, 新格局 as an organisation. So a
    personal name is one the text declares, or a name of three characters or more jieba's HMM
    finds outside its dictionary (吕亚舟) or tags as a full name (nrfg); as names.py does, a
    two-character name is never guessed (立春, 谷雨), but a full name of the dictionary with a
    common surname is one (李强, nrfg), and so is a name of data/rules.txt's `@famous` (李白). A
    place or organisation is one whose last character names its kind (中国, 北京市, 共青团; not
    a common noun of `@notplace`, 城市), or a place of data/rules.txt's `@place` (北京)."""
    lists = rules.WORD_LISTS
    if word in names or word in lists["famous"]:
        return "nr"
    if len(word) == 1 and flag in _PROPER:
        return "n"  # 这条河 / 的: jieba tags 河 a place, a word of one character no name proves
    if (
        flag == "nrfg"
        and len(word) == 2
        and word[0] in lists["surname"]
        and word[1] not in "家姓氏"
        and word not in lists["notname"]
        and segmentation.in_dictionary(word)
    ):
        # A full name of the dictionary (李强 Lǐ Qiáng): its nrfg tag, rarer than nr, is given to
        # names, but also to a family (张家), a surname's clan (李姓) and a few words (桑梓).
        return flag
    if word in lists["festival"]:
        return "nz"  # §6.3.1: a festival is a proper noun, Chūnjié, Chóngyángjié
    if flag in _PROPER and word in lists["place"]:
        return "ns"  # 北京 Běijīng: a listed place, where the ns tag is no proof (美丽, 东西)
    if flag in _PERSONAL:
        # 高高的, 大大的: a reduplication and its particle, which jieba's HMM tags a name
        found = word[0] != word[1] and (flag == "nrfg" or not segmentation.in_dictionary(word))
        return flag if found and len(word) >= 3 else "n"
    if flag == "nt" and len(word) > 2 and word[-2:] in _SCHOOLS:
        return flag  # 北京大学 Běijīng Dàxué; 天文学, 社会科学 (nt to jieba) are no schools
    if flag in _PROPER and (word[-1] not in _GENERIC_NAMES or word in lists["notplace"]):
        return "n"
    return flag


def _aspect_particle(word: str, syllables: Sequence[str], after: str) -> bool:
    """Whether `word` is 着, 了 or 过 read as an aspect particle that does not end a sentence."""
    if word not in ("着", "了", "过") or syllables[0] not in _ASPECT:
        return False
    rest = after.lstrip()
    return not (word == "了" and (not rest or rest[0] in _SENTENCE_END or rest[0] in "，,"))


def _pieces(word: str, flag: str) -> list[tuple[int, bool, int | None]]:
    """`word` cut as GB/T 16159 writes it: (length, capitalised, index of a hyphen) each."""
    proper = flag in _PROPER
    if flag in _PERSONAL and len(word) > 1:
        surname = len(surname_of(word))
        if surname < len(word):
            return [(surname, True, None), (len(word) - surname, True, None)]
    if (
        len(word) == 4
        and word[0] == word[1]
        and word[2] == word[3]
        and word[0] != word[2]
        and not (word[0] in _KIN and word[2] in _KIN)
    ):
        return [(4, proper, 2)]  # §5.4: AABB, qīngqīng-chǔchǔ
    if (
        flag in ("m", "mq", "j") or (flag in ("t", "b") and word[-1] != "月")
    ) and word not in _NUMBER_WORDS_OF_TWO:
        # a number of days or a grade, which jieba tags a time or an attribute (八天, 六年级:
        # bā tiān, liù niánjí), or an abbreviation (五所); a month is a word (九月 jiǔyuè)
        numbered = _numbered(word)
        if numbered:
            return numbered
    if flag == "ns" and len(word) >= 3 and word[-1] in _GENERIC_PLACES:
        # §6.2: Běijīng Shì; a generic name of two or three characters is one word (Huáběi
        # Dìqū, Xīzàng Zìzhìqū), and the specific name before it is cut into its words
        generic = next((len(g) for g in _GENERIC_PLACE_WORDS if word.endswith(g)), 1)
        specific = word[:-generic]
        parts = (_in_words(specific) if len(specific) >= 4 else []) or [specific]
        return [*((len(part), True, None) for part in parts), (generic, True, None)]
    if flag == "i" and len(word) == 4 and _in_halves(word) and _idiom(word):
        return [(4, proper, 2)]  # §6.1.10: fēngpíng-làngjìng, yīngbǎo-jìnbǎo
    if len(word) >= 4 and flag not in _PERSONAL:
        parts = _in_words(word)
        if parts:
            return [(len(part), proper, None) for part in parts]
    return [(len(word), proper, None)]


_CLASSICAL = frozenset("之而其乎亦莫者也焉哉所以于此矣兮")
"""Classical function words, which bind an idiom's middle (不亦乐乎, 总而言之, 爱莫能助)."""


def _in_halves(word: str) -> bool:
    """Whether the idiom `word` of four characters is read as two halves of two (§6.1.10.1:
    fēngpíng-làngjìng, xiōngyǒu-chéngzhú), and takes a hyphen between them; not when a
    classical function word stands inside it (§6.1.10.2: bùyìlèhū, àimònéngzhù, zǒng'éryánzhī),
    nor the few whose middle is a word of its own (yīyīdàishuǐ: `_WHOLE_IDIOMS`)."""
    return word not in _WHOLE_IDIOMS and not any(c in _CLASSICAL for c in word[1:])


def _idiom(word: str) -> bool:
    """Whether `word`, of four characters that jieba tags an idiom, is one rather than a phrase
    its dictionary holds with that tag and has seen three or four times (遇到困难, 聚在一起,
    爸爸妈妈: written in their words): a set phrase of `_SET_PAIRS` (应保尽保), an idiom it
    has seen ten times or more that cannot be cut into two words (风平浪静, 来龙去脉), or one
    that can which pypinyin's phrase table has too and jieba has seen fifty times or more
    (齐心协力, 一心一意; not 空气污染, seen 23 times: kōngqì wūrǎn, nor GB/T's jiěfàng sīxiǎng,
    which the phrase table has not). Not 喜不喜欢 (xǐ bu xǐhuan, a question)."""
    if word[1] == word[3] and (word[0], word[2]) in _SET_PAIRS:
        return True
    if word[1] == "不" and word[0] == word[2]:
        return False
    seen = segmentation.frequency(word)
    if not (segmentation.in_dictionary(word[:2]) and segmentation.in_dictionary(word[2:])):
        return seen >= 10
    return seen >= 50 and Lexicon.shared().phrase(word) is not None


_WHOLE_IDIOMS = frozenset(["一衣带水"])
"""Idioms of four characters that are not read as two halves (GB/T 16159 §6.1.10.2's
yīyīdàishuǐ): written together."""
_SET_PAIRS = frozenset([("应", "尽"), ("能", "尽"), ("能", "则"), ("应", "则")])
"""The first characters of set phrases of four whose second and fourth are one: 应保尽保,
应收尽收, 能省则省."""


def _set_phrases(
    text: str, cut: list[tuple[int, int]], tags: dict[tuple[int, int], str]
) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
    """`cut` with the set phrases of four characters whose second and fourth characters are one,
    which jieba's HMM cuts in two (应保 / 尽保, 应收 / 尽收: "whoever should be covered is"),
    made one idiom again (§6.1.10.1: yīngbǎo-jìnbǎo), tagged "i" in `tags`; and those spans."""
    found = set()
    index = 0
    while index < len(cut) - 1:
        (a, b), (c, d) = cut[index], cut[index + 1]
        if (
            b - a == 2
            and d - c == 2
            and b == c
            and text[a + 1] == text[c + 1]
            and (text[a], text[c]) in _SET_PAIRS
            and HAN.fullmatch(text[a + 1])
        ):
            cut[index : index + 2] = [(a, d)]
            tags[a, d] = "i"
            found.add((a, d))
        index += 1
    return cut, found


_KIN = frozenset("爸妈爷奶哥姐弟妹叔姨舅婶伯姑公婆")
_HOMES = _GENERIC_PLACES | frozenset("家校")
"""Homes and places a pronoun stands apart from (wǒ jiā, wǒ shì, wǒ xiào)."""
_HOUSEHOLDERS = frozenset(["邻居", "朋友", "同学", "老师", "亲戚", "姥姥", "姥爷"])
"""People whose home is their 家 (邻居家 línjū jiā), besides the kin of `_KIN`."""
"""Kinship terms said twice (爸爸, 妈妈): two of them side by side are two words, not an AABB
reduplication (爸爸妈妈: bàba māma)."""


def _numbered(word: str) -> list[tuple[int, bool, int | None]]:
    """A numeral and its measure word apart, 第 joined to its number by a hyphen (§6.1:
    liǎng gè, dì-yī shǒu, yí gè yuè, liù niánjí); empty for a word that is not one (一些,
    十分)."""
    ordinal = 1 if word[0] == "第" else 0
    digits = ordinal
    while digits < len(word) and word[digits] in _NUMERALS:
        digits += 1
    rest = word[digits:]
    if digits == ordinal:
        return []
    if not rest:
        measures = []
    elif rest in _MEASURES or rest in _UNITS_OF_TWO:
        measures = [rest]
    elif rest[0] == "个" and rest[1:] in _MEASURES and rest[1:] != "个":
        measures = ["个", rest[1:]]  # 一个月: yí gè yuè (一个个 is yígègè)
    else:
        return []
    number = (digits, False, 1 if ordinal else None)
    return [number, *((len(measure), False, None) for measure in measures)]


_UNITS_OF_TWO = frozenset(["年级", "公里", "公斤", "小时", "星期", "分钟"])
"""Measure words of two characters a numeral stands apart from (liù niánjí, wǔ gōnglǐ)."""


def _in_words(word: str) -> list[str]:
    """A long word cut into the fewest dictionary words of two characters or more, each cut
    again while it has four or more (§5.3: 解放思想 jiěfàng sīxiǎng, 联合国教科文组织
    Liánhéguó Jiàokēwén Zǔzhī); empty when it cannot be cut so, and is written together."""

    best: list[list[str] | None] = [[], *([None] * len(word))]
    for end in range(2, len(word) + 1):
        for start in range(end - 1):
            before, found = best[start], best[end]
            piece = word[start:end]
            if before is None or piece == word or not segmentation.in_dictionary(piece):
                continue
            if found is None or len(before) + 1 < len(found):
                best[end] = [*before, piece]
    return [part for piece in best[-1] or () for part in _in_words(piece) or (piece,)]


def _spelled(syllables: Sequence[str], capital: bool, hyphen: int | None) -> tuple[str, ...]:
    """The syllables of one word as written: apostrophes, a hyphen, a capital. Zhuyin (and a
    character without a reading) is left as it is: the standard writes pinyin."""
    out = []
    for index, syllable in enumerate(syllables):
        if index and _is_pinyin(syllable) and _is_pinyin(syllables[index - 1]):
            if index == hyphen:
                syllable = "-" + syllable
            elif syllable[:1].lower() in _VOWEL_START:
                syllable = "'" + syllable
        out.append(syllable)
    if capital and out and _is_pinyin(out[0]):
        out[0] = out[0][:1].upper() + out[0][1:]
    return tuple(out)


def _is_pinyin(syllable: str) -> bool:
    """Whether `syllable` is written in pinyin (tone marks or numbers), not zhuyin or Han."""
    return syllable[:1].isascii() or syllable[:1].lower() in _VOWEL_START


def word_joined(engine: Engine, text: str, names: Collection[str] = ()) -> str:
    """`text` as pinyin written in words; characters without a reading are kept as they are."""
    # Variation selectors choose glyphs, which pinyin does not write; read without them, 葛󠄀洪
    # is the name Gě Hóng (the engine reads past them too, engine.py).
    text, _ = without_selectors(text)
    analysis = engine.analyse(text)
    readings = [None if s is None else convert(s, engine.style) for s in analysis.syllables]
    tokens: list[str] = []
    position = 0
    for word in written_words(text, readings, analysis.spans, names):
        tokens += _TOKEN.findall(text, position, word.start)
        tokens.append(word.text)
        position = word.end
    tokens += _TOKEN.findall(text, position)
    return _spaced("".join(_PUNCTUATION.get(c, c) for c in token) for token in tokens)


def _spaced(tokens: Iterable[str]) -> str:
    out = ""
    for token in tokens:
        if out and token[0] not in _NO_SPACE_BEFORE and out[-1] not in _NO_SPACE_AFTER:
            out += " "
        out += token
    return out


def render(
    text: str,
    *,
    style: str = "tone",
    sandhi: bool = True,
    as_json: bool = False,
    words: bool = False,
    report: Callable[[str], None] | None = None,
) -> str:
    """What `publish pinyin` prints for `text` (see cli/pinyin.py); `report` is called with a
    line for each character (or ideographic description) that has no known reading.

    Raises PublishError on bad input."""
    import json

    from ..errors import PublishError
    from ..traditional import is_traditional, simplified_for_reading

    if not text.strip():
        raise PublishError("no text given: pass TEXT or pipe it on standard input")
    engine = Engine(style=style, sandhi=sandhi)
    # The engine reads simplified Chinese (銀行 read as written is yín xíng): a traditional
    # text is read in simplified characters, and printed with its own.
    read = simplified_for_reading(text) if is_traditional(text) else text
    analysis = engine.analyse(read)
    if report is not None:
        for unread in analysis.unknown:
            report(f"no pinyin known for {unread} ({code_points(unread)}): left in its place")
    if as_json:
        return json.dumps(
            [
                {
                    "char": char,
                    "pinyin": None if syllable is None else convert(syllable, style),
                    "source": source,
                    "confidence": None if confidence is None else round(confidence, 4),
                }
                for char, syllable, source, confidence in zip(
                    text, analysis.syllables, analysis.sources, analysis.confidences, strict=True
                )
            ],
            ensure_ascii=False,
        )
    if not HAN.search(text):
        raise PublishError("the text has no Han character: nothing to read")
    if words:
        return word_joined(engine, read)
    # A Han character with no known reading stands for itself, and an ideographic description
    # (⿰氵每) for the one character it describes, so that the syllables after it stay over
    # their characters (𠀀和𫠝 -> hē hé 𫠝).
    descriptions = dict(segmentation.ideographic_descriptions(text))
    tokens = []
    i = 0
    while i < len(text):
        if i in descriptions:
            tokens.append(text[i : descriptions[i]])
            i = descriptions[i]
            continue
        reading = analysis.syllables[i]
        if reading is not None:
            tokens.append(convert(reading, style))
        elif HAN.fullmatch(text[i]):
            tokens.append(text[i])
        i += 1
    return " ".join(tokens)

"""Surnames: a character that starts a personal name is read as a surname (区 ōu, not qū).

The engine (engine.py) reads names two ways:
- *declared* names, the ones the article itself gives (interviewees, authors): certain, so every
  occurrence in the text is a name and its surname is read as one;
- *detected* names: jieba's part-of-speech tagger marks a word `nr` (personal name). Tagging is
  slow, so it runs only on sentences where a surname below starts a word that is not in the
  dictionary, which is rare.

`apply` reads detected names after the engine has decided every other reading; declared names
reach the engine as fixed words (`surname_readings`).

The readings are those of 现代汉语词典 and 《中华姓氏大辞典》 for the polyphonic surnames in common
use (see the lists of 多音字姓氏 in school materials): 区 Ōu, 仇 Qiú, 解 Xiè, 朴 Piáo, 查 Zhā,
盖 Gě, 尉迟 Yùchí ...
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING

from . import rules, segmentation

if TYPE_CHECKING:
    from .lexicon import Lexicon

SURNAMES: dict[str, tuple[str, ...]] = {
    # Compound surnames first matter: 尉迟 is yù chí, while 尉 alone is wèi.
    "尉迟": ("yu4", "chi2"),
    "万俟": ("mo4", "qi2"),
    "长孙": ("zhang3", "sun1"),
    "澹台": ("tan2", "tai2"),
    "令狐": ("ling2", "hu2"),
    "单于": ("chan2", "yu2"),
    "鲜于": ("xian1", "yu2"),
    "宇文": ("yu3", "wen2"),
    "欧阳": ("ou1", "yang2"),
    "区": ("ou1",),
    "仇": ("qiu2",),
    "解": ("xie4",),
    "朴": ("piao2",),
    "查": ("zha1",),
    "盖": ("ge3",),
    "单": ("shan4",),
    "曾": ("zeng1",),
    "乐": ("yue4",),
    "纪": ("ji3",),
    "缪": ("miao4",),
    "翟": ("zhai2",),
    "繁": ("po2",),
    "种": ("chong2",),
    "华": ("hua4",),
    "任": ("ren2",),
    "召": ("shao4",),
    "员": ("yun4",),
    "覃": ("qin2",),
    "秘": ("bi4",),
    "过": ("guo1",),
    "那": ("na1",),
    "句": ("gou1",),
    "宓": ("fu2",),
    "隗": ("wei3",),
    "折": ("she2",),
    "贲": ("ben1",),
    "都": ("du1",),
    "燕": ("yan1",),
    "应": ("ying1",),
    "相": ("xiang4",),
    "尉": ("wei4",),
    "曲": ("qu1",),
    "宿": ("su4",),
    "薄": ("bo2",),
    "卜": ("bu3",),
    "柏": ("bai3",),
    "能": ("nai4",),
    "黑": ("he4",),
    "沈": ("shen3",),
    "莘": ("shen1",),
    "谌": ("chen2",),
    "祭": ("zhai4",),
    "殷": ("yin1",),
    "车": ("che1",),
    "石": ("shi2",),
    "叶": ("ye4",),
    "藏": ("zang1",),
    "哈": ("ha3",),
    "阿": ("a1",),
    "蔚": ("yu4",),
    "占": ("zhan1",),
    "冯": ("feng2",),
    "朝": ("chao2",),
    "郇": ("huan2",),
    "吕": ("lv3",),
}
"""Surnames (one or two characters) with their surname readings."""

COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
        "轩辕",
        "令狐",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "澹台",
        "申屠",
        "百里",
        "呼延",
        "万俟",
        "闻人",
        "赫连",
        "东郭",
        "公冶",
        "太史",
        "钟离",
        "宗政",
        "濮阳",
        "淳于",
        "单于",
        "仲孙",
        "公羊",
        "鲜于",
    ]
)
"""Compound surnames (复姓), whose readings are their characters' usual ones unless `SURNAMES`
lists them: a name is written with them apart from the given name (Ōuyáng Mínghuī, Sīmǎ Guāng)."""

LONGEST = max(len(s) for s in (*SURNAMES, *COMPOUND_SURNAMES))

DETECTED = frozenset("区仇解朴查盖单曾纪翟繁种召员覃秘宓隗贲") | frozenset(
    s for s in SURNAMES if len(s) > 1
)
"""Surnames the engine looks for in undeclared names. Left out: characters common at the start
of transliterations and place names, where jieba's tagger too often sees a person (柏林墙,
哈萨克, 莘庄, 缪斯, 藏巴汗), and surnames whose reading rarely differs (石, 叶)."""

DETECTED_INITIALS = frozenset(s[0] for s in DETECTED)
"""First characters of `DETECTED`: a cheap test before the real one."""


ADDRESSED = frozenset("区仇解朴查盖单曾乐缪翟覃纪")
"""Surnames read as surnames where the text addresses a person (单老师, 姓区, 老解): the
polyphones whose surname reading differs from their usual one (现代汉语词典 姓 senses)."""

NAMED_AFTER_XING = frozenset("任华那过哈占燕召繁员祭")
"""Surnames read as surnames only right after 姓 (他姓任 Rén; 姓那 Nā, 姓过 Guō, 姓哈 Hǎ, 姓占 Zhān,
姓燕 Yān, 姓祭 Zhài, where 那老师, 问过老师 are no name): before a title they are as often
the verb (任校长 "serve as headmaster", 后任主任), so `ADDRESSED`'s other patterns leave them."""


TITLED = frozenset("华")
"""Surnames read as surnames before a post as well (华校长 Huà, 华书记), though not after 老/小,
where 小华 is a given name."""

COURTEOUS = frozenset("任华")
"""Surnames read as surnames also before a courtesy form or kin word, not a post (任老师 Rén,
华先生 Huà; but 任校长, 任主任 may be the verb "serve as"): see `_COURTESY`."""

_COURTESY = (
    "老师|先生|女士|小姐|太太|阿姨|叔叔|伯伯|伯母|大爷|大妈|大娘|大伯|大叔|大婶|大姐|大哥|"
    "奶奶|爷爷|婆婆|师傅|同学"
)
"""Forms of address that name no post (`@address` less 校长, 主任, 经理 ...)."""

NAMED_AFTER = "名叫"
"""Words after which a listed surname starts a full name (一个名叫单雄的人, 名叫仇小明)."""


_GREETED = "迎谢问"
"""Characters that end a greeting before a surname and post (欢迎单局长, 感谢曾主任, 请问曾校长)."""

_HEADS = (
    "区长",
    "市长",
    "县长",
    "镇长",
    "乡长",
    "省长",
    "部长",
    "院长",
    "所长",
    "站长",
    "会长",
    "主席",
    "大人",
    "老爷",
    "员外",
    "公子",
    "知县",
    "知府",
)
"""Posts a surname is addressed by besides `@address` (解区长, 单市长, 曾主席), and the old ones
of historical novels and their retellings (解大人, 单员外, 查老爷)."""


@cache
def _addressed() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Where an `ADDRESSED` surname is addressed: the first pattern before a form of address or
    after 姓 (the lists `@address`, `@beforename` of data/rules.txt); the second after 老/小 at
    the end of a clause (叫他老解), which holds only where 老/小 and the surname make no word."""
    lists = rules.WORD_LISTS
    han = segmentation.HAN_CHARS
    surnames = "".join(sorted(ADDRESSED | TITLED))
    address = "|".join(sorted({*lists["address"], *_HEADS}, key=len, reverse=True))
    before = "".join(sorted({*lists["beforename"], *_GREETED}))
    titled = rf"(?:(?<![{han}])|(?<=[{before}]))[{surnames}](?={address})"
    # 姓 the noun, not the end of 百姓 (百姓曾经 is céng).
    named = "".join(sorted(ADDRESSED | NAMED_AFTER_XING))
    after_xing = rf"(?<!百姓)(?<=姓)[{named}]"
    courteous = "".join(sorted(COURTEOUS))
    courtesy = rf"(?:(?<![{han}])|(?<=[{before}])(?<![老小]))[{courteous}](?={_COURTESY})"
    # 名叫华行之 Huà, but 名叫华弟 may be a given name: the courteous surnames with a name of three.
    addressed = "".join(sorted(ADDRESSED))
    three = rf"[{han}]{{2}}(?![{han}])"
    full_name = rf"(?<={NAMED_AFTER})(?:[{addressed}](?=[{han}])|[{named}](?={three}))"
    return (
        re.compile(f"{titled}|{after_xing}|{courtesy}|{full_name}"),
        re.compile(rf"(?<=[老小])[{surnames}](?![{han}])"),
    )


_POSTS = (
    "书记|区长|市长|县长|镇长|乡长|村长|省长|主任|主席|局长|部长|处长|科长|秘书长|委员|代表|"
    "院长|校长|所长|站长|会长|理事长|董事长|总经理|经理|厂长|队长|组长|教授|专家|记者|通讯员|编辑|"
    "负责人|同志|、|：|有|由|叫|任命|免去|推荐|提名"
)
"""What a full name stands after in news and government text (区委书记单文华, 由曾庆国主持, 出席的有
单文华、解永红), for `_full_names`."""

_AFTER_FULL_NAME = (
    "同志|表示|说|介绍|指出|强调|主持|出席|认为|告诉|坦言|透露|带领|带队|一行|讲话|致辞|发言|陪同|等|"
    "[，、：。；（(]"
)
"""What a full name stands before there (单文华表示, 曾庆国同志, 曾长江出席会议, 曾庆国等)."""

FULL_NAMED = ADDRESSED | frozenset("华秘")
"""Surnames read as surnames at the start of a full name after a post (`_full_names`); not 任,
which is as often the verb "serve as" (第16任赞普, 任鄱阳、奉新知县)."""

_GIVEN_NAME_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nz", "nt", "z", "t"})
"""jieba's tags of dictionary words that may be a given name (长江 ns, 长青 nr, 文华 nz, 永红 z,
国庆 t):
a given name tagged an adverb or adjective is the adverb 曾 and a verb (曾公开表示, 曾明确指出)."""


@cache
def _familiar_openings() -> re.Pattern[str]:
    """An `ADDRESSED` surname after 老 or 小 (a pattern: a loop over every character took a
    tenth of the engine's time on CPP dev; docs/benchmarks.md)."""
    return re.compile(f"(?<=[老小])[{''.join(sorted(ADDRESSED))}]")


@cache
def _full_names() -> re.Pattern[str]:
    """A surname of `FULL_NAMED` and two characters, between a post and what a name does (区委书记
    单文华表示, 副区长曾庆国说, 免去曾长青同志): `apply_addressed` checks that the surname starts no
    word (曾经, 解释, 单独) and that the given name is no adverb or verb."""
    han = segmentation.HAN_CHARS
    surnames = "".join(sorted(FULL_NAMED))
    # The surname first, then what stands before it (each lookbehind ends on the surname): a
    # pattern that opens with a class of characters is searched for in C, where one that opens
    # with 70 lookbehinds was tried at every character (a twentieth of the engine's time).
    after = "|".join(f"(?<={post}.)" for post in _POSTS.split("|"))
    return re.compile(
        rf"[{surnames}](?:"
        rf"(?:{after})(?=[{han}]{{2}}(?:{_AFTER_FULL_NAME}|$))"
        rf"|(?:(?<=^.)|(?<=\n.))(?=[{han}]{{2}}：)"
        rf"|(?<![{han}].)(?=[{han}]{{2}}同志))"
    )


@cache
def _bylines() -> re.Pattern[str]:
    """A surname of `FULL_NAMED` starting a name of two or three characters in a byline or credit
    line, the name standing alone (记者 解亮 通讯员, 审核：单伟, （记者 曾晓雯）)."""
    han = segmentation.HAN_CHARS
    surnames = "".join(sorted(FULL_NAMED))
    credits = "|".join(
        f"(?<={word})" for word in ("记者 ", "记者　", "通讯员 ", "通讯员　", "：", "/", " ")
    )
    return re.compile(rf"(?:{credits})[{surnames}](?=[{han}]{{1,2}}(?:[ 　）)/]|$))")


def _starts_word(text: str, i: int, lexicon: Lexicon) -> bool:
    """Whether the character at `i` and the next make a word (单位, 解放, 曾经, 小区)."""
    piece = text[i : i + 2]
    return len(piece) == 2 and (
        lexicon.phrase(piece) is not None
        or lexicon.curated(piece) is not None
        or segmentation.in_dictionary(piece)
    )


_APPOINTED = frozenset({"任命", "免去", "提名", "推荐"})
"""Words a full name follows in appointments (任命仇立新同志为, 提名解春光同志为)."""


def _given_name(text: str, i: int, lexicon: Lexicon) -> bool:
    """Whether the three characters at `i` read as surname and given name: neither the surname
    and what follows nor the three make a word, and the two after are no word but a name's."""
    for size in (2, 3):
        piece = text[i : i + size]
        if lexicon.phrase(piece) is not None or lexicon.curated(piece) is not None:
            return False
        if segmentation.in_dictionary(piece):
            return False
    given = text[i + 1 : i + 3]
    if (text[i] == "曾" and given[0] in _AFTER_CENG) or given[1] in "过了着":
        return False  # 曾说过, 曾到过: the adverb
    if text[i + 3 : i + 5] == "同志" or text[max(0, i - 2) : i] in _APPOINTED:
        return True  # 仇立新同志, 提名解春光: whatever the given name's words are
    if not segmentation.in_dictionary(given):
        return True
    tagged = segmentation.dictionary_tags(given)
    return len(tagged) == 1 and tagged[0][1] in _GIVEN_NAME_TAGS


def apply_addressed(
    text: str,
    fixed: Sequence[bool],
    lexicon: Lexicon,
    decide: Callable[[int, str], None],
) -> None:
    """Read each `ADDRESSED` surname that the text addresses as a person (单老师 Shàn, 他姓区
    Ōu, 叫他老解 Xiè) as a surname, unless the user or a curated word fixed it; `decide(i,
    syllable)` is called for each."""
    for match in _full_names().finditer(text):
        i = match.start()
        if not fixed[i] and _given_name(text, i, lexicon):
            decide(i, SURNAMES[text[i]][0])
    for match in _bylines().finditer(text):
        i = match.start()
        if not fixed[i] and not _starts_word(text, i, lexicon):
            decide(i, SURNAMES[text[i]][0])
    for match in _familiar_openings().finditer(text):
        # 老曾是单位里……, 老解退休以后: 老/小 and a surname opening a sentence, making no word
        i = match.start()
        if (
            i < len(text) - 1
            and (i == 1 or not segmentation.HAN.match(text[i - 2]))
            and segmentation.HAN.match(text[i + 1])
            and not fixed[i]
            and not _starts_word(text, i - 1, lexicon)
            and not _starts_word(text, i, lexicon)
        ):
            decide(i, SURNAMES[text[i]][0])
    after_xing = "姓" in text and NAMED_AFTER_XING.intersection(text)
    if not ADDRESSED.intersection(text) and not after_xing and not COURTEOUS.intersection(text):
        return
    titled, familiar = _addressed()
    for match in titled.finditer(text):
        i = match.start()
        if text[i - 1 : i + 1] == "姓曾" and text[i + 1 : i + 2] in _AFTER_CENG:
            continue  # the adverb after 姓 closing a word: 同姓曾经 is céng
        if text[i] in TITLED and i and text[i - 1] in "老小":
            continue  # 小华同学: the given name 小华
        if not fixed[i]:
            decide(i, SURNAMES[text[i]][0])
    for match in familiar.finditer(text):
        i = match.start()
        if text[i] in TITLED and text[i - 1] == "小":
            continue  # 我把故事书还给了小华。: 小华 is a child's given name, as before 同学
        if not fixed[i] and lexicon.phrase(text[i - 1 : i + 1]) is None:
            decide(i, SURNAMES[text[i]][0])  # 小区, 老区 are words: no surname


def surname_of(name: str) -> str:
    """The surname at the start of a personal name: a listed compound surname, else one char."""
    for size in range(LONGEST, 0, -1):
        if name[:size] in SURNAMES or name[:size] in COMPOUND_SURNAMES:
            return name[:size]
    return name[:1]


def surname_readings(name: str) -> dict[int, str]:
    """Readings fixed by the surname of `name`, by character index (empty when not listed)."""
    surname = surname_of(name)
    readings = SURNAMES.get(surname)
    if readings is None or len(name) <= len(surname):
        return {}
    return dict(enumerate(readings))


_AFTER_CENG = frozenset(
    "经是任有在被高多一几两三参获出担与向为以到率达先后于把将效奉用受说讲谈去来做写对"
)
"""Characters that follow the adverb 曾 céng ("once") rather than start a given name (曾效力于,
曾奉旨, 曾用名, 曾受到: found mining disagreements with pypinyin and pinyin-pro)."""

_PERSON = frozenset({"nr", "nrfg"})
"""jieba's tags for Chinese personal names (nrt, transliterated names, is left out)."""


def apply(
    text: str,
    spans: Sequence[tuple[int, int]],
    syllables: Sequence[str | None],
    fixed: Sequence[bool],
    lexicon: Lexicon,
    sentence_around: Callable[[int], tuple[int, int]],
    decide: Callable[[int, str], None],
) -> None:
    """Read the surname of each detected personal name in `text` as a surname.

    `spans` are the words of `text` in order, `syllables` the readings so far, `fixed[i]`
    whether the user or a curated word fixed character i; `sentence_around(i)` gives the
    (start, end) of the sentence holding character i. `decide(i, syllable)` is called for each
    character read as a surname.

    Tagging is slow, so only words that would change are tagged: a listed surname whose
    surname reading differs from the reading decided so far, starting a word that no
    dictionary knows (two-character words must also be unknown to jieba: its dictionary
    tags 盖章 as a name).
    """
    for k, (start, end) in enumerate(spans):
        if text[start] not in DETECTED_INITIALS:
            continue
        if end - start == 1:
            # jieba cuts an unknown name into its surname and given name (区 / 大伟) or
            # into single characters (区 / 大 / 伟): take up to two characters more.
            for following_start, following_end in spans[k + 1 : k + 3]:
                if following_start != end or following_end - start > 3:
                    break
                end = following_end
                if end - start == 3:
                    break
        if not 2 <= end - start <= 3 + (surname_of(text[start:end]) != text[start]) or fixed[start]:
            continue
        word = text[start:end]
        if surname_of(word) not in DETECTED:
            continue
        if word[0] == "曾" and (
            word[1] in _AFTER_CENG or _adverb(text[start + 1 : start + 3]) or word[1:3] == "荣获"
        ):
            continue  # 曾 the adverb: 军力曾高达4万人, 曾任, 曾经, 曾长期在, 曾荣获
        if word[0] in _VERB_SURNAMES and _noun_object(word[1:]):
            continue  # 查 the verb and what is looked up: 查字典, 查资料
        if word[0] in _VERBS_BEFORE_NAMES and _known_name(word[1:]):
            continue  # 召 the verb and whom it summons: 召岳飞回京 (岳飞 has his own surname)
        readings = surname_readings(word)
        if not readings or all(syllables[start + i] == r for i, r in readings.items()):
            continue
        if end - start == 2 or _dictionary_word_at(text, lexicon, start, len(readings)):
            continue
        sentence_start, sentence_end = sentence_around(start)
        if _tagged_name(text[sentence_start:sentence_end], start - sentence_start, end - start):
            for offset, reading in readings.items():
                decide(start + offset, reading)


_VERB_SURNAMES = frozenset("查解盖")
"""Surnames that are verbs taking a noun (查字典, 解难题, 盖房子), which jieba may tag a name."""


_VERBS_BEFORE_NAMES = frozenset("召解查盖")
"""Surnames that are verbs before a person (召岳飞回京 zhào, 解宋江上京 jiè), which jieba may tag
with the name as one name."""


def _known_name(word: str) -> bool:
    """Whether `word` is a full name of jieba's dictionary (岳飞, 宋江: tagged nr alone)."""
    if len(word) < 2 or word[0] in "老小阿" or not segmentation.in_dictionary(word):
        return False  # 老汉 (tagged nr) is no full name: 查老汉 is Zhā
    tagged = segmentation.dictionary_tags(word)
    return len(tagged) == 1 and tagged[0][1] == "nr"


def _noun_object(word: str) -> bool:
    """Whether `word` is a dictionary noun or verb of jieba's, not a name's (字典, 资料, 难题)."""
    if len(word) < 2 or not segmentation.in_dictionary(word):
        return False
    tagged = segmentation.dictionary_tags(word)
    return len(tagged) == 1 and tagged[0][1] in {"n", "v", "vn"}


def _adverb(word: str) -> bool:
    """Whether `word` is a dictionary word jieba tags as an adverb (长期, 亲自, 公开)."""
    if len(word) < 2 or not segmentation.in_dictionary(word):
        return False
    tagged = segmentation.dictionary_tags(word)
    return len(tagged) == 1 and tagged[0][1] in {"d", "ad", "vd"}


def _dictionary_word_at(text: str, lexicon: Lexicon, start: int, surname: int) -> bool:
    """Whether a dictionary word starts at the suspected surname (仇深似海, 盖棺定论) or at
    the given name (曾 + 高达): then it is no name. Two-character names are not guessed
    at all (翟衣, 盖章): only declared ones are read as names."""
    for offset, shortest in ((0, surname + 1), (surname, 2)):
        for size in range(shortest, 6):
            piece = text[start + offset : start + offset + size]
            if len(piece) == size and (
                lexicon.phrase(piece) is not None or lexicon.curated(piece) is not None
            ):
                return True
    return False


def _tagged_name(sentence: str, start: int, length: int) -> bool:
    """Whether jieba's tagger reads `length` characters at `start` of `sentence` as a personal
    name: one word tagged nr (仇晓明), or a surname followed by a given name tagged nr (区 大伟)."""
    position = 0
    tags = segmentation.tags(sentence)
    for k, (word, flag) in enumerate(tags):
        if position == start:
            if len(word) == length:
                return flag in _PERSON
            following = tags[k + 1] if k + 1 < len(tags) else ("", "")
            return len(word) + len(following[0]) == length and following[1] in _PERSON
        position += len(word)
        if position > start:
            return False
    return False

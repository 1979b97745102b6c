"""得, 地, 了 and 为 standing alone: readings that the words around them decide.

The engine (engine.py) applies these after the context rules (rules.py) and before the
surnames (names.py), on jieba's words. They are where the model, trained on encyclopedia
sentences, is weakest on running text:
- 得 after a verb or adjective and before a degree word is the complement marker de
  (跑得很快, 说得太多); after a subject or an adverb and before a verb it is "must", děi
  (我得去, 还得等, 一样得讲, 你得好好学习), but the verb dé "obtain" before 的 (我得的越少) or
  before an object, words that end in a noun with no verb among them (又得舒心环境). 现代汉语词典,
  得 entries.
- 地 after an adjective, adverb or idiom marks the adverbial, de (高兴地跳, 慢慢地走), and
  after a noun before a verb (有机地渗透); so does the 地 of jieba's dictionary words of an
  adjective and 地 before a verb (要熟练地掌握, 坦率地说), which the phrase table lacks.
- 了 after 不 is liǎo, "can manage" (办不了, 去不了).
- 为 is the preposition wèi ("for, in order to") right after an auxiliary verb with a verb
  after it (要为人民服务), before a person with more of the clause after (为老人量血压), and
  when a verb follows in its clause (为职工服务, 为祖国干杯: jieba tags 干杯 a noun, so verbs it
  tags otherwise are listed); the model reads wéi ("to be, as") there, as in its
  encyclopedia sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import pairwise

from . import doubling, segmentation
from .lexicon import Lexicon
from .rules import WORD_LISTS
from .segmentation import HAN, Tagged

_MODAL_WORDS = "|".join(sorted(WORD_LISTS["modal"], key=len, reverse=True))
_PARTICLE = re.compile(f"[得地]|(?:{_MODAL_WORDS})为")
"""Particles that jieba's HMM merges with a neighbour into words its dictionary lacks, and 为
after an auxiliary verb (属下会为受害者复仇: jieba's 会为); not 为 after anything else, where its
HMM words are mostly the copula (其为, 室南为, 现为)."""
_DEGREE = frozenset("很太非真更最好多越挺极特十满那这么清快慢高远近早晚够不一对错")
"""Degree words after which 得 is the complement marker (跑得很快, 说得对)."""
_MUST_BEFORE = frozenset("我你您他她它咱们还就也都总必只可又全")
"""Subjects and adverbs after which 得 before a verb is děi (我得去, 还得等)."""
_COMPLEMENTS = frozenset("了到见完住动起出下上来去过清懂开着成通透") | frozenset(
    ["起来", "下去", "上去", "过去", "出来", "回来", "下来", "上来", "进去", "进来"]
)
"""Verbs that follow 得 as the complement of what comes before (说得清, 拿得起来): 得 before one
is not "must" however jieba tags the word before it."""
_DECLINED = re.compile(rf"(?<![{segmentation.HAN_CHARS}])(?:不了)+(?![{segmentation.HAN_CHARS}])")
"""不了 said alone, once or twice, as a clause of its own (不了，谢谢; 不了不了，我还得走):
declining, 不 and the sentence particle 了 le, not the potential complement liǎo of 办不了
(现代汉语词典 了 le)."""
_CARE = frozenset(["小心", "注意", "当心", "留神", "留心"])
"""Words of care that jieba's dictionary tags as nouns or adjectives: 得 opening a clause before
one is děi (一折就断，得小心拿着)."""
_COUNT_REPEATED = re.compile(r"一([^一])又?一\1$")
"""A count said twice (一遍又一遍, 一步一步): 地 after it marks how something is done."""
_UNTAGGED_VERBS = frozenset("穿扛晾换")
"""Everyday verbs that jieba's dictionary tags otherwise (穿 zg, 换 nz): 得 opening a clause
before one is děi (明天开运动会，得穿白球鞋)."""
_RESULTS = frozenset("上下好完掉起出进回开")
"""Results that jieba's HMM joins to the verb before them (吸上, 拔掉, 收好)."""
_TOWARD = ("回去", "回来", "过去", "过来", "出去", "出来", "上去", "下去", "进去", "进来", "起来")
"""Directional complements that end a verb jieba makes one word with them (拉回去, 搬出来)."""
_RECEIVED = frozenset(
    ["表扬", "奖励", "好评", "肯定", "认可", "帮助", "支持", "批评", "处分", "处罚", "实惠", "回报"]
)
"""What one receives, verbs jieba tags so (工人得表扬, 学生得奖励, 群众得实惠): 得 before one is
dé "get"."""
_WEI_BEFORE = frozenset(
    "改变选评定列视称成分化转译封立任划认奉作当名编升降尊推聘调派合辟建"  # 改为, 选为, 改建为
    "整更减扩"  # 调整为, 变更为, 减为, 扩为; 更为 "even more" (not 置: 装置为国家 "for")
    "原本均皆即乃实多别"  # 原为, 均为, 分别为
    "小大少高低短宽深"  # 缩小为, 扩大为, 减少为, 提高为: "(changed) into"; 大为, 深为 "greatly"
    "释归"  # 解释为, 诠释为, 归为 "as" (可以 no longer keeps 为 from the rules below)
    "布"  # 宣布为, 公布为 "(declared) as" (宣布为不受欢迎的人 read "for")
)
"""Verbs that take 为 as "into, as" (改为, 选为) and adverbs before the copula 为 (原为, 均为):
为 after them is wéi."""
_GROWN = ("成长", "生长", "增长", "延长")
"""Verbs of growing ending in 长, which `_WEI_BEFORE` leaves out (家长为孩子, 校长为学生 "for"):
为 after them is wéi "into, to" (成长为一名教师, 增长为三万人)."""
_EARNEST = ("切实", "扎实", "务实", "确实", "真正", "认真", "立即", "随即", "当即", "旋即", "特别")
"""Adverbs ending in a character of `_WEI_BEFORE` (实, 真, 即, 别): 为 after them is not the
copula of 实为, 即为, 分别为 (切实为基层减负, 确实为我们提供了, 立即为他输血, 特别为老人设计
"for"; 其实为零 stays the copula)."""
_YI_WORDS = re.compile("可以|所以|以便|以及|以后|以来|以前|以外|以内|加以|予以|难以|得以|足以|以免")
"""Words with 以 that are no 以 of 以……为 (可以同时为一百名残疾人提供服务 is
"for"; 以人民为中心 is left to the model as before)."""
_WEI_OBJECT_VERBS = frozenset("改选评定列视称封立任奉尊推聘派转译编辟")
"""Verbs of `_WEI_BEFORE` that take an object before 为 (封她为公主, 改全垦为条垦, 视……为)."""
_VERBS_TAGGED_OTHERWISE = frozenset(
    [
        "干杯",
        "圆梦",
        "办事",
        "效力",
        "效劳",
        "出力",
        "祝福",
        "默哀",
        "骄傲",
        "自豪",
        "助威",
        "买单",
        "开路",
        "铺路",
        "伤心",
        "争光",
        "添彩",
        "说情",
        "代言",
        "守夜",
        "流泪",
        "新建",  # 为农村中小学新建了一批食堂 (tagged a place name)
        "办理",
        "落实",
        "量",  # 为居民量血压 (tagged a noun; 为老人量血压 took the person list)
        "传授",  # 为农民传授科学种田的技术 (tagged a noun)
    ]
)
"""Verbs that follow 为 "for" (为祖国干杯, 为你骄傲) which jieba's dictionary tags as nouns or
adjectives (a word that merely begins with a verb is no sign: 为三合院建筑, 为岛式站台)."""
_SERVICE = ("服务", "工作", "效力", "效劳", "奉献", "出力", "办事")
"""Verbs of serving that jieba's dictionary joins to whom is served in a noun (为社区服务: its
社区服务 "community service", 为人民服务 is cut apart): 为 before such a word is "for"."""
_STATED = (
    "业务",
    "主业",
    "职能",
    "职责",
    "宗旨",
    "内容",
    "范围",
    "对象",
    "方向",
    "领域",
    "特色",
    "主题",
    "重点",
    "阶段",
    "步骤",
    "形式",
    "方式",
    "目标",
    "任务",
    "原则",
    "标准",
    "要求",
    "名称",
    "口号",
    "题目",
    "措施",
    "原因",  # 起火原因为电动车在楼道内违规充电: what is found, whatever verbs name it
    "起因",
    "死因",
    "病因",
    "诱因",
    "理由",
    "依据",
    "结论",
    "性质",
)
"""What a sentence states is something (其主要业务为社区服务, 第一阶段为宣传发动, 主题为乡村振兴):
为 right after it is the copula wéi, whatever verbs name what it is."""
_FOR_VERBS = frozenset(["提供", "服务", "报仇", "复仇", "效力", "效劳", "铺平", "奠定", "创造"])
"""Verbs done for someone or something (为他提供机会, 为父报仇, 为……奠定基础): 为 before them
in its clause is "for", whatever jieba made of 为 and the word before it."""
_NAMING = ("名字", "姓名", "名叫", "身份", "职务", "称号", "年龄", "户籍", "性别", "学历", "职称")
"""What a person is called or is (名字为张三的老人): 为 after it is the copula, whoever follows."""
_MADE_ENDINGS = ("品",)
"""Endings of words for a thing by what was done to it (合格品, 半成品), which begin with a verb
and are no verb, as the words of `_PERSON_ENDINGS` are not."""
_STATUS_TAGGED_VERBS = frozenset(["应届", "往届", "在职", "在读", "在校", "在岗", "在编"])
"""Words of a person's cohort or standing that jieba's dictionary tags as verbs (应届毕业生,
在职人员): before a noun, no verb that makes 为 "for" (须为应届毕业生, 须为在职人员 "be")."""
_MEASURE_TAGGED_VERBS = frozenset(["属下"])
"""Words of a statement of measure or rank that jieba's dictionary tags as verbs: 属下 of a
taxonomy (该种为蔷薇科李属下的一种乔木 "is"). The 到, 至 of a range of numbers (深度为五到六厘米)
and the 摄 of a unit (沸点为一百摄氏度) are no verb either: see `_no_verb`."""
_TAXON = re.compile(r"\w{1,6}?科\w{1,10}?属")
"""A family and a genus (为蔷薇科李属下的一种, 为雨燕科雨燕属的鸟类): 为 before them is the copula
wéi of a taxonomy, whatever words follow (属下, 落叶乔木 begin with verbs)."""
_WEI_VERB_WINDOW = 6
"""Words after 为 searched for the verb that makes it "for" (为全体人员配备): further on, a
verb belongs to another clause (running text without commas: 导演为虞石束杨军主要演员有)."""


def apply(
    text: str,
    spans: Sequence[tuple[int, int]],
    syllables: Sequence[str | None],
    fixed: Sequence[bool],
    decide: Callable[[int, str], None],
) -> None:
    """Read 得, 地, 了 and 为 where they stand alone in `spans` (the words of `text`, in order).

    `syllables` holds the readings so far (None where a character has none); `fixed[i]` says
    whether the user or a curated word fixed character i. `decide(i, syllable)` is called for
    each character a rule reads.
    """
    last = len(text) - 1
    # First: what it reads is then settled (a rule's), and the particles below leave it.
    _around_doubled(text, spans, syllables, fixed, decide)
    merged = _merged_with_before(text, spans)
    spans = _unmerged(text, spans)
    declined = {
        i for match in _DECLINED.finditer(text) for i in range(match.start() + 1, match.end(), 2)
    }
    for i in sorted(declined):
        if not fixed[i]:
            decide(i, "le5")  # 不了，谢谢: "no (thanks)", the particle 了
    for k, (start, end) in enumerate(spans):
        if start in declined or start + 1 in declined:
            continue
        if text[start:end] == "不了" and start > 0 and HAN.match(text[start - 1]):
            decide(start + 1, "liao3")  # jieba's 我办 / 不了
            continue
        if end - start > 2 and text[end - 1] == "率" and not fixed[end - 1]:
            if syllables[end - 1] != "lv4" and _rate_of(text[start : end - 1]):
                decide(end - 1, "lv4")  # 磁化率, 自给率, 支持率: the rate of what comes before
            continue
        if end - start > 1 and text[end - 1] == "为" and not fixed[end - 1]:
            if _benefactive(text, spans, k):
                decide(end - 1, "wei4")  # jieba's 这为, 党为 (这为上面的机理提供了支持)
            continue
        if end - start > 2 and text[end - 1] == "地" and not fixed[end - 1]:
            if syllables[end - 1] != "de5" and _adverbial_word(text, spans, k):
                decide(end - 1, "de5")  # jieba's 熟练地 / 掌握, 适时地 / 提出: how it is done
            continue
        if text[start:end] == "背" and not fixed[start] and _carried(text, spans, k):
            decide(start, "bei1")  # 把被困的老人背了出来: carried on the back
            continue
        if end - start != 1 or text[start] not in "得地为了" or fixed[start]:
            continue
        if text[start] == "为":
            if start == 0 or text[start - 1] != "地" or syllables[start - 1] == "de5":
                # but 集聚地为: the place "is", not 耐心地为 "for"
                _wei(text, start, decide, after_de=start > 0 and text[start - 1] == "地")
            continue
        if (
            text[start] == "得"
            and start < last
            and (start == 0 or syllables[start - 1] is None or _after_conjunction(text, spans, k))
            and _opens_must(text, spans, k)
        ):
            decide(start, "dei3")  # 用久了，得磨一磨; 所以得早点出发: no subject before it
            continue
        if start == 0 or start == last or syllables[start - 1] is None:
            continue
        before, after = text[start - 1], text[start + 1]
        if (
            start in merged
            and before not in _MUST_BEFORE
            and before not in "深颇甚"
            and after not in "了到以"
            and not _takes_object(text, spans, k)
            and not _noun_ends_clause(text, spans, k)
        ):
            # jieba's HMM word 逗得, 热得: the verb and its complement marker; but 深得信任 is
            # dé "win", and so is 得 before what is obtained (采得的矿石, 即得产品, 独得此二字)
            decide(start, "de5")
            continue
        if text[start] == "地":
            if (
                before in "性然般样"
                or (start > 1 and text[start - 2] == before)
                or _COUNT_REPEATED.search(text, max(0, start - 5), start)
            ):
                decide(start, "de5")  # 预见性地警告, 突然地, 慢慢地走, 一遍又一遍地叮嘱
            elif k > 0 and spans[k - 1][1] - spans[k - 1][0] > 1:
                # After an adjective, adverb or idiom it marks the adverbial: 高兴地跳;
                # after an idiom also before a comma (一如既往地，); after a noun before a
                # verb too (有机地渗透, 历史地看).
                tags = segmentation.dictionary_tags(text[spans[k - 1][0] : start])
                kinds = "abdzil" if HAN.match(after) else "il"
                if after not in "上下里" and _next_is_verb(text, spans, k):
                    kinds += "n"  # but 堂屋地上: the ground
                if len(tags) == 1 and tags[0][1][:1] in kinds:
                    decide(start, "de5")
            continue
        if text[start] == "了":
            if before == "不" and start > 1 and HAN.match(text[start - 2]):
                decide(start, "liao3")  # 办不了, 去不了: "can not manage"
            continue
        if before in _MUST_BEFORE and HAN.match(after) and after not in "了到以":
            # 你得好好学习: after a subject, not the complement marker; but 我得的, 又得舒心环境
            decide(start, "de2" if _takes_object(text, spans, k) else "dei3")
        elif (
            k > 0
            and after not in "了到以"
            and _demonstrated(text, spans, k)
            and _must_follows(text, spans, k)
        ):
            # After a thing pointed at, before what must be done with it or who must do it:
            # "must" (这事得办, 这病得治, 那活得干, 这事得你去), where jieba leaves 这事 two
            # dictionary words; a noun takes no complement marker.
            decide(start, "dei3")
        elif (
            k > 0
            and _ends_in_verb(text, spans[k - 1])
            and _next_word(text, spans, k) in _WHO
            and not _takes_object(text, spans, k)
        ):
            # Between a verb and whom it moves to what follows: the complement marker (他逗得
            # 大家哈哈大笑, 问得他哑口无言), where jieba cuts 逗/得 apart.
            decide(start, "de5")
        elif k > 0 and _is_subject(text, spans[k - 1]) and _adverbial_then_verb(text, spans, k):
            # After a subject, before how and what to do: "must" (大家得好好学习, 病人得多休息,
            # 学生得认真听讲), where 好, 多 alone after a verb are the complement (说得多)
            decide(start, "dei3")
        elif _thing_then_act(text, spans, k):
            # After a place, a thing or a time, before what must be done: "must" (上学路上得走多久,
            # 伴娘得在后面提着, 车得绕道走, 头发油性大，得两天洗一次), where no verb comes before it
            # to take a complement.
            decide(start, "dei3")
        elif (
            after in _DEGREE
            or (
                k > 0
                and before != "深"
                and after not in "了到以"
                and _is_adjective(text, spans[k - 1])
            )
            or _is_state(_next_word(text, spans, k))
            or (
                k > 0
                and _ends_in_verb(text, spans[k - 1])
                and _adjective_ends_clause(text, spans, k)
            )
            or (k > 0 and _is_verb(text, spans[k - 1]) and _idiom_ends_clause(text, spans, k))
        ):
            # 跑得很快; after an adjective it marks the complement (高兴得跳了起来), but 深得信任
            # is dé "win", and 得了, 得到 are "obtain"; before a word of state, the complement
            # it says (撑得圆滚滚, 冻得红彤彤); between a verb and the adjective that ends its
            # clause, the complement too (东西卖得便宜, 卖得贵了), but 卖得好价钱 "fetch"; and
            # between a verb and an idiom that ends its clause (打得难解难分, 处理得恰到好处)
            decide(start, "de5")
        elif (
            k > 0
            and after not in "了到以"
            and (_next_is_verb(text, spans, k) or _undergone(_next_word(text, spans, k)))
        ):
            # After a pronoun or an adverb of more characters, before a verb: 一样得讲.
            tags = segmentation.dictionary_tags(text[spans[k - 1][0] : start])
            if len(tags) == 1 and tags[0][1][:1] in "rdtc":
                decide(start, "dei3")  # and after a time or a conjunction: 今晚得加班, 而且得办好
            elif len(tags) == 1 and len(tags[0][0]) > 1 and tags[0][1][:1] == "n":
                # After a noun (a subject, or a verb and its object that jieba tags a
                # noun: 走路得拄拐杖, 孩子得打针) before a verb that is no complement:
                # "must", but "get" before what one receives (群众得实惠); not after one
                # character, a verb jieba tags a noun (制得沉降缓慢的混悬液: dé "obtain").
                following = _next_word(text, spans, k)
                if following in _RECEIVED:
                    decide(start, "de2")
                elif following not in _COMPLEMENTS:
                    decide(start, "dei3")


def _around_doubled(
    text: str,
    spans: Sequence[tuple[int, int]],
    syllables: Sequence[str | None],
    fixed: Sequence[bool],
    decide: Callable[[int, str], None],
) -> None:
    """得 before a doubled form and 地 after one, whatever word jieba makes of them (咱们得商 /
    商量 / 量, 穿 / 得 / 土里土气, 哗啦 / 哗啦 / 地下 / 着, 利 / 利落 / 落地 / 走). A doubled form
    after 得 says how, or what is to be done: the complement marker de after a verb (收拾得干干
    净净, 穿得土里土气), děi "must" after a subject or an adverb (咱们得商商量量, 还得仔仔细细
    地查); never dé "obtain", which takes a thing. 地 after one marks how something is done,
    de (哗啦哗啦地下着), as after AA (慢慢地走)."""
    for match in _AROUND_DOUBLED.finditer(text):
        i = match.start()
        if fixed[i] or syllables[i] is None:
            continue
        if text[i] == "得":
            form = text[i + 1 : i + 5]
            if i > 0 and (doubling.is_aabb(form) or doubling.is_a_li_ab(form)):
                reading = "dei3" if text[i - 1] in _MUST_BEFORE else "de5"
                if syllables[i] != reading:
                    decide(i, reading)
        elif syllables[i] != "de5" and _doubled_before(text, i) and _de_word(text, spans, i):
            decide(i, "de5")


_AROUND_DOUBLED = re.compile("[得地]")


def _de_word(text: str, spans: Sequence[tuple[int, int]], i: int) -> bool:
    """Whether 地 at i may be the particle by the word jieba makes of it: alone, the end of a
    word (利 / 利落 / 落地), or 地下, 地上 before a verb's particle (哗啦哗啦地下着); not a
    noun it opens (商量商量地点: dìdiǎn)."""
    k = bisect_right(spans, (i, len(text) + 1)) - 1
    start, end = spans[max(k, 0)]
    if end == i + 1:
        return True  # alone, or the end of jieba's word
    return (
        (start, end) == (i, i + 2)
        and text[i + 1] in "上下"
        and (end == len(text) or text[end] in "着了起来去过")
    )


def _doubled_before(text: str, i: int) -> bool:
    """Whether a doubled form of four characters ends just before i: AABB (干干净净), ABAB
    (哗啦哗啦) or A里AB (慌里慌张), not a pair of words of their own (爸爸妈妈)."""
    form = text[max(0, i - 4) : i]
    if len(form) < 4 or not all(HAN.match(char) for char in form):
        return False
    if doubling.is_a_li_ab(form):
        return True
    if doubling.is_aabb(form) or (form[:2] == form[2:] and form[0] != form[1]):
        curated = Lexicon.shared().curated(form[2:])
        return curated is None or not curated.readings[1].endswith("5")  # 姐姐, 叔叔
    return False


def _unmerged(text: str, spans: Sequence[tuple[int, int]]) -> Sequence[tuple[int, int]]:
    """`spans` (sorted) with each word that jieba's HMM made of 得 or 地 and its neighbours
    (耐心/地为, 长得/真快, 说得对), which its dictionary does not know, cut into its dictionary
    words. Only the words holding 得 or 地 are looked at (the text is searched, not the words)."""
    splits: dict[int, Tagged] = {}
    for match in _PARTICLE.finditer(text):
        k = bisect_right(spans, (match.start(), len(text) + 1)) - 1
        if k < 0 or k in splits:
            continue
        start, end = spans[k]
        if end - start > 1:
            parts = segmentation.dictionary_tags(text[start:end])
            if len(parts) > 1:
                splits[k] = parts
    if not splits:
        return spans
    found: list[tuple[int, int]] = []
    previous = 0
    for k, parts in splits.items():  # in text order: matches come in order
        found += spans[previous:k]
        start = spans[k][0]
        for part, _ in parts:
            found.append((start, start + len(part)))
            start += len(part)
        previous = k + 1
    found += spans[previous:]
    return found


def _merged_with_before(text: str, spans: Sequence[tuple[int, int]]) -> set[int]:
    """Where 得 closes a word of two characters that jieba's HMM made of it and a verb or an
    adjective before it (逗得 / 大家, 热得 / 大家都受不了), a word its dictionary does not know
    (记得, 获得 it does): the complement marker follows the verb it is written with."""
    found = set()
    for start, end in spans:
        if end - start == 2 and text[end - 1] == "得" and HAN.match(text[start]):
            tags = segmentation.dictionary_tags(text[start:end])
            if len(tags) == 2 and tags[0][1][:1] in "va":
                found.add(end - 1)
    return found


def _noun_ends_clause(text: str, spans: Sequence[tuple[int, int]], k: int) -> bool:
    """Whether the word after word k of `text` is a noun (jieba's dictionary tag n) that ends
    its clause (即得产品。)."""
    if k + 1 >= len(spans):
        return False
    start, end = spans[k + 1]
    tags = segmentation.dictionary_tags(text[start:end])
    return (
        len(tags) == 1 and tags[0][1][:1] == "n" and (end >= len(text) or not HAN.match(text[end]))
    )


def _takes_object(text: str, spans: Sequence[tuple[int, int]], k: int) -> bool:
    """Whether 得, word k of `text`, is the verb dé "obtain": 的 follows (我得的越少), or its
    clause goes on in two words or more that end in a noun, or start with one and end in how
    many, none of them a verb or an adverb (又得舒心环境, 又得铜剑一枚; not 他得马上回家, not
    你也得小心, 你得好好学习: one word, which jieba tags a noun)."""
    start = spans[k][1]
    if text[start] == "的":
        return True
    words = []
    for word_start, word_end in spans[k + 1 :]:
        if not HAN.match(text[word_start]):
            break
        words.append(text[word_start:word_end])
    if len(words) < 2:
        return False
    flags = [flag for word in words for _, flag in segmentation.dictionary_tags(word)]
    if any(flag[:1] in "vd" for flag in flags):
        return False
    # ending in a noun (又得舒心环境), or in a noun and how many (又得铜剑一枚)
    return flags[-1].startswith("n") or (flags[-1][:1] in "mq" and flags[0].startswith("n"))


def _after_conjunction(text: str, spans: Sequence[tuple[int, int]], k: int) -> bool:
    """Whether word k of `text` follows a conjunction of two characters or more (所以, 但是,
    而且: jieba's tag c), which opens its clause as a comma does (所以得早点出发; not 和, 跟)."""
    if k == 0:
        return False
    word = text[spans[k - 1][0] : spans[k - 1][1]]
    tags = segmentation.dictionary_tags(word)
    return len(word) > 1 and len(tags) == 1 and tags[0][1] == "c"


def _opens_must(text: str, spans: Sequence[tuple[int, int]], k: int) -> bool:
    """Whether 得, word k of `text`, opening a clause, is děi "must": before a verb, an adverb,
    a word of care or what one undergoes (得磨一磨, 得赶紧回去, 得小心, 得排队), with no subject
    before it to make it the complement marker or "get" (得到, 得奖, 得知 are words; 得了 is not
    "must"); before a preposition too (得按流程来, 得跟他说清楚, 得把门锁好)."""
    following = _next_word(text, spans, k)
    if not following or following[0] in "了到以" or following in _COMPLEMENTS:
        return False
    if following in _CARE or _undergone(following) or following.startswith("注意"):
        return True
    if following in _UNTAGGED_VERBS or (len(following) > 2 and following.endswith(_TOWARD)):
        return True  # 得穿白球鞋; 坏了，得拉回去修: a verb, however jieba tags the word
    if _count_then_verb(text, spans, k):
        return True  # 头发油性大，得两天洗一次
    tags = segmentation.dictionary_tags(following)
    if len(tags) == 2 and tags[0][1][:1] == "v" and tags[1][0] in _RESULTS:
        return True  # 血氧有点儿低，得吸上氧: jieba's word 吸上, a verb and its result
    return len(tags) == 1 and tags[0][1][:1] in "vdp"


def _is_adjective(text: str, span: tuple[int, int]) -> bool:
    """Whether the word at `span` of `text` is an adjective (jieba's dictionary tag a or b)."""
    tags = segmentation.dictionary_tags(text[span[0] : span[1]])
    return len(tags) == 1 and tags[0][1][:1] in "ab"


def _last_piece(text: str, span: tuple[int, int]) -> tuple[str, str]:
    """The last dictionary word of the word at `span` of `text`, with its tag (事办: 办, v): jieba's
    HMM joins words its dictionary tags apart."""
    return segmentation.dictionary_tags(text[span[0] : span[1]])[-1]


def _ends_in_verb(text: str, span: tuple[int, int]) -> bool:
    """Whether the word at `span` of `text` ends in a verb of one character (jieba's dictionary
    tag v: 卖, and 鱼卖, 事办 that its HMM made a word), not a modal (可得小心 is děi)."""
    piece, tag = _last_piece(text, span)
    return len(piece) == 1 and tag[:1] == "v" and piece not in "可"


def _is_subject(text: str, span: tuple[int, int]) -> bool:
    """Whether the word at `span` of `text` ends in a pronoun (大家, 我们) or a noun of two
    characters or more (病人, 学生): jieba's dictionary tags r and n."""
    piece, tag = _last_piece(text, span)
    return tag[:1] == "r" or (tag[:1] == "n" and len(piece) > 1)


def _carried(text: str, spans: Sequence[tuple[int, int]], k: int) -> bool:
    """Whether 背, word k of `text`, is bēi "carry on the back": after 把 or 将 and a person it
    carries, in its clause (把被困的老人背了出来, 将伤员背下山); one recites a text, not a person
    (把课文背了出来 is bèi). A context rule's pattern does not know which words are people."""
    m = k - 1
    while m > 0 and text[spans[m][0] : spans[m][1]] in _ONE_BY_ONE:
        m -= 1  # 把受困群众一个一个背了出来
    if m < 1:
        return False
    person = text[spans[m][0] : spans[m][1]]
    if not _is_person(person):
        return False
    for j in range(m - 1, max(-1, m - 7), -1):
        word = text[spans[j][0] : spans[j][1]]
        if not HAN.match(word):
            return False
        if word in ("把", "将"):
            return True
    return False


_ONE_BY_ONE = frozenset(
    ["一个", "一", "个", "一个个", "一一", "逐个", "挨个", "轮流", "先后", "都"]
)
"""Words of one by one between whom 背 carries and 背 (把群众一个一个背了出来)."""


def _demonstrated(text: str, spans: Sequence[tuple[int, int]], k: int) -> bool:
    """Whether word k - 1 of `text` ends in a noun that a demonstrative points to (这事, 那活,
    这钱: jieba's dictionary cuts them 这/事; 这件/事): a subject of one character, which
    `_is_subject` leaves out (one character alone may be a verb jieba tags a noun: 病得起不来),
    or a time pointed at (这个月, 这天)."""
    pieces = list(segmentation.dictionary_tags(text[spans[k - 1][0] : spans[k - 1][1]]))
    if len(pieces) == 1 and k > 1:
        pieces = [segmentation.dictionary_tags(text[spans[k - 2][0] : spans[k - 2][1]])[-1]]
        pieces.append(segmentation.dictionary_tags(text[spans[k - 1][0] : spans[k - 1][1]])[0])
    if len(pieces) < 2:
        return False
    (pointer, kind), (noun, tag) = pieces[-2], pieces[-1]
    return (
        pointer[0] in "这那"
        and kind[:1] in "rmq"
        and len(noun) == 1
        and (tag[:1] == "n" or tag == "vn" or noun in "天周月年")  # 这个月得交房租: a time
    )


def _must_follows(text: str, spans: Sequence[tuple[int, int]], k: int) -> bool:
    """Whether what follows 得, word k of `text`, is what must be done or who must do it: a
    verb, an adverb and a verb, or a person (这事得你去), none a complement (这事得到解决)."""
    following = _next_word(text, spans, k)
    if not following or following in _COMPLEMENTS or following in _RECEIVED:
        return False
    if k + 2 >= len(spans) or not HAN.match(text[spans[k + 2][0]]):
        # ending its clause, what follows is done (这钱得还。: jieba tags 还 an adverb)
        doubled = len(following) > 2 and following[0] == following[1]  # 慢慢来
        return doubled or (
            len(segmentation.dictionary_tags(following)) == 1 and _is_doing(following)
        )
    return (
        _next_is_verb(text, spans, k)
        or _undergone(following)
        or following in _WHO
        or _adverbial_then_verb(text, spans, k)
        or (
            segmentation.dictionary_tags(following)[0][1][:1] == "t"
            and _next_is_verb(text, spans, k + 1)
        )  # 这药得饭后吃: when, then what
    )


def _is_doing(word: str) -> bool:
    """Whether `word` is a verb, an adverb or an idiom (jieba's dictionary tags v, d, i, l: 还,
    which ends a clause only as the verb huán; 从头说起, 从长计议)."""
    return segmentation.dictionary_tags(word)[0][1][:1] in "vdil"


def _adverbial_then_verb(text: str, spans: Sequence[tuple[int, int]], k: int) -> bool:
    """Whether the words after word k of `text` say how to do something, then what: an adverb
    (慢点开, 赶紧走), a word of how alone (多休息, 多放盐), an idiom (认真听讲), a doubled
    one (好好学习, which jieba's dictionary holds as one noun), or a verb that starts with one
    (早睡早起)."""
    if k + 1 >= len(spans):
        return False
    how = text[spans[k + 1][0] : spans[k + 1][1]]
    if how in _RECEIVED or how in _COMPLEMENTS:
        return False  # 群众得实惠: "get"; 看得见: the complement
    tags = segmentation.dictionary_tags(how)
    if (len(how) > 2 and how[0] == how[1]) or (len(tags) == 1 and tags[0][1][:1] in "il"):
        return True
    if len(how) > 1 and len(tags) == 1 and tags[0][1][:1] == "v":  # 早睡早起: a verb already
        return True
    if k + 2 >= len(spans) or not HAN.match(text[spans[k + 2][0]]):
        return False
    then = text[spans[k + 2][0] : spans[k + 2][1]]
    # the verb's own tag, or its first character's (多放盐: jieba's dictionary tags 放盐 a noun)
    acts = any(segmentation.dictionary_tags(w)[0][1][:1] == "v" for w in (then, then[0]))
    return acts and (how in _HOW or (len(tags) == 1 and tags[0][1] == "d"))


_OPENS_ACT = frozenset("在往从跟给把按用朝向") | frozenset(["重新", "另外", "先", "再"])
"""Prepositions and adverbs that open what must be done (裤腿得往上挽两道, 线路得重新布)."""


def _thing_then_act(text: str, spans: Sequence[tuple[int, int]], k: int) -> bool:
    """Whether 得, word k of `text`, follows a place, a thing, a time or a 的 phrase (jieba's
    dictionary tags n, s, t of two characters or more, or f: 路上, 裤腿, 手术后, 我家的) and comes
    before what must be done: a preposition, a verb, what one undergoes (禁食), or how long or
    how often and then a verb (得两天洗一次). Not before 了, 到, a complement, a degree word or
    what is received (孩子得奖, 群众得实惠, 病人得了肺炎, 逝世后得谥号: dé; 上学得早: ·de)."""
    if k == 0 or k + 1 >= len(spans):
        return False
    piece, tag = _last_piece(text, spans[k - 1])
    if not ((tag[:1] in "nst" and len(piece) > 1) or tag[:1] == "f" or piece == "的"):
        return False  # but 美得让人难忘, 量得操场长八米: jieba tags 美 ns, 量 n
    following = _next_word(text, spans, k)
    if (
        not HAN.match(following[:1])
        or following[0] in "了到以"
        or following[0] in _DEGREE
        or following in _COMPLEMENTS
        or following in _RECEIVED
    ):
        return False
    if following in _OPENS_ACT or following in _UNTAGGED_VERBS or following[0] in _OPENS_ACT:
        return True
    if _undergone(following) or _count_then_verb(text, spans, k):
        return True  # 手术后得禁食
    return segmentation.dictionary_tags(following)[0][1][:1] in "vp"


def _count_then_verb(text: str, spans: Sequence[tuple[int, int]], k: int) -> bool:
    """Whether word k of `text` (得) comes before how long or how often, then a verb (得两天洗一次,
    得三天换一回): "must", as "obtain" takes no verb after how many."""
    if k + 2 >= len(spans):
        return False
    count = text[spans[k + 1][0] : spans[k + 1][1]]
    then = text[spans[k + 2][0] : spans[k + 2][1]]
    return (
        segmentation.dictionary_tags(count)[0][1][:1] == "m"
        and HAN.match(then[:1]) is not None
        and segmentation.dictionary_tags(then)[0][1][:1] == "v"
    )


def _adjective_ends_clause(text: str, spans: Sequence[tuple[int, int]], k: int) -> bool:
    """Whether the word after word k of `text` is an adjective (jieba's dictionary tag a) that
    ends its clause, or that only a particle follows (便宜。, 贵了, 好极了): not one that
    describes a noun after it (卖得好价钱)."""
    if k + 1 >= len(spans) or not _is_adjective(text, spans[k + 1]):
        return False
    after = spans[k + 1][1]
    return after >= len(text) or not HAN.match(text[after]) or text[after] in _AFTER_ADJECTIVE


def _is_verb(text: str, span: tuple[int, int]) -> bool:
    """Whether the word at `span` of `text` is a verb, or jieba's HMM word that ends in one
    (jieba's dictionary tag v: 打, 处理, 完成)."""
    return _last_piece(text, span)[1][:1] == "v"


def _idiom_ends_clause(text: str, spans: Sequence[tuple[int, int]], k: int) -> bool:
    """Whether the word after word k of `text` is an idiom that ends its clause (jieba's
    dictionary tags i, l: 恰到好处, 难解难分; or four characters that open with an adjective:
    干净利落, which it tags a noun): the result a complement 得 introduces, as an adjective would
    (打得难解难分); "must" comes before the verb that a subject does, which `apply` reads first
    (大家得齐心协力)."""
    if k + 1 >= len(spans):
        return False
    start, end = spans[k + 1]
    close = end
    if close < len(text) and text[close] == "的" and not HAN.match(text[close + 1 : close + 2]):
        close += 1  # the 的 of speech that may close the clause after it (打扮得花枝招展的。)
    if end - start != 4 or (close < len(text) and HAN.match(text[close])):
        return False
    tags = segmentation.dictionary_tags(text[start:end])
    if len(tags) != 1:
        return False
    opening = segmentation.dictionary_tags(text[start : start + 2])
    return tags[0][1][:1] in "il" or (len(opening) == 1 and opening[0][1][:1] == "a")


def _is_state(word: str) -> bool:
    """Whether `word` is a word of state (状态词, jieba's tag z: 圆滚滚, 红彤彤, 干干净净)."""
    return len(word) > 2 and segmentation.dictionary_tags(word)[0] == (word, "z")


def _next_word(text: str, spans: Sequence[tuple[int, int]], k: int) -> str:
    """The word after word k of `text` ("" at the end)."""
    return text[spans[k + 1][0] : spans[k + 1][1]] if k + 1 < len(spans) else ""


def _undergone(word: str) -> bool:
    """Whether `word` is, or starts with, one of `_UNDERGONE` (住院, and 住院治疗, which jieba's
    dictionary holds as one noun)."""
    return word in _UNDERGONE or word[:2] in _UNDERGONE


_ADVERBIAL_KINDS = ("a", "ad", "an", "d", "z", "t")
"""jieba's tags of the adjectives and adverbs that a word of its dictionary joins to 地 (熟练地,
简要地, 适时地, 过早地); not b, the attributives of places (主产地, 私有地, 附属地)."""
_ADVERBIAL_HEADS = frozenset(
    ["坦率", "草率", "轻率", "系统", "流利", "粗略", "私下", "鲁莽", "间接"]
)
"""Adjectives jieba's dictionary tags as nouns, names or attributives that its words join to 地
(坦率地说, 系统地推进, 间接地影响): 地 after them, before a verb, is de too."""


_TERRAIN = frozenset(
    ["低洼", "空旷", "平坦", "肥沃", "贫瘠", "荒芜", "潮湿", "干旱", "偏远", "开阔", "荫蔽"]
)
"""Adjectives of land: jieba's words of one and 地 are ground (低洼地, 空旷地), dì."""
_SAID = frozenset("说讲谈问答看想笑哭走跑")
"""Verbs of one character after which 地 of jieba's word is the adverbial (坦率地说, 简要地讲)."""


def _adverbial_word(text: str, spans: Sequence[tuple[int, int]], k: int) -> bool:
    """Whether word k, one of jieba's dictionary words of an adjective or adverb and 地 (熟练地,
    坦率地, 适时地) that the phrase table does not read, marks how the verb after it is done
    (要熟练地掌握, 坦率地说): de, not dì "ground, place" as in 出生地, 玉米地 (a verb or a noun
    before 地) or the phrase table's 目的地, 所在地."""
    start, end = spans[k]
    word = text[start:end]
    if Lexicon.shared().phrase(word) is not None or not segmentation.in_dictionary(word):
        return False
    head = segmentation.dictionary_tags(word[:-1])
    if len(head) != 1:
        return False
    if head[0][1] not in _ADVERBIAL_KINDS and head[0][0] not in _ADVERBIAL_HEADS:
        return False
    if head[0][0] in _TERRAIN or k + 1 >= len(spans):
        return False
    following = text[slice(*spans[k + 1])]
    if len(following) == 1:
        return following in _SAID  # 坦率地说; but 低洼地 / 带 is 低洼地带
    # 推进 of jieba's 推进改革 (a word of its dictionary tagged otherwise)
    return any(
        len(tags) == 1 and tags[0][1].startswith("v")
        for tags in (
            segmentation.dictionary_tags(following),
            segmentation.dictionary_tags(following[:2]),
        )
    )


def _next_is_verb(text: str, spans: Sequence[tuple[int, int]], k: int) -> bool:
    """Whether the word after word k of `text` is a verb (jieba's dictionary tag)."""
    if k + 1 >= len(spans):
        return False
    start, end = spans[k + 1]
    tags = segmentation.dictionary_tags(text[start:end])
    return len(tags) == 1 and tags[0][1].startswith("v")


_HOW = frozenset("多少早晚快慢")
"""Adjectives that, alone before a verb, say how to do it (多休息, 早睡, 慢走)."""
_AFTER_ADJECTIVE = frozenset("了的啊呀呢吧啦极些多")
"""What may follow the adjective that a complement 得 introduces (卖得贵了, 好极了, 便宜多了)."""
_PERSONS = WORD_LISTS["person"]
"""Nouns for people (data/rules.txt's `@person`: 孩子, 老人, 同学)."""
_LISTED = WORD_LISTS["listed"]
"""The one-character groups of notices that start a list of whom 为 is "for" (data/rules.txt's
`@listed`: 请为老、幼、病、残、孕让座), as well as `_PERSONS`."""
_UNDERGONE = WORD_LISTS["undergone"]
"""What one must do or undergo, verbs jieba's dictionary tags as nouns (data/rules.txt's
`@undergone`: 卧床, 住院): 得 before one, after a subject, is děi (病人得卧床)."""
_PRONOUNS = WORD_LISTS["pronoun"]
"""Personal pronouns (data/rules.txt's `@pronoun`): 为 before one, with more of its clause
after, is "for" (为他高兴, 为大家演出); the copula and "as" take a name or a thing (他的名字为
张三, 选他为班长: a verb before 为)."""
_WHO = _PRONOUNS | _PERSONS
"""Pronouns and nouns for people: who 得 is followed by, as the one who must (这事得你去) or the
one moved (逗得大家哈哈大笑)."""
_PERSON_MODIFIERS = frozenset(
    ["独居", "空巢", "孤寡", "高龄", "留守", "失独", "贫困", "低保", "困难", "残疾", "退休", "外来"]
)
"""What jieba cuts off the front of whom 为 is for (为独居老人, 为留守儿童, 为困难群众): 为 before
one and a person or group, with more of the clause after, is "for"."""
_EACH = frozenset(["每人", "每户", "每位", "每家", "各"])
"""Words of "each" between whom 为 is for and the verb (为……的老人每人发放五百元)."""
_PERSON_ENDINGS = tuple("人员者生")
"""Endings of words for a person by what they do, did or are (驾驶员, 参赛者, 监护人, 毕业生,
老年人, 伤病员), many of which begin with a verb and are no verb."""
_PEOPLE = _WHO | frozenset(
    [
        "群众",
        "居民",
        "村民",
        "农民",
        "职工",
        "家庭",
        "儿童",
        "家属",
        "妇女",
        "困难户",
        "农户",
        "住户",
        "业主",
        "企业",
        "群体",
        "小孩",
        "娃娃",
        "老太太",
    ]
)
"""Whom something is done for or who is carried, besides the words of `_PERSON_ENDINGS` (老人,
孩子 of `_WHO`; 患者, 伤员, 人员): the groups a notice names after a long description (为辖区内
八十岁以上的老人发放, 为家庭经济困难的学生开通) and whom one carries on the back (把被困的老人背了
出来)."""


def _is_person(word: str) -> bool:
    """Whether `word` is one of `_PEOPLE` or ends in one of `_PERSON_ENDINGS` (伤员, 参赛者):
    whom 为 "for" names before the verb (为……的老人发放) and whom 背 bēi carries."""
    return word in _PEOPLE or word.endswith(_PERSON_ENDINGS)


_GROUP_ENDINGS = (*_PERSON_ENDINGS, "工", "众", "民", "童", "户", "姓", "老人")
"""Endings of jieba's words for groups of people (环卫工人, 农民工, 困难群众, 社区居民, 留守儿童,
女童, 未成年人, 劳动者, 困难户): 为 before one, after a quoted or bracketed name, is "for", not the
copula."""
_ONESELF = frozenset(("本人", "个人", "他人", "某人", "其人", "为人", "成人", "人"))
"""Words ending as `_GROUP_ENDINGS` that name no group served (签名为本人所写, “X”为个人所有)."""


def _names_people(word: str) -> bool:
    """Whether jieba's `word` names a group of people by its ending (`_GROUP_ENDINGS`); of 人,
    only words of three characters or more (未成年人, 环卫工人: not 旅人蕉科's 旅人)."""
    if word in _ONESELF or not word.endswith(_GROUP_ENDINGS):
        return False
    return not word.endswith("人") or len(word) > 2


_MODALS = WORD_LISTS["modal"]
"""Auxiliary verbs, a closed class (助动词, data/rules.txt's `@modal`): 为 right after one, with
a verb or a preposition anywhere after it in its clause, is the preposition "for" (不肯为二孙子
用乳母, 能够为两大陆的文化架设桥梁, 要为人民服务); with none, the copula "be" (能为傀儡国王).
Left out: 可 (大有可为), 应 (答案应为 B), 敢 (敢为天下先)."""


def _wei(text: str, i: int, decide: Callable[[int, str], None], after_de: bool = False) -> None:
    """为 as the preposition "for, in order to" (wèi) when a verb follows in its clause.

    In order: left to the model 以……为 (以经济建设为中心), 为……所, a verb of `_WEI_BEFORE` or
    an adverb right before (改为, 原为, 合并为); wèi after an auxiliary verb (不肯为, 能够为) when
    a verb or preposition follows anywhere in the clause; left to the model after a verb and its
    object (封她为公主); wèi before a person (为他, 为老人) with more of the clause after, or a
    verb within `_WEI_VERB_WINDOW` words, or a group of people after 的 with a verb right after it
    (为辖区内八十岁以上的老人发放), but not after what names a person (名字为, 身份为); a clause of
    为 and a person alone is "for" (舍小家、为大家); else left to the model, where it is wéi.
    `after_de`: 为 follows an adverbial 地 (耐心地为), which makes it "for" once 以……为 and
    为……所 are ruled out. Parts of speech are jieba's dictionary tags.
    """
    clause_start = i
    while clause_start > 0 and HAN.match(text[clause_start - 1]):
        clause_start -= 1
    clause_end = i + 1
    while clause_end < len(text) and HAN.match(text[clause_end]):
        clause_end += 1
    before, after = text[clause_start:i], text[i + 1 : clause_end]
    words_before = segmentation.cut(before) if before else []
    # An auxiliary verb of two characters or more ends in none of `_WEI_BEFORE` as a verb
    # taking 为 "as": 应当为劳动者缴纳 is "for" (当为 "be as" is not 应当 + 为).
    modal = bool(words_before) and words_before[-1] in _MODALS
    late_modal = modal and len(words_before[-1]) > 1
    if _TAXON.match(after):
        decide(i, "wei2")  # 为蔷薇科李属下的一种: what a species is, a family and a genus
        return
    if not after or "以" in _YI_WORDS.sub("", before) or _passive(after):
        return
    if after_de and len(after) > 1:
        # How it is done, with 地, before 为: the copula takes no such adverb, 为 is "for"
        # (小蜜蜂一刻不停地为花儿传授花粉: jieba tags 传授 a noun, no verb is seen after).
        decide(i, "wei4")
        return
    if before and before[-1] in _WEI_BEFORE and not late_modal and not before.endswith(_EARNEST):
        return
    if before.endswith(_GROWN):
        return  # 成长为全国知名的教育家: "grow into" (家长为孩子 "for" keeps wèi)
    if before.endswith("合并"):
        return  # 合并为: but 并 alone is "and" (并为全体人员配备, 并为日本队获得)
    if modal:
        tagged = segmentation.dictionary_tags(after)
        if any(flag[:1] in "vpi" for _, flag in tagged) or (
            # an idiom (jieba tags i) as the verb: 要为人民鞠躬尽瘁; or a person and more after
            len(tagged) > 1 and (tagged[0][0] in _PRONOUNS or tagged[0][0] in _PERSONS)
        ):
            decide(i, "wei4")
        return
    if not before and clause_start > 0 and text[clause_start - 1] in "）)》”」":
        first = [word for word, _ in segmentation.dictionary_tags(after)[:2]]
        if text[clause_start - 1] not in "”」" or not any(
            word in _PEOPLE or _names_people(word) for word in first
        ):
            return  # （学名：）为舌蛭科……: the subject is just before, 为 is "is"
        # “暖冬行动”为环卫工人送温暖, “春蕾计划”为贫困女童圆梦: people in its first two words, 为
        # is "for" when a verb follows (below)
    if any(_has_object_verb(word) for word in words_before[-3:]):
        return  # 封五岳为王, 转怒为喜: the verb and its object before 为
    if (
        clause_end < len(text)
        and text[clause_end] == "、"
        and (after in _PERSONS or after in _LISTED)
    ):
        # 为 before a list of people (请为老、幼、病、残、孕让座, 为老人、儿童提供): the verb comes
        # after the last item, so it is "for" when a verb follows the last item's first word.
        end = clause_end
        while end < len(text) and (HAN.match(text[end]) or text[end] == "、"):
            end += 1
        last = segmentation.dictionary_tags(text[text.rindex("、", 0, end) + 1 : end])
        if any(flag.startswith("v") for _, flag in last[1 : 1 + _WEI_VERB_WINDOW]):
            decide(i, "wei4")
        return
    following = segmentation.dictionary_tags(after)[:_WEI_VERB_WINDOW]
    if len(following) > 1 and (following[0][0] in _PRONOUNS or following[0][0] in _PERSONS):
        decide(i, "wei4")  # for someone: 为他高兴, 为老人量血压 (jieba tags 量 a noun)
        return
    if len(following) > 2 and following[0][0] in _PERSON_MODIFIERS and _is_person(following[1][0]):
        decide(i, "wei4")  # 为独居老人每户安装, 为留守儿童送去
        return
    if not before and len(following) == 1 and following[0][0] in _WHO:
        decide(i, "wei4")  # a clause of 为 and whom alone: 舍小家、为大家
        return
    if words_before and words_before[-1].endswith(_STATED):  # 第一阶段, 主题
        decide(i, "wei2")
        return
    if words_before and words_before[-1].endswith(_NAMING):
        return  # 名字为张三的老人来到这里: the copula, left to the model
    if any(
        (flag.startswith("v") and word not in _STATUS_TAGGED_VERBS and not _no_verb(following, j))
        or word in _VERBS_TAGGED_OTHERWISE
        or (len(word) > 2 and _starts_with_verb(word) and not _no_verb(following, j))
        for j, (word, flag) in enumerate(following)
    ) or (
        any(
            word.endswith(_SERVICE)
            and word not in _SERVICE
            and (j + 1 == len(following) or not following[j + 1][1].startswith("n"))
            for j, (word, _) in enumerate(following)
        )
    ):
        decide(i, "wei4")
        return
    tags = segmentation.dictionary_tags(after)
    for j in range(1, len(tags) - 1):
        k = j + 1
        if k + 1 < len(tags) and tags[k][0] in _EACH:
            k += 1  # 为……的老人每人发放: "each" between whom and the verb
        if tags[j - 1][0] == "的" and _is_person(tags[j][0]) and tags[k][1].startswith("v"):
            decide(i, "wei4")  # 为辖区内八十岁以上的老人发放: for whom, then what is done
            return


def _no_verb(tagged: Sequence[tuple[str, str]], j: int) -> bool:
    """Whether word j of `tagged`, which jieba's dictionary tags a verb or which starts with one,
    is none after 为: a word of `_MEASURE_TAGGED_VERBS`, a unit of temperature (摄氏度: 摄 is
    a verb), or 到, 至 between numbers (频率为每分钟一百到一百二十次, 深度为五到六厘米: the copula
    wéi of a measure; 为五到六名学生提供 keeps its verb 提供)."""
    word = tagged[j][0]
    if word in _MEASURE_TAGGED_VERBS or word.startswith("摄氏"):
        return True
    return (
        word in ("到", "至")
        and 0 < j < len(tagged) - 1
        and tagged[j - 1][1] == "m"
        and tagged[j + 1][1] == "m"
    )


def _benefactive(text: str, spans: Sequence[tuple[int, int]], k: int) -> bool:
    """Whether word k, a word that jieba's HMM made of 为 and what comes before it (这为, 党为,
    中为: not in its dictionary), ends in the preposition 为 "for": a verb of `_FOR_VERBS`
    follows in its clause within `_WEI_VERB_WINDOW` words, after whom it is for (not right after
    为: 其主营为提供早餐 "is providing")."""
    start, end = spans[k]
    if segmentation.in_dictionary(text[start:end]):
        return False
    after = [text[a:b] for a, b in spans[k + 1 : k + 3]]
    if len(after) == 2 and after[0] in _PERSON_MODIFIERS and _is_person(after[1]):
        return True  # jieba's 网格员为 / 独居 / 老人
    for j, (word_start, word_end) in enumerate(spans[k + 1 : k + 1 + _WEI_VERB_WINDOW]):
        if not HAN.match(text[word_start]):
            return False
        if j > 0 and text[word_start:word_end] in _FOR_VERBS:
            return True
    return False


def _rate_of(word: str) -> bool:
    """Whether `word`, before 率 in one of jieba's words (磁化率, 自给率, 传输率), is what the rate
    is of: one word of jieba's dictionary, a verb, a noun or an adjective, not a name (刘虎率,
    陶侃率 "led": shuài)."""
    tags = segmentation.dictionary_tags(word)
    return len(tags) == 1 and tags[0][1][:1] in "vna" and not tags[0][1].startswith("nr")


def _passive(after: str) -> bool:
    """Whether 为 starts the passive 为……所 (为人所知, 为敌人所包围): a 所 follows, and no verb
    marked done (了, 着, 过) comes before it, which would make 为 "for" and 所 the start of its
    object (为中外进出口提供了所需的信息)."""
    at = after.find("所")
    if at < 0:
        return False
    tags = segmentation.dictionary_tags(after[:at])
    return not any(
        flag.startswith("v") and following in ("了", "着", "过")
        for (_, flag), (following, _) in pairwise(tags)
    )


def _has_object_verb(word: str) -> bool:
    """Whether `word` is a verb of `_WEI_OBJECT_VERBS`, alone or in a word jieba's HMM made of
    it and its neighbours (改全垦, 特封, 转怒), which its dictionary does not know."""
    parts = segmentation.dictionary_tags(word)
    return any(len(part) == 1 and part in _WEI_OBJECT_VERBS for part, _ in parts)


def _starts_with_verb(word: str) -> bool:
    """Whether a longer word begins with a verb: jieba tags 做好事, 办实事 as nouns. Not a word
    for a person or thing named by the verb (毕业生, 监护人, 合格品): 须为应届毕业生 "be"."""
    return segmentation.dictionary_tags(word[0])[0][1].startswith("v") and not word.endswith(
        _PERSON_ENDINGS + _MADE_ENDINGS
    )

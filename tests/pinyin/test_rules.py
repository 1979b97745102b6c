"""Context rules: the text around a polyphone decides it."""

from __future__ import annotations

import pytest

from publish.pinyin import Engine
from publish.pinyin.rules import RULES, Rule, load_rules, reading_at


@pytest.mark.parametrize(
    ("text", "char", "reading"),
    [
        ("新华路593弄", "弄", "long4"),
        ("弄清楚", "弄", "nong4"),
        ("撒在家乡", "撒", "sa3"),
        ("紧挨着", "挨", "ai1"),
        ("挨打", "挨", "ai2"),
        ("刨花", "刨", "bao4"),
        ("刨坑", "刨", "pao2"),
        ("葵涌、", "涌", "chong1"),
        ("签名哦。", "哦", "o5"),
        ("也应注意", "应", "ying1"),
    ],
)
def test_rule(text: str, char: str, reading: str) -> None:
    assert reading_at(text, text.index(char)) == reading


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("我把书落下了。", "la4 xia4"),  # left behind
        ("别把我落下。", "la4 xia4"),
        ("这句落下一个字", "la4 xia4"),  # omitted
        ("他落下了好几节课", "la4 xia4"),  # fell behind
        ("太阳落下山去", "luo4 xia4"),  # fell
        ("帷幕缓缓落下", "luo4 xia4"),
        ("他从小落下病根", "luo4 xia4"),  # 落 luò "得到某种结果"
    ],
)
def test_a_word_rule_reads_the_word_by_its_meaning(text: str, reading: str) -> None:
    start = text.index("落下")
    read = Engine(style="number", sandhi=False).analyse(text).syllables[start : start + 2]
    assert " ".join(read) == reading  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "word", "reading"),
    [
        ("风车不停地转动着。", "转动", "zhuan4 dong4"),  # rotates: 现代汉语词典 zhuàndòng
        ("他转动方向盘。", "转动", "zhuan4 dong4"),
        ("齿轮转动起来。", "转动", "zhuan4 dong4"),
        ("他转动了一下身子。", "转动", "zhuan3 dong4"),  # the body: zhuǎndòng
        ("扭伤了腰，转动不得。", "转动", "zhuan3 dong4"),
        ("我们要学会应付困难。", "应付", "ying4 fu5"),  # cope: yìngfu
        ("他只是应付了事。", "应付", "ying4 fu5"),
        ("这笔应付账款到期了。", "应付", "ying1 fu4"),  # payable: 应 yīng
        ("公司的应付利息", "应付", "ying1 fu4"),
        ("妈妈给我盛了一碗饭。", "盛", "cheng2"),
        ("盛米饭和汤的碗", "盛", "cheng2"),
        ("盛开的花", "盛", "sheng4"),
        ("配上一撮姜丝", "撮", "cuo1"),
        ("一小撮坏人", "撮", "cuo1"),
        ("留着一撮胡子", "撮", "zuo3"),  # tufts of hair: zuǒ
        ("取出了身上的弹片。", "弹", "dan4"),
        # Classes of the everyday batch of 2026-12-04 14:12 (benchmarks/data/pinyin-everyday.tsv).
        ("我倒觉得只要用心就能做好。", "倒", "dao4"),  # "rather"
        ("他倒在地上。", "倒", "dao3"),
        ("红绿灯时长进行了调整。", "时长", "shi2 chang2"),
        ("小兔子背着一篮子萝卜。", "背着", "bei1 zhe5"),
        ("可是它喝不着。", "着", "zhao2"),
        ("请大家把手机调成静音。", "调", "tiao2"),
        ("她把头发扎成了一个马尾辫。", "扎", "za1"),
        ("妈妈正在厨房里切菜做饭。", "切", "qie1"),
        ("记者问他累不累，", "累", "lei4"),
        ("大家都为他高兴。", "为", "wei4"),  # "for him"
        ("他被选为班长。", "为", "wei2"),
        # Classes of THCHS-30 dev's real errors (2026-12-04, s29).
        ("她警惕地下了床。", "地下", "de5 xia4"),  # 地 de + 下 "get down"
        ("他小心地下了楼。", "地下", "de5 xia4"),
        ("他们在地下工作。", "地下", "di4 xia4"),  # underground
        ("素云伤心地躲在墙角。", "地", "de5"),  # jieba's word 伤心地 "a sad place"
        ("她悲伤地望着远方。", "地", "de5"),
        ("这里是他的伤心地。", "地", "di4"),
        ("他诚心地道歉。", "地", "de5"),  # the phrase table's 诚心地 dì: data/words.txt
        ("哈萨克斯坦的新都阿斯塔纳。", "都", "du1"),  # the new capital
        ("迁往新都。", "都", "du1"),
        ("他们重新都做了一遍。", "都", "dou1"),
        ("英雄曾召刚无愧于这光荣的称号。", "曾", "zeng1"),  # the surname, after a title
        ("老师曾说过这句话。", "曾", "ceng2"),
        ("周先生曾相约：", "曾", "ceng2"),
        # Classes of the everyday batch of 2026-12-04 16:50 (s29).
        ("请不要在校门口长时间停车。", "长", "chang2"),
        ("把面和好以后，盖上湿布。", "和", "huo2"),
        ("先和面，再包饺子。", "和", "huo2"),
        ("和面要用温水。", "和", "huo2"),
        ("我和面包师傅聊天。", "和", "he2"),
        ("油炸食品要少吃。", "少", "shao3"),
        ("少年先锋队", "少", "shao4"),
        ("他乐得合不拢嘴。", "得", "de5"),
        ("你乐得清闲。", "得", "de2"),
        ("笼的外表面和成熟的笼蔓", "和", "he2"),
        ("把剥好的虾仁下锅。", "剥", "bao1"),
        ("他们还帮老人打扫卫生。", "还", "hai2"),
        ("大家都乐坏了。", "乐", "le4"),
        ("炸好的丸子放在盘子里。", "炸", "zha2"),
        ("这锅粥熬得又稠又香。", "得", "de5"),
        ("这支球队一直处在联赛的中游。", "处", "chu3"),
        ("教务处在三楼。", "处", "chu4"),
        ("农民盼着下一场好雨。", "场", "chang2"),
        ("昨天下了一场大雨。", "一场", "yi1 chang2"),
        ("我们看了一场电影。", "一场", "yi1 chang3"),
        ("这是一场精彩的比赛。", "一场", "yi1 chang3"),
        ("这块地种的是玉米。", "种", "zhong4"),
        ("我教弟弟认字。", "教", "jiao1"),
        ("我给她倒了一杯热水。", "倒", "dao4"),
        # A name's or an idiom's reading the model takes for the common one (CPP dev, s29).
        ("斧镐在开凿防火道时极为灵活", "镐", "gao3"),
        ("韩国棋手李昌镐获得冠军", "镐", "hao4"),
        ("俄舰退回旅顺港，日舰则撤回泊地。", "泊地", "bo2 di4"),
        ("湖泊很多。", "泊", "po1"),
        ("头大体胖。", "胖", "pang4"),
        ("他心广体胖。", "胖", "pan2"),
        ("评论功能都被隐藏或关闭。", "藏", "cang2"),  # 藏文 is no sign after 所, 收, 隐
        ("馆内所藏文物很多。", "藏", "cang2"),
        ("他会说藏语。", "藏", "zang4"),
        ("因存续期长而明显磨损", "长", "chang2"),
        ("大量棕榈树、柏树和其他植物", "柏", "bai3"),
        ("柏林是德国首都。", "柏", "bo2"),
        ("河源与河口相对高差247米", "差", "cha1"),  # 现代汉语词典 高差 gāochā
        ("利用和平方、平方差等公式", "差", "cha1"),
        ("时间还差一点。", "差", "cha4"),
        # The ninth everyday batch (2026-12-04): 现代汉语词典 readings the engine missed.
        ("请于到期还款日前还款。", "还款", "huan2 kuan3"),  # the phrase table: hái
        ("本期应还金额为一千二百元", "还", "huan2"),
        ("本期应还有余额", "还", "hai2"),
        ("从柜员一直做到了支行行长。", "支行", "zhi1 hang2"),
        ("我行从未以任何方式向客户索要密码。", "行", "hang2"),
        ("你说我行吗？", "行", "xing2"),  # no bank's business in the clause
        ("两个黄鹂鸣翠柳，一行白鹭上青天。", "一行", "yi1 hang2"),
        ("代表团一行人到达北京。", "一行", "yi1 xing2"),
        ("吃一堑，长一智。", "长", "zhang3"),
        ("晚上睡不着觉。", "觉", "jiao4"),
        ("这孩子咳嗽得厉害。", "得", "de5"),
        ("法院一审判处被告人有期徒刑三年", "处", "chu3"),
        ("乡音无改鬓毛衰。", "衰", "cui1"),
        # CPP dev's everyday words (2026-12-04, s30)
        ("妹妹弹了一首曲子。", "弹", "tan2"),
        ("他弹得一手好琴。", "弹", "tan2"),
        ("子弹打中了目标。", "弹", "dan4"),
        ("乐评人赞扬了专辑。", "乐", "yue4"),
        ("劲歌热舞", "劲歌", "jing4 ge1"),
        ("猪圈里有三头小猪。", "猪圈", "zhu1 juan4"),
        ("他弹了弹身上的土。", "弹了弹", "tan2 le5 tan2"),
        ("他冲着我笑了笑。", "冲", "chong4"),
    ],
)
def test_readings_that_follow_the_meaning_in_running_text(
    text: str, word: str, reading: str
) -> None:
    start = text.index(word)
    read = Engine(style="number", sandhi=False).analyse(text).syllables
    assert " ".join(read[start : start + len(word)]) == reading  # type: ignore[arg-type]


def test_no_rule_leaves_the_model_alone() -> None:
    assert reading_at("涌现出来", 0) is None
    assert reading_at("行业", 0) is None


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: f"{rule.char}-{rule.reading}")
def test_every_rule_reads_its_own_example(rule: Rule) -> None:
    """data/rules.txt: each rule's example, with the character in brackets, reads as stated,
    by the rule alone and in the engine (the rule is reached: nothing before it decides)."""
    before, rest = rule.example.split("[", 1)
    char, after = rest.split("]", 1)
    assert char == rule.char
    text = before + char + after
    assert reading_at(text, len(before), len(char)) == rule.reading
    read = Engine(style="number", sandhi=False).analyse(text).syllables
    assert " ".join(read[len(before) : len(before) + len(char)]) == rule.reading  # type: ignore[arg-type]


def test_a_rules_file_line_without_five_fields_names_its_line() -> None:
    with pytest.raises(ValueError, match=r"rules\.txt:2: 5 tab-separated fields, not 3"):
        load_rules("# header\n还\thuan2\t-\n")


def test_a_named_list_stands_for_its_words_in_the_rules_after_it() -> None:
    rules = load_rules("@mood\t开心|伤心\n地\tde5\t{mood}\t[{han}]\t他伤心[地]哭了\n")
    assert rules[0].before is not None and rules[0].before.search("他伤心")
    assert not rules[0].before.search("他土")


def test_a_named_list_defined_twice_names_its_line() -> None:
    with pytest.raises(ValueError, match=r"rules\.txt:2: @name"):
        load_rules("@mood\t开心\n@mood\t伤心\n")


def test_end_is_the_clause_s_start_before_a_character_and_its_end_after_it() -> None:
    """{end} before a character matched before every character once (its `$` met the end of
    the text searched); it is the clause's start there: after punctuation or at the start."""
    (rule,) = load_rules("差\tcha4\t{end}\t{end}\t[差]。\n")
    assert rule.before is not None and rule.after is not None
    assert rule.before.search("好的，差", 0, 3)
    assert rule.before.search("差", 0, 0)
    assert not rule.before.search("成绩差", 0, 2)
    assert rule.after.match("差。", 1) and rule.after.match("差", 1)
    assert not rule.after.match("差的", 1)

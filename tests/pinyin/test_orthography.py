"""`publish pinyin`: default, JSON, styles, sandhi, GB/T 16159 word-joined output, bad input."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from publish.cli import main


def _run(*args: str, stdin: str | bytes | None = None):
    return CliRunner().invoke(main, ["pinyin", *args], input=stdin)


def test_default_prints_tone_marked_syllables_of_han_only() -> None:
    result = _run("绿园的2018年行业协调。")
    assert result.exit_code == 0
    assert result.output == "lǜ yuán de nián háng yè xié tiáo\n"


def test_stdin_and_styles_and_sandhi() -> None:
    assert _run(stdin="一定不对").output == "yí dìng bú duì\n"
    assert _run("--no-sandhi", stdin="一定不对").output == "yī dìng bù duì\n"
    assert _run("--style", "number", "绿园").output == "lü4 yuan2\n"
    assert _run("--style", "zhuyin", "朋友").output == "ㄆㄥˊ ˙ㄧㄡ\n"


def test_json_has_every_character() -> None:
    data = json.loads(_run("--json", "A一。").output)
    assert data == [
        {"char": "A", "pinyin": None, "source": None, "confidence": None},
        {"char": "一", "pinyin": "yī", "source": "lexicon", "confidence": None},
        {"char": "。", "pinyin": None, "source": None, "confidence": None},
    ]


def test_json_says_where_each_reading_came_from() -> None:
    """A dictionary word wins over the model, which gave 行 xíng in 行长; a rule reads the last
    还 (huán, "give back"); the model reads the adverb 还 hái; the model's probability for the
    reading printed is given wherever it weighed the character."""
    data = json.loads(_run("--json", "行长还没还。").output)
    by_position = [(d["char"], d["pinyin"], d["source"]) for d in data]
    assert by_position[:2] == [("行", "háng", "lexicon"), ("长", "zhǎng", "lexicon")]
    assert by_position[2] == ("还", "hái", "model")
    assert by_position[4] == ("还", "huán", "rule")
    assert data[0]["confidence"] < 0.5  # the model was sure of xíng: the lexicon overruled it
    assert data[2]["confidence"] > 0.9


def test_an_unknown_character_keeps_its_place() -> None:
    """𫠝 has no known reading: it stands for itself, and 和 keeps its syllable."""
    assert _run("𠀀和𫠝").stdout.split() == ["hē", "hé", "𫠝"]
    assert _run("𫠝和").stdout.split() == ["𫠝", "hé"]


@pytest.mark.parametrize(
    ("text", "printed", "reported"),
    [
        ("𠀀和𫠝", ["hē", "hé", "𫠝"], ["𫠝 (U+2B81D)"]),  # extension B has a reading, D none
        ("〇和𰀀", ["líng", "hé", "𰀀"], ["𰀀 (U+30000)"]),  # extension G
        ("豈和侮", ["qǐ", "hé", "wǔ"], []),  # compatibility ideographs read as their unified forms
        ("葛\U000e0100和葛", ["gě", "hé", "gě"], []),  # a variation selector keeps no place
        ("⿰氵每和海", ["⿰氵每", "hé", "hǎi"], ["⿰氵每 (U+2FF0 U+6C35 U+6BCF)"]),
        ("⿱⿰木木火和", ["⿱⿰木木火", "hé"], ["⿱⿰木木火 (U+2FF1 U+2FF0 U+6728 U+6728 U+706B)"]),
    ],
)
def test_unusual_characters_keep_their_place_and_are_reported(
    text: str, printed: list[str], reported: list[str]
) -> None:
    """An ideographic description is one character: its parts are not read one by one."""
    result = _run(text)
    assert result.stdout.split() == printed
    prefix = "no pinyin known for "
    lines = result.stderr.splitlines()
    assert [line.removeprefix(prefix).split(": ")[0] for line in lines] == reported
    words = _run("--words", text).stdout.split()
    for unread in reported:  # word-joined output keeps each one whole too
        assert unread.split(" (")[0] in words


def test_an_ideographic_description_has_no_reading_in_json() -> None:
    data = json.loads(_run("--json", "⿰氵每和").stdout)
    assert [d["pinyin"] for d in data] == [None, None, None, "hé"]


def test_words_follow_gbt_16159() -> None:
    output = _run("--words", "绿园区总工会常务副主席吕亚舟表示，要做好工作。西安很美！").output
    assert "Lǚ Yàzhōu biǎoshì," in output
    assert output.startswith("Lǜyuán")
    assert "Xī'ān" in output
    assert output.rstrip().endswith("!")


def test_words_are_cut_and_spelled_as_gbt_16159_says() -> None:
    """Issue 14, defect 6: an apostrophe inside a word (liǎng'ái), a name as surname and given
    name (Lǚ Yàzhōu), a long phrase in its words (§5.3: jiěfàng sīxiǎng), AABB with a hyphen
    (§5.4), a numeral apart from its measure word and 第 with a hyphen (§6.1), a name of
    several words capitalised word by word."""
    output = _run(
        "--words",
        "解放思想，两癌筛查。吕亚舟说，第一首诗只有二十个字，写得清清楚楚。联合国教科文组织。",
    ).output
    assert output == (
        "Jiěfàng sīxiǎng, liǎng'ái shāichá. Lǚ Yàzhōu shuō, dì-yī shǒu shī zhǐyǒu èrshí gè zì, "
        "xiěde qīngqīng-chǔchǔ. Liánhéguó Jiàokēwén Zǔzhī.\n"
    )


def test_aspect_particles_join_their_verb_but_not_at_a_sentence_end() -> None:
    """§6.1: kànle; a sentence's closing 了 stands apart (dào le). Tone numbers are spelled
    alike; zhuyin, which the standard does not write, keeps its syllables as they are."""
    assert _run("--words", "他想起了家乡。火车到了。").output == (
        "Tā xiǎngqǐle jiāxiāng. Huǒchē dào le.\n"
    )
    assert _run("--words", "--style", "number", "西安").output == "Xi1'an1\n"
    assert _run("--words", "--style", "zhuyin", "第一").output == "ㄉㄧˋㄧ\n"


def test_common_words_jieba_tags_as_names_are_not_capitalised() -> None:
    """jieba's dictionary tags 常见病 and 文明 as personal names, 美丽 as a place, and its HMM
    takes 立春 for a name: none of them is capitalised or cut."""
    output = _run("--words", "他说常见病、文明、美丽和立春。").output
    assert output == "Tā shuō chángjiànbìng, wénmíng, měilì hé lìchūn.\n"


def test_bad_input_is_one_line_and_exit_2() -> None:
    cases: tuple[tuple[tuple[str, ...], str | bytes | None], ...] = (
        (("",), None),
        (("abc",), None),
        ((), ""),
        (("\udce4\udcb8",), None),  # bytes that are not UTF-8, as Python keeps them from argv
        ((), "行长".encode("gb18030")),
        ((), "行长\x01"),
    )
    for args, stdin in cases:
        result = _run(*args, stdin=stdin)
        assert result.exit_code == 2
        assert len(result.output.strip().splitlines()) == 1
        assert result.output.startswith("error: ")


def test_the_final_newline_of_piped_text_is_not_a_character() -> None:
    data = json.loads(_run("--json", stdin="他跑\n").output)
    assert [d["char"] for d in data] == ["他", "跑"]


def test_traditional_text_is_read_in_simplified_characters_and_printed_in_its_own() -> None:
    # Read as written, 銀行行長 was yín xíng xíng zhǎng: the engine's words are simplified.
    assert _run("銀行行長說了。").output == "yín háng háng zhǎng shuō le\n"
    data = json.loads(_run("--json", "頭髮").output)
    assert [d["char"] for d in data] == ["頭", "髮"]
    assert [d["pinyin"] for d in data] == ["tóu", "fa"]


def test_numbers_urls_and_latin_words_are_kept_as_written() -> None:
    """What is not Chinese passes through whole: "0571 - 88886666" and "https: / / www.
    example. gov. cn" were cut at their marks and spaced (2026-12-04)."""
    output = _run(
        "--words", "请拨打热线0571-88886666，或访问https://www.example.gov.cn查看。"
    ).output
    assert "0571-88886666," in output
    assert "https://www.example.gov.cn chákàn." in output
    output = _run("--words", "用APP（手机应用）预约。").output
    assert output == "Yòng APP (shǒujī yìngyòng) yùyuē.\n"


def test_a_date_unit_stands_apart_from_the_word_after_it() -> None:
    """The segmenter glued 日 to what follows it outside its dictionary (rìzhì, rìdào, rìqǐ);
    a dictionary word stays whole (niándù)."""
    output = _run("--words", "从9月1日至12月31日，3月5日到4月1日，自1月1日起，2025年度。").output
    assert output == (
        "Cóng 9 yuè 1 rì zhì 12 yuè 31 rì, 3 yuè 5 rì dào 4 yuè 1 rì, zì 1 yuè 1 rì qǐ, "
        "2025 niándù.\n"
    )


def test_a_conjunction_stands_apart_from_the_word_before_it() -> None:
    """jieba's dictionary holds 检查和 as a word (noise); 和 is written apart. Words that end in
    和 in the phrase table stay whole (代数和)."""
    output = _run("--words", "开展免费检查和救助项目，求代数和。").output
    assert output == "Kāizhǎn miǎnfèi jiǎnchá hé jiùzhù xiàngmù, qiú dàishùhé.\n"


def test_a_place_name_and_its_kind_cut_apart_are_both_capitalised() -> None:
    """§6.2: Chánglè Qū (the segmenter cut 长乐 / 区, and a place name alone is not trusted)."""
    output = _run("--words", "福州市长乐区发布通告，区域很美丽。").output
    assert output == "Fúzhōu Shì Chánglè Qū fābù tōnggào, qūyù hěn měilì.\n"


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("李强在北京工作。", "Lǐ Qiáng zài Běijīng gōngzuò.\n"),
        ("我们去上海和广州。", "Wǒmen qù Shànghǎi hé Guǎngzhōu.\n"),
        (
            "张家住在城市里，买的东西很贵。",
            "Zhāngjiā zhù zài chéngshì lǐ, mǎi de dōngxi hěn guì.\n",
        ),
        ("他回到桑梓。", "Tā huídào sāngzǐ.\n"),
        ("李白和孟浩然都是诗人。", "Lǐ Bái hé Mèng Hàorán dōu shì shīrén.\n"),
        ("欧阳修读了鲁迅的书。", "Ōuyáng Xiū dúle Lǔ Xùn de shū.\n"),
    ],
)
def test_names_and_places_of_the_dictionary_are_capitalised(text: str, written: str) -> None:
    """Issue 13, §6.2: a full name jieba's dictionary knows (李强, nrfg) and a listed place
    (北京, data/rules.txt's @place) are capitalised, and so are the dictionary's names of
    famous people (李白, 孟浩然, @famous); a family (张家), a word tagged a place
    (东西; 城市, @notplace) or a full name that is none (桑梓, @notname) are not."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("责任编辑张伟", "Zérèn biānjí Zhāng Wěi\n"),
        ("王长生主任说", "Wáng Chángshēng zhǔrèn shuō\n"),
        ("本报记者王长生报道", "Běnbào jìzhě Wáng Chángshēng bàodào\n"),
        ("校长王长生说", "Xiàozhǎng Wáng Chángshēng shuō\n"),
        ("记者张伟民报道", "Jìzhě Zhāng Wěimín bàodào\n"),
    ],
)
def test_a_name_beside_a_byline_or_an_office_is_capitalised(text: str, written: str) -> None:
    """§6.2: a surname and given name jieba does not find, after 记者, 编辑 or an office, or
    before an office (data/rules.txt's @surname, @credit, @office): Zhāng Wěi."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("编辑张开了双臂", "Biānjí zhāngkāi le shuāngbì\n"),  # jieba tags 张开 a name
        ("校长高兴极了", "Xiàozhǎng gāoxìng jíle\n"),
        ("王国主任", "Wángguó zhǔrèn\n"),
        ("白天主任来了", "Báitiān zhǔrèn lái le\n"),
        ("黄金老师", "Huángjīn lǎoshī\n"),
        ("方向经理", "Fāngxiàng jīnglǐ\n"),
        ("周到同志", "Zhōudào tóngzhì\n"),
        ("主任方向大家介绍", "Zhǔrèn fāngxiàng dàjiā jièshào\n"),
    ],
)
def test_words_beside_an_office_that_start_with_a_surname_are_not_names(
    text: str, written: str
) -> None:
    """A surname and what follows it that make a word of the dictionary are no name there."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("欧阳明辉是我的同学。", "Ōuyáng Mínghuī shì wǒ de tóngxué.\n"),
        ("记者欧阳明辉报道。", "Jìzhě Ōuyáng Mínghuī bàodào.\n"),
        ("司马光砸缸。", "Sīmǎ Guāng zá gāng.\n"),
        ("我认识诸葛亮。", "Wǒ rènshi Zhūgě Liàng.\n"),
        ("诸葛亮借箭。", "Zhūgě Liàng jièjiàn.\n"),
        ("上官婉儿是唐朝人。", "Shàngguān Wǎn'ér shì tángcháo rén.\n"),
        ("皇甫嵩是名将。", "Huángfǔ Sōng shì míngjiàng.\n"),
        ("慕容复很骄傲。", "Mùróng Fù hěn jiāo'ào.\n"),
        ("令狐冲会武功。", "Línghú Chōng huì wǔgōng.\n"),
        ("司徒雷登来过中国。", "Sītú Léidēng láiguò Zhōngguó.\n"),
    ],
)
def test_a_compound_surname_stands_apart_from_the_given_name(text: str, written: str) -> None:
    """§6.2 with a compound surname (复姓): Ōuyáng Mínghuī, also where jieba cut the given
    name apart (欧阳明 / 辉是), not taking on the word after it (司马光 / 砸, 诸葛亮 / 借箭)."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("东方红，太阳升。", "Dōngfānghóng, tàiyángshēng.\n"),
        ("向东方走。", "Xiàng dōngfāng zǒu.\n"),
        ("东方明珠很高。", "Dōngfāng míngzhū hěn gāo.\n"),  # a word of 4, cut in two
        ("北魏宇文氏后裔", "Běiwèi yǔwénshì hòuyì\n"),
    ],
)
def test_compound_surnames_that_are_no_name_stay_words(text: str, written: str) -> None:
    """东方 is a direction, 东方红 a song (data/rules.txt's @notname), 宇文氏 a clan."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("王主任说明天开会。", "Wáng zhǔrèn shuō míngtiān kāihuì.\n"),
        ("请找李老师。", "Qǐng zhǎo Lǐ lǎoshī.\n"),
        ("张老师和王老师都来了。", "Zhāng lǎoshī hé Wáng lǎoshī dōu lái le.\n"),
        ("我向老师请教。", "Wǒ xiàng lǎoshī qǐngjiào.\n"),
        ("他自任会长。", "Tā zìrèn huìzhǎng.\n"),
        ("各位老师好。", "Gèwèi lǎoshī hǎo.\n"),
    ],
)
def test_a_surname_alone_before_a_title_is_capitalised(text: str, written: str) -> None:
    """王主任, 李老师: the surname a name, the title a word (Wáng zhǔrèn); not 向 "towards"
    before 老师, nor 任 "serve as" before an office."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("张伟、李娜都是我的同学。", "Zhāng Wěi, Lǐ Nà dōu shì wǒ de tóngxué.\n"),
        ("张伟和李娜去了学校。", "Zhāng Wěi hé Lǐ Nà qùle xuéxiào.\n"),
        ("张伟、李娜、王芳都来了。", "Zhāng Wěi, Lǐ Nà, Wáng Fāng dōu lái le.\n"),
        ("含有金银花、连翘、荆芥。", "Hányǒu jīnyínhuā, liánqiáo, jīngjiè.\n"),
        ("常用的药有金银花、连翘等。", "Chángyòng de yào yǒu jīnyínhuā, liánqiáo děng.\n"),
        ("金银花和连翘可以入药。", "Jīnyínhuā hé liánqiáo kěyǐ rùyào.\n"),
        ("内有芭蕉、杜鹃、桂花等植物。", "Nèiyǒu bājiāo, dùjuān, guìhuā děng zhíwù.\n"),
        ("张开、合上。", "Zhāngkāi, hé shàng.\n"),
    ],
)
def test_names_side_by_side_are_capitalised(text: str, written: str) -> None:
    """Two names or more joined by 、 or 和 are names (Zhāng Wěi, Lǐ Nà); a list with an item
    that is none is of things jieba also tags as names (herbs, flowers)."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize("args", [(), ("--words",)], ids=["syllables", "words"])
def test_variation_selectors_are_read_past_and_keep_the_syllables_aligned(
    args: tuple[str, ...],
) -> None:
    """葛 U+E0100 and 长 U+FE00 read as 葛 and 长: 长大 stays one word (zhǎng, not cháng), and no
    selector is printed or shifts a syllable."""
    marked = _run(*args, "葛\U000e0100洪是晋代人，他在江南长\ufe00大。")
    bare = _run(*args, "葛洪是晋代人，他在江南长大。")
    assert marked.exit_code == 0 and marked.output == bare.output
    assert "zhǎng" in marked.output.lower() and "\U000e0100" not in marked.output


def test_json_gives_a_variation_selector_its_own_entry_without_a_reading() -> None:
    data = json.loads(_run("--json", "长\ufe00大").output)
    assert [(d["char"], d["pinyin"]) for d in data] == [
        ("长", "zhǎng"),
        ("\ufe00", None),
        ("大", "dà"),
    ]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("葛洪是东晋人。", "Gě Hóng shì dōngjìn rén.\n"),
        ("张三是谁？", "Zhāng Sān shì shuí?\n"),
    ],
)
def test_a_name_jieba_found_with_the_verb_after_it_stands_apart(text: str, written: str) -> None:
    """jieba's HMM tags 葛洪是 a name: the name is the first two characters, 是 a word."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("据统计，按规定办理。", "Jù tǒngjì, àn guīdìng bànlǐ.\n"),
        (
            "九月初九是重阳节，腊月初八是腊八节。",
            "Jiǔyuè chūjiǔ shì Chóngyángjié, làyuè chūbā shì Làbājié.\n",
        ),
        ("我们过春节，也过圣诞节。", "Wǒmen guò Chūnjié, yě guò Shèngdànjié.\n"),
        ("国际劳动节放假。", "Guójì Láodòngjié fàngjià.\n"),
        ("元宵节吃元宵。", "Yuánxiāojié chī yuánxiāo.\n"),
        ("他在这里住了二十多年。", "Tā zài zhèlǐ zhùle èrshí duō nián.\n"),
        (
            "一百多万元，三百多名学生，十多年。",
            "Yìbǎi duō wàn yuán, sānbǎi duō míng xuésheng, shí duō nián.\n",
        ),
        ("他一个多月没来，两年多了。", "Tā yí gè duō yuè méi lái, liǎng nián duō le.\n"),
        ("我们多年没见。", "Wǒmen duōnián méi jiàn.\n"),
        ("中国是一个多民族的国家。", "Zhōngguó shì yí gè duōmínzú de guójiā.\n"),
        ("这是一个多好的机会。", "Zhè shì yí gè duō hǎo de jīhuì.\n"),
        ("时间太久，我都记不得了。", "Shíjiān tài jiǔ, wǒ dōu jìbude le.\n"),
        ("大家高兴得不得了。", "Dàjiā gāoxìng de bùdéliǎo.\n"),
        ("他躺在床上动不得。", "Tā tǎng zài chuángshàng dòngbude.\n"),
        ("学生不得携带手机。", "Xuésheng bùdé xiédài shǒujī.\n"),
        ("我们这周一同出发。", "Wǒmen zhè zhōu yìtóng chūfā.\n"),
        ("下周一同学们返校。", "Xià zhōuyī tóngxuémen fǎnxiào.\n"),
    ],
)
def test_prepositions_dates_festivals_and_rough_numbers(text: str, written: str) -> None:
    """§6.1: a preposition stands apart (据 / 统计), a month apart from the day 初九 (jieba's
    九月初 / 九), 多 of a rough number apart from the number and the measure word (yìbǎi duō gè),
    and 多 "multi-" joined to its noun (yí gè duōmínzú, jieba's 一个多 / 民族);
    §6.3.1: festivals are proper nouns, one word of three syllables (Chóngyángjié, as 现代汉语词典
    7th edition writes Chūnjié), a longer one cut into its words; 元宵 the food is no festival;
    记不得了 (jieba's 记 / 不得了, read bu de le) is the verb's word and the particle, and 动不得
    (jieba's 动 / 不得, read ·bu·de) one word; 不得 bùdé "must not" stands apart; 一同 "together"
    is one word where jieba cut 这周一 / 同 (zhè zhōu yìtóng), Monday stays (下周一 / 同学们)."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("我要去上学。", "Wǒ yào qù shàngxué.\n"),
        ("你别走。", "Nǐ bié zǒu.\n"),
        ("他养了一只小狗。", "Tā yǎngle yì zhī xiǎogǒu.\n"),
        ("你们好！您好！", "Nǐmen hǎo! Nín hǎo!\n"),
        ("这是我的家。", "Zhè shì wǒ de jiā.\n"),
        # words of a pronoun stay words
        ("我们和他们都爱我国。", "Wǒmen hé tāmen dōu ài wǒguó.\n"),
        ("他人的事。", "Tārén de shì.\n"),
        ("不能损害他人。", "Bùnéng sǔnhài tārén.\n"),
    ],
)
def test_a_pronoun_stands_apart_from_its_verb(text: str, written: str) -> None:
    """§6.1: jieba joins a pronoun to the verb after it (我要, 你别, 他考: its HMM); the pronoun
    is a word of its own (wǒ yào), and so is 你好's 好 (nǐ hǎo). Words of the dictionary made
    with a pronoun (我们, 我国, 他人) stay whole."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("这件事很重要。", "Zhè jiàn shì hěn zhòngyào.\n"),
        (
            "那次旅行很开心，哪张桌子是你的？",
            "Nà cì lǚxíng hěn kāixīn, nǎ zhāng zhuōzi shì nǐ de?\n",
        ),
        ("这本书是谁的？", "Zhè běn shū shì shuí de?\n"),
        ("这道题太难了。", "Zhè dào tí tài nán le.\n"),
        ("那时我还小，这时候门开了。", "Nà shí wǒ hái xiǎo, zhè shíhou ménkāi le.\n"),
        ("这么晚了。", "Zhème wǎn le.\n"),
        # the words of 这, 那, 哪 stay words
        (
            "这些、这个、这么、这样、这里、这边、这会儿都是词。",
            "Zhèxiē, zhège, zhème, zhèyàng, zhèlǐ, zhèbian, zhèhuì'er dōu shì cí.\n",
        ),
        ("那些人在那里，哪个是你的？", "Nàxiē rén zài nàlǐ, nǎge shì nǐ de?\n"),
        ("哪怕下雨，我也要去。", "Nǎpà xiàyǔ, wǒ yě yào qù.\n"),
        ("这道理很简单。", "Zhè dàolǐ hěn jiǎndān.\n"),
    ],
)
def test_a_demonstrative_stands_apart_from_its_measure_word_or_noun(
    text: str, written: str
) -> None:
    """§6.1: 这, 那, 哪 stand apart from the measure word or noun after them (zhè jiàn shì, nà
    cì, nǎ zhāng), which jieba joins (这件, 那次, 哪张, 这道题); a measure word and its noun that
    jieba holds as one word after them are apart too (这 / 本书: zhè běn shū), not a word of
    the dictionary (这 / 道理). 这些, 这个, 这么, 这样, 这里, 这边, 这会儿 (and 那, 哪) are
    words, and so is 哪怕."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("他在这里住了很多年。", "Tā zài zhèlǐ zhùle hěn duō nián.\n"),
        ("今天来了很多人，他跑得很快。", "Jīntiān láile hěn duō rén, tā pǎo de hěn kuài.\n"),
        ("这个西瓜太大了，外面太冷了。", "Zhège xīguā tài dà le, wàimiàn tài lěng le.\n"),
        ("很久以前，这份工作挺累的。", "Hěn jiǔ yǐqián, zhè fèn gōngzuò tǐng lèi de.\n"),
        ("他的字写得挺好看，这里真美。", "Tā de zì xiě de tǐng hǎokàn, zhèlǐ zhēn měi.\n"),
        # words of the dictionary that start with the adverb stay words
        ("太阳出来了，他太太是老师。", "Tàiyáng chūlái le, tā tàitai shì lǎoshī.\n"),
        ("他更加努力，真正的朋友。", "Tā gèngjiā nǔlì, zhēnzhèng de péngyou.\n"),
        ("我们多年没见。", "Wǒmen duōnián méi jiàn.\n"),
        # 没 before a word of two characters (méi guānxi, 现代汉语词典); 没有 is a word
        (
            "我没想到你会来，这本书没意思。",
            "Wǒ méi xiǎngdào nǐ huì lái, zhè běn shū méi yìsi.\n",
        ),
        ("他没有来，没办法。", "Tā méiyǒu lái, méi bànfǎ.\n"),
        # a modal verb, and 没, apart from a verb of one character (tā huì lái, méi lái)
        ("他会来吗？明天能来吗？", "Tā huì lái ma? Míngtiān néng lái ma?\n"),
        ("他没来上课，房租该交了。", "Tā méi lái shàngkè, fángzū gāi jiāo le.\n"),
        ("我会见他，这个要求不高。", "Wǒ huìjiàn tā, zhège yāoqiú bù gāo.\n"),
    ],
)
def test_a_degree_adverb_stands_apart_from_its_adjective(text: str, written: str) -> None:
    """很, 太, 挺, 更, 真 before an adjective are adverbs of their own (hěn duō nián, not jieba's
    很多年 hěn duōnián; tài dà, tǐng lèi); 太阳, 太太, 更加, 真正 are words. So is 没 before
    a word of two characters (méi xiǎngdào, as 现代汉语词典 writes méi guānxi, méi yìsi)."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("他们看电视。", "Tāmen kàn diànshì.\n"),
        ("我们喝粥吧。他喜欢喝茶。", "Wǒmen hē zhōu ba. Tā xǐhuan hē chá.\n"),
        ("他每天早上喝牛奶。", "Tā měitiān zǎoshang hē niúnǎi.\n"),
        ("请你喝杯茶。", "Qǐng nǐ hē bēi chá.\n"),
        ("奶奶给我讲故事，我们打电话。", "Nǎinai gěi wǒ jiǎng gùshi, wǒmen dǎ diànhuà.\n"),
        ("他去量血糖，请医生测血压。", "Tā qù liáng xuètáng, qǐng yīshēng cè xuèyā.\n"),
        # a compound of a verb and its object is a word (睡觉, 吃饭, 洗澡: 现代汉语词典)
        ("我们吃饭吧。他已经睡觉了。", "Wǒmen chīfàn ba. Tā yǐjīng shuìjiào le.\n"),
        ("小明在洗澡，姐姐在读书。", "Xiǎomíng zài xǐzǎo, jiějie zài dúshū.\n"),
        # nouns made of a verb and a noun stay words
        ("电视机和吹风机坏了。", "Diànshìjī hé chuīfēngjī huài le.\n"),
        ("他坐出租车，买了打火机。", "Tā zuò chūzūchē, mǎile dǎhuǒjī.\n"),
        ("一闪一闪亮晶晶。", "Yìshǎn yìshǎn liàngjīngjīng.\n"),
        ("他喝彩。", "Tā hècǎi.\n"),
        # an object jieba's dictionary tags a verb (GB/T's own kāi wánxiào)
        (
            "别开玩笑了，这部电影很受欢迎。",
            "Bié kāi wánxiào le, zhè bù diànyǐng hěn shòu huānyíng.\n",
        ),
        ("他半夜发高烧，把鸡蛋倒回去。", "Tā bànyè fā gāoshāo, bǎ jīdàn dào huíqù.\n"),
        # a potential complement, a verb said twice, two verbs sharing their end: words
        ("我舍不得，他受不了。", "Wǒ shěbude, tā shòubuliǎo.\n"),
        ("今年要新建和改扩建幼儿园。", "Jīnnián yào xīnjiàn hé gǎikuòjiàn yòu'éryuán.\n"),
    ],
)
def test_a_verb_stands_apart_from_its_object(text: str, written: str) -> None:
    """§6.1: a verb and its object are written apart (kàn diànshì, cè xuèyā; GB/T's own
    example: kàn xìn, chī yú), where jieba holds the phrase as one word: a verb of one
    character before a noun of the dictionary, unless the verb and the noun's first character
    are a word themselves (出租 / 车, 吹风 / 机, 打火 / 机: nouns); and 喝 before a drink (hē
    zhōu). A verb and object of two characters are otherwise kept (chīfàn, shuìjiào, xǐzǎo,
    dúshū: 现代汉语词典's words)."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("我们唱一首歌吧。", "Wǒmen chàng yì shǒu gē ba.\n"),
        ("一块钱等于十个角。", "Yí kuài qián děngyú shí gè jiǎo.\n"),
        (
            "我们去看电影吧，一起去公园玩吧。",
            "Wǒmen qù kàn diànyǐng ba, yìqǐ qù gōngyuán wán ba.\n",
        ),
        # words of a number stay words
        ("父母可以一次性办理，一口气读完。", "Fùmǔ kěyǐ yícìxìng bànlǐ, yìkǒuqì dúwán.\n"),
        ("我们去酒吧，他在网吧上网。", "Wǒmen qù jiǔbā, tā zài wǎngbā shàngwǎng.\n"),
        # the measure words of grains, flowers, trees and lines, in the one list
        ("一次一粒，一共有十二颗。", "Yí cì yí lì, yígòng yǒu shí'èr kē.\n"),
        ("天边挂起了一道彩虹，有十道题。", "Tiānbiān guàqǐle yí dào cǎihóng, yǒu shí dào tí.\n"),
        # 一道 "together" before a verb is a word
        ("他和我一道回家。", "Tā hé wǒ yídào huíjiā.\n"),
    ],
)
def test_a_number_measure_word_noun_and_the_particle_ba_stand_apart(
    text: str, written: str
) -> None:
    """§6.1: jieba's 一首歌 is a number, its measure word and a noun (yì shǒu gē); its 电影吧
    and 玩吧 end in the particle 吧 read ba, a word of its own (酒吧 and 网吧, read bā, are
    words). 一次性 and 一口气 are words."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("孩子们在操场上踢足球。", "Háizimen zài cāochǎng shàng tī zúqiú.\n"),
        (
            "他在屋檐下躲雨，书架上摆满了书。",
            "Tā zài wūyán xià duǒyǔ, shūjià shàng bǎimǎnle shū.\n",
        ),
        # words of a localiser stay words
        ("实际上，他一路上都在生气。", "Shíjìshàng, tā yílùshàng dōu zài shēngqì.\n"),
        ("晚上，天上有星星。", "Wǎnshang, tiānshàng yǒu xīngxing.\n"),
    ],
)
def test_a_noun_stands_apart_from_its_localiser(text: str, written: str) -> None:
    """§6.1: a noun and the localiser after it are written apart (cāochǎng shàng, GB/T's shān
    shàng, shù xià), where jieba's dictionary holds the phrase as a word it has hardly seen
    (操场上, 屋檐下); words it has seen often stay (shíjìshàng, yílùshàng, wǎnshang)."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("他着急地问我。", "Tā zháojí de wèn wǒ.\n"),
        ("放学时请在指定地点接孩子。", "Fàngxué shí qǐng zài zhǐdìng dìdiǎn jiē háizi.\n"),
        ("图书馆的书要按时还回去。", "Túshūguǎn de shū yào ànshí huán huíqù.\n"),
        ("风车在风中不停地转动。", "Fēngchē zài fēng zhōng bùtíng de zhuàndòng.\n"),
        ("据镇志记载，他长得很高。", "Jù zhènzhì jìzǎi, tā zhǎng de hěn gāo.\n"),
        ("主队以三比一获胜。", "Zhǔduì yǐ sān bǐ yī huòshèng.\n"),
        ("这块地种了很多白菜。", "Zhè kuài dì zhòngle hěn duō báicài.\n"),  # 地种 / 了
        ("多肉植物不喜欢太多水。", "Duōròu zhíwù bù xǐhuan tài duō shuǐ.\n"),
        # a subject and its predicate are a phrase (油 / 热); a verb and its result a word
        ("油热后放入葱花，山顶风大。", "Yóu rè hòu fàngrù cōnghuā, shāndǐng fēng dà.\n"),
        ("这条河长约五十公里。", "Zhè tiáo hé cháng yuē wǔshí gōnglǐ.\n"),
        ("炸好的丸子捞出来沥干。", "Zháhǎo de wánzi lāo chūlái lìgān.\n"),
        # words its HMM found stay words
        ("乘客可以扫码乘车，保持安全车距。", "Chéngkè kěyǐ sǎomǎ chéngchē, bǎochí ānquán chējù.\n"),
    ],
)
def test_a_function_word_the_segmenter_joined_to_a_word_stands_apart(
    text: str, written: str
) -> None:
    """Words jieba's HMM found outside its dictionary that join a function word to a word are
    written in their words: the particle 地 before its verb (de wèn, §6.1 auxiliaries), a
    localiser (shí qǐng, fēng zhōng), a preposition (jù zhènzhì, yǐ sān bǐ), a modal verb (shū
    yào), an adverb (tài duō shuǐ); a verb it joined to a word takes its aspect particle
    (dì zhòngle). The words it finds (扫码, 车距) stay whole."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("风平浪静，层出不穷。", "Fēngpíng-làngjìng, céngchū-bùqióng.\n"),
        ("他们齐心协力，来龙去脉。", "Tāmen qíxīn-xiélì, láilóng-qùmài.\n"),
        (
            "做到应有尽有、应保尽保、应收尽收。",
            "Zuòdào yīngyǒu-jìnyǒu, yīngbǎo-jìnbǎo, yīngshōu-jìnshōu.\n",
        ),
        # §6.1.10.2: not read as two halves, written together
        ("不亦乐乎，总而言之，爱莫能助。", "Búyìlèhū, zǒng'éryánzhī, àimònéngzhù.\n"),
        # phrases jieba's dictionary tags idioms are written in their words
        ("遇到困难不要怕，减少空气污染。", "Yùdào kùnnán búyào pà, jiǎnshǎo kōngqì wūrǎn.\n"),
        ("请大家积极参与。", "Qǐng dàjiā jījí cānyù.\n"),
        # §5.4: AABB takes a hyphen, but two kinship terms said twice are two words
        ("我和爸爸妈妈，世世代代。", "Wǒ hé bàba māma, shìshì-dàidài.\n"),
    ],
)
def test_an_idiom_of_two_halves_takes_a_hyphen(text: str, written: str) -> None:
    """§6.1.10.1: an idiom of four characters read as two halves of two takes a hyphen between
    them (GB/T's fēngpíng-làngjìng, céngchū-bùqióng), and so does a set phrase such as 应保尽保
    that jieba's HMM cuts in two; §6.1.10.2: one that is not read so is written together
    (bùyìlèhū). The phrases jieba's dictionary holds as idioms, seen three or four times, are
    not idioms."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("这是一本好书，他买了新车。", "Zhè shì yì běn hǎo shū, tā mǎile xīn chē.\n"),
        ("他穿着一双新鞋。", "Tā chuānzhe yì shuāng xīn xié.\n"),
        # words: seen often by jieba's dictionary, or held by 现代汉语词典
        ("他是好人，好事多。", "Tā shì hǎorén, hǎoshì duō.\n"),
        ("我是新手，他很好客。", "Wǒ shì xīnshǒu, tā hěn hàokè.\n"),
    ],
)
def test_an_adjective_stands_apart_from_its_noun(text: str, written: str) -> None:
    """§6.1: 好, 坏, 新, 旧 and a noun of one character are a phrase (hǎo shū, xīn chē) unless
    they are a word: one jieba's dictionary has seen a hundred times or more (好人, 好事) or
    a word of 现代汉语词典 (新手); 好 read hào is a verb (hàokè)."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("举头望明月，低头思故乡。", "Jǔtóu wàng míngyuè, dītóu sī gùxiāng.\n"),
        ("床前明月光，疑是地上霜。", "Chuáng qián míngyuè guāng, yíshì dìshàng shuāng.\n"),
        ("他又低下头。", "Tā yòu dīxià tóu.\n"),
        ("孩子们跑到院子里堆雪人。", "Háizimen pǎo dào yuànzi lǐ duī xuěrén.\n"),
        ("不用再排长队。", "Búyòng zài pái chángduì.\n"),
        # words it has seen often, and rare words that are terms or names, stay words
        (
            "图书馆里有计算机，楼顶装了太阳能。",
            "Túshūguǎn lǐ yǒu jìsuànjī, lóudǐng zhuāngle tàiyángnéng.\n",
        ),
        ("他不得不走，两个人差不多高。", "Tā bùdébù zǒu, liǎng gè rén chàbuduō gāo.\n"),
        ("老人坐在门口晒太阳，用吹风机。", "Lǎorén zuòzài ménkǒu shàitàiyáng, yòng chuīfēngjī.\n"),
        (
            "输出量很大，复习题很多，这是改进版。",
            "Shūchūliàng hěn dà, fùxítí hěn duō, zhè shì gǎijìnbǎn.\n",
        ),
    ],
)
def test_a_rare_phrase_of_the_dictionary_is_written_in_its_words(text: str, written: str) -> None:
    """§6.1: jieba's dictionary holds phrases from novels and poems as words it has seen four
    times or so (望明月, which it tags a name; 低下头, 堆雪人, 排长队, 明月光): a verb and its
    object, written apart when it has seen each part ten times as often (wàng míngyuè, dīxià
    tóu), or a phrase of data/rules.txt's `@phrase` (míngyuè guāng, pái chángduì). Words it
    has seen often (图书馆, 太阳能, 晒太阳), and rare terms whose first two characters are a
    word or that end in a suffix (复习题, 输出量, 改进版), stay words."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("请乘客们排队，老师们好。", "Qǐng chéngkèmen páiduì, lǎoshīmen hǎo.\n"),
        ("她轻轻地推开门，水清清的。", "Tā qīngqīng de tuīkāi mén, shuǐ qīngqīng de.\n"),
        (
            "天鹅在悠闲地游，一座高高的城堡。",
            "Tiān'é zài yōuxián de yóu, yí zuò gāogāo de chéngbǎo.\n",
        ),
        # 们 of a pronoun is part of its word already; 目的地 reads dì
        ("我们到了目的地。", "Wǒmen dàole mùdìdì.\n"),
    ],
)
def test_suffixes_join_their_word_and_particles_stand_apart(text: str, written: str) -> None:
    """§6.1: the suffix 们 is part of its noun (chéngkèmen, jieba's 乘客 / 们), and the particles
    的, 地 stand apart from a word of two syllables or more that jieba's dictionary holds with
    them (qīngqīng de, yōuxián de); 高高的 is no name, though jieba's HMM tags it one."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("先把作业写完，关好水龙头。", "Xiān bǎ zuòyè xiěwán, guānhǎo shuǐlóngtóu.\n"),
        ("他拿起电话，挂起了灯笼。", "Tā náqǐ diànhuà, guàqǐle dēnglong.\n"),
        # a verb of two syllables, a light or modal verb, 到 and 在 stand apart
        (
            "请保管好物品，他跑到门口。",
            "Qǐng bǎoguǎn hǎo wùpǐn, tā pǎo dào ménkǒu.\n",
        ),
    ],
)
def test_a_verb_and_its_result_of_one_syllable_are_one_word(text: str, written: str) -> None:
    """§6.1: a verb and its complement, both of one syllable, are written together (xiěwán,
    guānhǎo, náqǐ), where jieba cuts them apart; a verb of two syllables and its complement are
    apart (bǎoguǎn hǎo)."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("晚上十点闭馆，下午三点开会。", "Wǎnshang shí diǎn bìguǎn, xiàwǔ sān diǎn kāihuì.\n"),
        ("零下五度，一米七左右。", "Língxià wǔ dù, yì mǐ qī zuǒyòu.\n"),
        ("坐三路公交车，经过一个月。", "Zuò sān lù gōngjiāochē, jīngguò yí gè yuè.\n"),
        ("一群大雁，一轮明月。", "Yì qún dàyàn, yì lún míngyuè.\n"),
        ("活动于12月4日前后举行。", "Huódòng yú 12 yuè 4 rì qiánhòu jǔxíng.\n"),
        # words of a number stay words
        (
            "有一点累，一路顺风，一个个小灯笼。",
            "Yǒu yìdiǎn lèi, yílù shùnfēng, yígègè xiǎo dēnglong.\n",
        ),
        ("三天前，日前发布。", "Sān tiān qián, rìqián fābù.\n"),
    ],
)
def test_more_measure_words_stand_apart_from_their_number(text: str, written: str) -> None:
    """§6.1: a numeral stands apart from its measure word: 点 "o'clock", 米, 路 "route", 度,
    群, 轮 (shí diǎn, yì mǐ qī, sān lù, wǔ dù, yì qún), and 个 and 月 of 一个月 (yí gè yuè); a
    date and 前后 "around" it (4 rì qiánhòu, jieba's 4 日前 / 后). 一点 "a little", 一路 "all
    the way" and 一个个 are words."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("哥哥考上了北京大学。", "Gēge kǎoshàngle Běijīng Dàxué.\n"),
        (
            "我家门前很热闹，外婆家在村口，邻居家的狗。",
            "Wǒ jiā ménqián hěn rènao, wàipó jiā zài cūnkǒu, línjū jiā de gǒu.\n",
        ),
        # disciplines jieba tags nt, and 家 of a profession, are no names and words
        ("他学天文学，是科学家和作家。", "Tā xué tiānwénxué, shì kēxuéjiā hé zuòjiā.\n"),
    ],
)
def test_schools_are_proper_nouns_and_a_home_stands_apart(text: str, written: str) -> None:
    """§6.3: a school's name is capitalised word by word (Běijīng Dàxué); 家 "home" stands
    apart from the pronoun or the person whose home it is (wǒ jiā, wàipó jiā), where 家 of a
    profession makes a word (kēxuéjiā)."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("老张退休了，小王和老李来了。", "Lǎo Zhāng tuìxiū le, Xiǎo Wáng hé Lǎo Lǐ lái le.\n"),
        ("老周家的菜园很大。", "Lǎo Zhōu jiā de càiyuán hěn dà.\n"),
        # common words of 老 and 小 with a surname's character stay words
        (
            "老师沿着小路走，小马过河，五小于六。",
            "Lǎoshī yánzhe xiǎolù zǒu, xiǎomǎ guòhé, wǔ xiǎoyú liù.\n",
        ),
    ],
)
def test_lao_and_xiao_stand_apart_from_a_surname(text: str, written: str) -> None:
    """§6.2: 老, 小 and the surname of a familiar form of address are written apart, each
    capitalised (Lǎo Zhāng, Xiǎo Wáng), whether jieba makes them one word or two; 老师, 小路,
    小马 and 小于 are words (data/rules.txt's `@familiar` leaves their surnames out)."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        (
            "上周五我们去了博物馆，下周一开学。",
            "Shàng zhōuwǔ wǒmen qùle bówùguǎn, xià zhōuyī kāixué.\n",
        ),
        ("这本词典很厚，市民可拨打热线。", "Zhè běn cídiǎn hěn hòu, shìmín kě bōdǎ rèxiàn.\n"),
        ("新开通的公交，他们新修了路。", "Xīn kāitōng de gōngjiāo, tāmen xīn xiūle lù.\n"),
        # words it has seen often stay words
        (
            "新建的体育馆可以容纳五千人，这本书。",
            "Xīnjiàn de tǐyùguǎn kěyǐ róngnà wǔqiān rén, zhè běn shū.\n",
        ),
    ],
)
def test_a_weekday_a_measure_word_and_a_verb_after_a_modal_or_xin_stand_apart(
    text: str, written: str
) -> None:
    """§6.1: 上, 下, 本 before a weekday (shàng zhōuwǔ, jieba's 上周五), a measure word and its
    noun after 这 where jieba's dictionary holds the two as a word it has hardly seen (zhè běn
    cídiǎn), and a modal verb or 新 "newly" before a verb jieba joined to it (kě bōdǎ, xīn
    kāitōng, xīn xiūle); 新建, 可以 are words it has seen often."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("一共放假八天，他读六年级。", "Yígòng fàngjià bā tiān, tā dú liù niánjí.\n"),
        ("比上个月多，博物馆每周一闭馆。", "Bǐ shàng gè yuè duō, bówùguǎn měi zhōuyī bìguǎn.\n"),
        ("一阵风吹来，我市下雨了。", "Yí zhèn fēng chuī lái, wǒ shì xiàyǔ le.\n"),
        # months and 我国 are words; 每周一次 is "once a week"
        ("九月开学，我国每周一次。", "Jiǔyuè kāixué, wǒguó měizhōu yí cì.\n"),
    ],
)
def test_days_grades_and_weekdays_stand_apart_from_their_number(text: str, written: str) -> None:
    """§6.1: a numeral apart from 天 and 年级 where jieba tags the two a time or an attribute
    (bā tiān, liù niánjí), 上 / 个 / 月, 每 / 周一 (jieba's 每周 / 一), 一 / 阵; a pronoun apart
    from the place that is its own (wǒ shì, as wǒ jiā); a month (jiǔyuè) and 我国 are words."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("这条河的两岸，太阳落山了。", "Zhè tiáo hé de liǎng'àn, tàiyáng luòshān le.\n"),
        ("外面下着大雨，本子上写满了字。", "Wàimiàn xiàzhe dàyǔ, běnzi shàng xiěmǎnle zì.\n"),
        # places stay capitalised
        ("长江和黄河，泰山很高。", "Chángjiāng hé Huánghé, Tàishān hěn gāo.\n"),
    ],
)
def test_a_common_word_jieba_tags_a_place_is_not_capitalised(text: str, written: str) -> None:
    """§6.3: jieba tags 河 alone and the verb 落山 places (a word of one character proves no
    name; 落山 is listed in data/rules.txt's `@notplace`); a word before the aspect particle 着
    is a verb it joins (xiàzhe, where jieba tags 下 a localiser)."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("小赵是大学同学，本周四起禁行。", "Xiǎo Zhào shì dàxué tóngxué, běn zhōusì qǐ jìnxíng.\n"),
        (
            "新建五所医院，第一班列车，只需要十分钟。",
            "Xīnjiàn wǔ suǒ yīyuàn, dì-yī bān lièchē, zhǐ xūyào shí fēnzhōng.\n",
        ),
        (
            "这场音乐会很好，沿海地区有台风。",
            "Zhè chǎng yīnyuèhuì hěn hǎo, yánhǎi dìqū yǒu táifēng.\n",
        ),
        # names of regions and organisations stay capitalised; 十分 "very" is a word
        (
            "华北地区和全国总工会，他十分高兴。",
            "Huáběi Dìqū hé Quánguó Zǒnggōnghuì, tā shífēn gāoxìng.\n",
        ),
        ("新疆维吾尔自治区，西藏自治区。", "Xīnjiāng Wéiwú'ěr Zìzhìqū, Xīzàng Zìzhìqū.\n"),
    ],
)
def test_familiar_names_weekdays_numbers_and_common_nouns_tagged_as_names(
    text: str, written: str
) -> None:
    """§6.2: 小 and a surname jieba's HMM joined to a verb (小 / 赵是: Xiǎo Zhào shì); §6.1: a
    weekday jieba cut as 本周 / 四起 (běn zhōusì qǐ), a numeral apart from its measure word
    whatever jieba tags the two (五所, an abbreviation to it: wǔ suǒ; dì-yī bān; shí fēnzhōng);
    §6.3: gatherings and regions jieba tags as names are common nouns (`@notplace`: yīnyuèhuì,
    yánhǎi dìqū), and a generic name of two or three characters is one word (Huáběi Dìqū,
    Xīzàng Zìzhìqū, where Huáběidì Qū was written before)."""
    assert _run("--words", text).output == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        (
            "树叶一片一片地落下来，他自己爬起来。",
            "Shùyè yí piàn yí piàn de luò xiàlái, tā zìjǐ pá qǐlái.\n",
        ),
        # words jieba's dictionary has seen often stay words
        ("看起来很好，接下来是你。", "Kànqǐlái hěn hǎo, jiēxiàlái shì nǐ.\n"),
    ],
)
def test_a_verb_stands_apart_from_its_complement_of_direction(text: str, written: str) -> None:
    """§6.1: a verb and a complement of two syllables are written apart (GB/T's zǒu jìnlái: luò
    xiàlái, pá qǐlái), where jieba's dictionary holds the phrase but has hardly seen it;
    看起来 and 接下来 are words."""
    assert _run("--words", text).output == written

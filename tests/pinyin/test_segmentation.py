from publish.pinyin import segmentation


def test_cut_finds_words_the_dictionary_does_not_have() -> None:
    assert segmentation.cut("绿园区总工会常务副主席吕亚舟表示") == [
        *("绿园区", "总工会", "常务副", "主席", "吕亚舟", "表示")
    ]


def test_dictionary_tags_are_the_dictionary_words_parts_of_speech() -> None:
    assert segmentation.dictionary_tags("为职工服务") == (
        ("为", "p"),
        ("职工", "n"),
        ("服务", "vn"),
    )
    # Without the HMM an unknown name stays in pieces: only dictionary words are tagged.
    assert [word for word, _ in segmentation.dictionary_tags("吕亚舟表示")] == [
        *("吕", "亚", "舟", "表示")
    ]


def test_tags_mark_personal_names() -> None:
    assert dict(segmentation.tags("吕亚舟表示"))["吕亚舟"] == "nr"
    assert dict(segmentation.tags("我们请来了仇晓明老师"))["仇晓明"] == "nr"


def test_ideographic_descriptions_are_found_whole() -> None:
    assert segmentation.ideographic_descriptions("⿰氵每和海") == [(0, 3)]
    assert segmentation.ideographic_descriptions("甲⿱⿰木木火乙") == [(1, 6)]  # nested
    assert segmentation.ideographic_descriptions("⿲彳亍亍") == [(0, 4)]  # three parts
    assert segmentation.ideographic_descriptions("⿰氵") == []  # incomplete: not a description
    assert segmentation.ideographic_descriptions("没有描述。") == []

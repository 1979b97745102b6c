"""The batched polyphone model gives g2pM's own predictions."""

from __future__ import annotations

from g2pM import G2pM

from publish.pinyin.polyphone_network import PolyphoneModel

SENTENCES = [
    "他了解了情况以后就走了。",
    "这个行业发展很快，银行在路口。",
    "这条河很长，他长大了。",
    "我们还要继续努力。",
]


def test_batched_predictions_match_g2pm_one_by_one() -> None:
    reference = G2pM()  # a runtime dependency: the weights are its
    model = PolyphoneModel.shared()
    targets = [[i for i, c in enumerate(s) if model.knows(c)] for s in SENTENCES]
    predictions = model.predict(SENTENCES, targets)
    for sentence, wanted, found in zip(SENTENCES, targets, predictions, strict=True):
        expected = reference(sentence, char_split=True, tone=True)
        for i, prediction in zip(wanted, found, strict=True):
            assert prediction.reading == expected[i].replace("u:", "v")
            assert 0 < prediction.confidence <= 1


def test_only_polyphones_are_its_business() -> None:
    model = PolyphoneModel.shared()
    assert model.knows("行") and set(model.readings_of("行")) >= {"xing2", "hang2"}
    assert not model.knows("我")
    assert model.readings_of("我") == ()

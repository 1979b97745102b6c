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


def test_a_sentence_gets_the_same_numbers_alone_and_in_any_batch() -> None:
    """Bit for bit, across the blocks of the products (a batch over 32 sentences, over 256
    targets): a prediction is its sentence's own, not its batch's."""
    model = PolyphoneModel.shared()
    lone = ["银行今天不营业。", "这位老人很擅长书法。", "他着急地问我。"]
    filler = [f"{'行长还要重新调查' * (1 + n % 7)}，大家都觉得了不起。" for n in range(80)]
    sentences = [*filler[:40], *lone, *filler[40:]]
    targets = [[i for i, c in enumerate(s) if model.knows(c)] for s in sentences]
    assert sum(map(len, targets)) > 256
    together = model.predict(sentences, targets)
    for sentence, wanted, found in zip(sentences, targets, together, strict=True):
        if sentence in lone or sentence == filler[-1]:
            (alone,) = model.predict([sentence], [wanted])
            assert [(p.reading, p.confidence) for p in alone] == [
                (p.reading, p.confidence) for p in found
            ]

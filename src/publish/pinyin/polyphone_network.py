"""The polyphone model: g2pM's bi-LSTM, run in batches on numpy.

The engine (engine.py) asks this model which reading a polyphonic character has in its sentence.
The weights are those of the `g2pM` package (Park and Lee, Interspeech 2020; Apache-2.0), which
ships them inside the wheel: nothing is downloaded. g2pM's own code runs one sentence at a time
in float64 (about 30,000 characters per second); this module runs the same network on a batch of
sentences in float32, with the input projection folded into the embedding table, which gives
the same predictions at about twenty times the speed.

Loading takes a fraction of a second and happens on first use (`PolyphoneModel.shared()`).
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

_UNKNOWN, _BEGIN, _END = "<UNK>", "시", "끝"  # g2pM's own special tokens (sic)
_BATCH = 128
"""Sentences per batch: large enough to amortise numpy's per-call cost, small enough to keep
padding waste low once sentences are sorted by length."""
_PRODUCT_ROWS = 32
"""Rows of every recurrent product (a batch's hidden states in blocks, the last padded)."""
_TARGET_ROWS = 256
"""Rows of every product of the dense layers (the targets in blocks, the last padded).

A sentence's numbers must not depend on the sentences batched with it (an article's readings
would change when another is edited), so every matrix product has one shape whatever the
batch holds. BLAS picks the summation order by shape: numpy hands a one-row product to sgemv,
others to sgemm, and OpenBLAS picks its kernels by size. A sentence read alone with one
polyphone was a one-row product in the dense layers, and its confidence differed from the
batch's in the last bits (1e-6 on 38 of the everyday set's sentences): enough, at a near tie
or at `decision.TRUST_COVER`, to change a reading. The elementwise steps round each element
alike whatever the shape, and run on the batch's own rows only."""


@dataclass(frozen=True, slots=True)
class Prediction:
    """The model's reading of one character, with its probability among the character's readings."""

    reading: str
    """Engine spelling (`zhong4`)."""
    confidence: float
    """Softmax probability of `reading` among the character's own readings, 0 to 1."""
    weighing: _Weighing | None = None
    """The batch's probabilities, read only when another reading's is asked for."""
    row: int = 0
    """This character's row in `weighing`."""

    def probability(self, reading: str) -> float | None:
        """The model's probability for `reading` (None: not one it chooses among)."""
        if reading == self.reading:
            return self.confidence
        if self.weighing is None:
            return None
        return self.weighing.probability(self.row, reading)


class _Weighing:
    """The probabilities of a batch's characters over their candidate readings (kept as
    arrays: turning them all into Python objects cost as much as the model's arithmetic)."""

    __slots__ = ("choices", "names", "probabilities")

    def __init__(self, choices: np.ndarray, probabilities: np.ndarray, names: list[str]) -> None:
        self.choices = choices
        self.probabilities = probabilities
        self.names = names

    def probability(self, row: int, reading: str) -> float | None:
        for choice, probability in zip(
            self.choices[row].tolist(), self.probabilities[row].tolist(), strict=True
        ):
            if choice >= 0 and self.names[choice] == reading:
                return float(probability)
        return None


class PolyphoneModel:
    """g2pM's network: embedding 64, one bi-LSTM layer of 2 x 32, two dense layers, 876 classes."""

    def __init__(
        self,
        weights: dict[str, Any],
        chars: dict[str, int],
        classes: dict[str, int],
        readings: dict[str, list[str]],
    ) -> None:
        self._unknown, self._begin, self._end = (chars[_UNKNOWN], chars[_BEGIN], chars[_END])
        # Code point -> input id as one array, so a sentence is encoded by one numpy gather.
        self._ids = np.full(max(ord(c) for c in chars if len(c) == 1) + 2, self._unknown, np.int32)
        for char, index in chars.items():
            if len(char) == 1:
                self._ids[ord(char)] = index
        embedding = weights["embedding.weight"].astype(np.float32)

        def projection(suffix: str) -> np.ndarray:
            # x @ W_ih + b_ih + b_hh for every character at once: a step is then a table lookup.
            w = weights[f"lstm.weight_ih_l0{suffix}"]
            bias = weights[f"lstm.bias_ih_l0{suffix}"] + weights[f"lstm.bias_hh_l0{suffix}"]
            return (embedding @ w.T + bias).astype(np.float32)

        self._forward = (projection(""), _matrix(weights["lstm.weight_hh_l0"].T))
        self._backward = (projection("_reverse"), _matrix(weights["lstm.weight_hh_l0_reverse"].T))
        self._dense = (
            _matrix(weights["logit_layer.0.weight"].T),
            _matrix(weights["logit_layer.0.bias"]),
            _matrix(weights["logit_layer.2.weight"].T),
            _matrix(weights["logit_layer.2.bias"]),
        )
        names = [""] * len(classes)
        for name, number in classes.items():
            names[number] = name.replace("u:", "v")
        self._class_names = names
        number_of = {name: number for number, name in enumerate(names)}
        # Only characters with several readings are the model's business.
        self._candidates: dict[str, tuple[str, ...]] = {}
        self._rows: dict[str, int] = {}
        columns: list[list[int]] = []
        for char, options in readings.items():
            if len(char) == 1 and len(options) > 1:
                wanted = {o.replace("u:", "v") for o in options}
                wanted_index = sorted(number_of[name] for name in wanted if name in number_of)
                if len(wanted_index) > 1:
                    self._candidates[char] = tuple(names[i] for i in wanted_index)
                    self._rows[char] = len(columns)
                    columns.append(wanted_index)
        # Each character's candidate classes as one padded table (padding: -1), so a batch of
        # targets gathers just its candidates' logits instead of softmaxing all 876 classes.
        widest = max(len(c) for c in columns)
        self._columns = np.array([c + [-1] * (widest - len(c)) for c in columns], np.intp)

    @classmethod
    @cache
    def shared(cls) -> PolyphoneModel:
        """The model, loaded once per process from the installed g2pM package."""
        package = resources.files("g2pM")

        def load(name: str) -> Any:
            # Trusted data: the pickles of an installed package, never user input.
            with (package / f"{name}.pkl").open("rb") as file:
                return pickle.load(file)

        return cls(load("np_ckpt"), load("char2idx"), load("class2idx"), load("digest_cedict"))

    def knows(self, char: str) -> bool:
        """Whether `char` is a polyphone the model decides."""
        return char in self._candidates

    def readings_of(self, char: str) -> tuple[str, ...]:
        """The readings the model chooses among for `char` (empty when it does not decide it)."""
        return self._candidates.get(char, ())

    def predict(self, sentences: list[str], targets: list[list[int]]) -> list[list[Prediction]]:
        """For each sentence, a prediction for each target index (a character the model knows)."""
        from threadpoolctl import threadpool_limits

        results: list[list[Prediction]] = [[] for _ in sentences]
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        order = [i for i in order if targets[i]]
        # The matrices are tiny (batch x 32 x 128): BLAS threads only add hand-off cost, and on a
        # busy machine they made the model twelve times slower. One thread, for this call only.
        with threadpool_limits(1, user_api="blas"):
            for start in range(0, len(order), _BATCH):
                batch = order[start : start + _BATCH]
                for index, predictions in zip(
                    batch,
                    self._predict_batch([sentences[i] for i in batch], [targets[i] for i in batch]),
                    strict=True,
                ):
                    results[index] = predictions
        return results

    def _predict_batch(
        self, sentences: list[str], targets: list[list[int]]
    ) -> list[list[Prediction]]:
        # One encoding and one gather for the whole batch, scattered into padded rows:
        # sentence by sentence, the numpy calls cost more than the LSTM on short sentences.
        sizes = np.fromiter(map(len, sentences), np.intp, len(sentences))
        codes = np.frombuffer("".join(sentences).encode("utf-32-le", "surrogatepass"), np.uint32)
        sequence = self._ids[np.minimum(codes, len(self._ids) - 1)]  # past the table: unknown
        rows = np.repeat(np.arange(len(sentences)), sizes)
        positions = np.arange(len(codes)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        every = np.arange(len(sentences))
        # Time-major (step x sentence), so each step of the LSTM reads one contiguous block.
        forward = np.zeros((int(sizes.max()) + 2, len(sentences)), np.int32)
        backward = np.zeros_like(forward)
        forward[0], forward[sizes + 1, every] = self._begin, self._end
        backward[0], backward[sizes + 1, every] = self._end, self._begin
        forward[positions + 1, rows] = sequence
        backward[sizes[rows] - positions, rows] = sequence
        ahead = _run_lstm(forward, *self._forward)
        behind = _run_lstm(backward, *self._backward)
        target_rows, columns, reversed_columns = [], [], []
        for row, (size, wanted) in enumerate(zip(sizes.tolist(), targets, strict=True)):
            for position in wanted:
                target_rows.append(row)
                columns.append(position + 1)  # after the begin token
                reversed_columns.append(size - position)
        hidden = np.concatenate(
            [ahead[columns, target_rows], behind[reversed_columns, target_rows]], axis=1
        )
        # Each target chooses among its own character's readings only, so the last layer is
        # computed for those few classes, not all 876 (that product was half of the time).
        chars = [
            sentence[p] for sentence, wanted in zip(sentences, targets, strict=True) for p in wanted
        ]
        choices = self._columns[np.fromiter((self._rows[c] for c in chars), np.intp, len(chars))]
        classes = np.maximum(choices, 0)
        scores = self._scores(hidden, classes)
        scores[choices < 0] = -np.inf
        pick = scores.argmax(axis=1)
        top = scores[np.arange(len(chars)), pick]
        weights = np.exp(scores - top[:, None])
        totals = weights.sum(axis=1)
        confidence = (1.0 / totals).tolist()
        best = choices[np.arange(len(chars)), pick].tolist()
        names = self._class_names
        weighing = _Weighing(choices, weights / totals[:, None], names)
        out: list[list[Prediction]] = []
        k = 0
        for wanted in targets:
            out.append(
                [
                    Prediction(names[best[t]], confidence[t], weighing, t)
                    for t in range(k, k + len(wanted))
                ]
            )
            k += len(wanted)
        return out

    def _scores(self, hidden: np.ndarray, classes: np.ndarray) -> np.ndarray:
        """The last layer's scores of each target (a row of `hidden`) for its `classes`, the
        targets `_TARGET_ROWS` at a time."""
        count = len(hidden)
        padded = -(-count // _TARGET_ROWS) * _TARGET_ROWS
        if padded != count:
            hidden = np.concatenate(
                [hidden, np.zeros((padded - count, hidden.shape[1]), hidden.dtype)]
            )
            classes = np.concatenate(
                [classes, np.zeros((padded - count, classes.shape[1]), classes.dtype)]
            )
        w0, b0, w1, b1 = self._dense
        scores = np.empty(classes.shape, np.float32)
        for start in range(0, padded, _TARGET_ROWS):
            block = slice(start, start + _TARGET_ROWS)
            dense = np.maximum(hidden[block] @ w0 + b0, 0)
            wanted = classes[block]
            scores[block] = np.einsum("td,dtc->tc", dense, w1[:, wanted]) + b1[wanted]
        return scores[:count]


def _matrix(array: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(array, dtype=np.float32)


def _run_lstm(ids: np.ndarray, table: np.ndarray, recurrent: np.ndarray) -> np.ndarray:
    """Hidden states of one LSTM direction for a padded, time-major batch (gates i, f, g, o),
    the recurrent product `_PRODUCT_ROWS` rows at a time (rows past the batch's stay zero)."""
    inputs = table[ids]  # time x batch x 4h
    size = recurrent.shape[0]
    steps, batch = ids.shape
    blocks = range(0, batch, _PRODUCT_ROWS)
    rows = np.zeros((len(blocks) * _PRODUCT_ROWS, size), np.float32)
    product = np.empty((len(rows), recurrent.shape[1]), np.float32)
    h = rows[:batch]
    c = np.zeros((batch, size), np.float32)
    states = np.empty((steps, batch, size), np.float32)
    for t in range(steps):
        for k in blocks:
            np.matmul(rows[k : k + _PRODUCT_ROWS], recurrent, out=product[k : k + _PRODUCT_ROWS])
        gates = inputs[t] + product[:batch]
        sig = 1.0 / (1.0 + np.exp(-gates))  # all four at once; the g slice is unused
        c = sig[:, size : 2 * size] * c + sig[:, :size] * np.tanh(gates[:, 2 * size : 3 * size])
        h[...] = sig[:, 3 * size :] * np.tanh(c)
        states[t] = h
    return states

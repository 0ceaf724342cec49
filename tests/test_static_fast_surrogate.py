"""The fast static encoder given a text the tokenizer cannot take (a lone UTF-16 surrogate):
readers and the coach refuse such text, but a caller that did not must not lose the batch."""

from __future__ import annotations

import numpy as np

from patiently.embeddings import StaticEmbedder


def test_lone_surrogate_costs_only_that_character() -> None:
    fast = StaticEmbedder()._fast
    assert fast is not None
    texts = ["My VPN drops every ten minutes.", "caf\u00e9 \ud800 still broken", "Thanks!"]
    vecs = fast.encode(texts)  # raised TypeError (TextInputSequence must be str) for the whole batch
    assert vecs.shape[0] == 3 and np.isfinite(vecs).all()
    alone = fast.encode([texts[0], texts[2]])
    assert np.array_equal(vecs[[0, 2]], alone)  # the others' vectors are untouched
    assert fast.ids(texts[1]) == fast.ids("caf\u00e9 \ufffd still broken")

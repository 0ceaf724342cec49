"""model2vec's ``StaticModel.encode``, with the same numbers in a third of the time.

A check embeds the ten sentences of a draft: model2vec tokenizes them (~17 us a sentence in
the Rust tokenizer, most of it per-call and per-token overhead) and averages each length
bucket in its own numpy calls (~25 us a bucket). Here:

- **Words are tokenized once.** The model's tokenizer is a BERT WordPiece: it lower-cases,
  splits at whitespace and at every punctuation character, and word-pieces each piece on its
  own, so a text's ids are the concatenation of its pieces' ids. For plain ASCII text that
  split is one regex, and each piece's ids are remembered (support language repeats its words
  endlessly). Any other text (accents, other scripts, control characters), or a tokenizer
  configured differently, goes through the tokenizer as before.
- **One gather and one ``reduceat``** average all sentences at once, in float32 like numpy's
  mean of float16 rows, then round to float16 and normalise as model2vec does.

The ids are the tokenizer's, exactly; the vectors are model2vec's to the last float16 digit:
numpy's mean sums a bucket of same-length sentences in an order that depends on how many
there are, so model2vec itself gives a sentence a vector that differs in the last bit
(~4e-6) with the company it is encoded in, for about one sentence in a thousand. Here each
sentence is summed in order, alone: its vector no longer depends on the batch, which the
reuse of a context's vectors across checks relies on (tests/test_static_fast.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import chain
from typing import Any

import numpy as np

from .textcheck import SURROGATE

# BERT's punctuation in ASCII is every printable character that is neither a letter, a digit
# nor a space (tokenizers' is_bert_punc: 33-47, 58-64, 91-96, 123-126).
_PIECES = re.compile(r"[a-z0-9]+|[!-/:-@\[-`{-~]")
# Printable ASCII and the whitespace the BERT normaliser turns into spaces: the only texts
# for which the split above is the tokenizer's.
_PLAIN = re.compile(r"[ -~\t\n\r]*")
WORD_CACHE_MAX = 100_000  # distinct pieces remembered (~250 bytes each: ~25 MB at most)


class FastStaticEncoder:
    """Encodes like ``StaticModel.encode(..., normalize=...)`` for a WordPiece model without
    token weights or mapping; built by :meth:`for_model`, which says when that holds."""

    def __init__(self, model: Any) -> None:
        self._tok = model.tokenizer
        # The table widened to float32 once (exactly: every float16 or int8 value is a float32):
        # widening the gathered rows on every call cost ~50 us a draft, more than the rest of
        # the averaging (numpy converts float16 one value at a time). 4 bytes a weight: ~30 MB
        # for the shipped 29,525 x 256 model, for the process's life.
        self._emb = np.asarray(model.embedding, dtype=np.float32)
        self._dtype = np.dtype(np.float32) if model.embedding.dtype == np.int8 else model.embedding.dtype
        self._unk = model.unk_token_id
        self._normalize = bool(model.normalize)
        trunc = self._tok.truncation
        self._max_tokens: int | None = int(trunc["max_length"]) if trunc else None
        self._max_chars = (int(model.max_length) * int(model.median_token_length)
                           if model.max_length is not None else None)
        self._words: dict[str, list[int]] = {}
        # Added tokens ("[UNK]", "[PAD]") are matched in the raw text before any splitting: a
        # text that contains one goes through the tokenizer.
        self._added = tuple(t.content for t in self._tok.get_added_tokens_decoder().values() if t.content)

    @classmethod
    def for_model(cls, model: Any) -> FastStaticEncoder | None:
        """The fast encoder for ``model``, or None when its tokenizer or weights differ from
        what this encoder reproduces exactly."""
        try:
            tok = model.tokenizer
            norm = tok.normalizer.__getstate__() if tok.normalizer is not None else None
            pre = tok.pre_tokenizer.__getstate__() if tok.pre_tokenizer is not None else None
        except Exception:  # a tokenizer without these parts: model2vec's own path
            return None
        import json

        norm = json.loads(norm) if isinstance(norm, (bytes, str)) else norm
        pre = json.loads(pre) if isinstance(pre, (bytes, str)) else pre
        ok = (
            isinstance(norm, dict) and norm.get("type") == "BertNormalizer" and norm.get("lowercase") is True
            and norm.get("strip_accents") in (None, True) and norm.get("clean_text") is True
            and isinstance(pre, dict) and pre.get("type") == "BertPreTokenizer"
            and type(tok.model).__name__ == "WordPiece"
            and getattr(model, "token_mapping", None) is None and getattr(model, "weights", None) is None
            and (tok.truncation is None or tok.truncation.get("direction") == "right")
        )
        return cls(model) if ok else None

    def ids(self, text: str) -> list[int]:
        """The tokenizer's ids of ``text`` (no special tokens), unknown tokens kept."""
        if not _PLAIN.fullmatch(text) or any(t in text for t in self._added):
            try:
                return list(self._tok.encode(text, add_special_tokens=False).ids)
            except TypeError:
                # Readers and the coach refuse such text; a caller that did not must lose one
                # unknown character, not the whole batch (every text encoded with it).
                return list(self._tok.encode(SURROGATE.sub("\ufffd", text), add_special_tokens=False).ids)
        words = self._words
        pieces = _PIECES.findall(text.lower())
        # Usually every piece is known: one C-level pass (map, chain) instead of a Python loop
        try:
            out = list(chain.from_iterable(map(words.__getitem__, pieces)))
        except KeyError:
            out = self._learn(pieces)
        if self._max_tokens is not None and len(out) > self._max_tokens:
            del out[self._max_tokens:]
        return out

    def _learn(self, pieces: list[str]) -> list[int]:
        """The ids of ``pieces``, tokenizing (and remembering) those not seen before."""
        words = self._words
        missing = [p for p in dict.fromkeys(pieces) if p not in words]
        if missing:
            if len(words) + len(missing) > WORD_CACHE_MAX:
                words.clear()  # bounded: start again rather than grow with every new ticket number
                missing = list(dict.fromkeys(pieces))
            # The WordPiece model alone, piece by piece: a piece is already what the normaliser
            # and pre-tokenizer make of it (lower-case ASCII, one word or one punctuation mark, no
            # added token), so its tokens are the tokenizer's. encode_batch_fast wakes the Rust
            # thread pool, whose spinning threads cost ~50-200 us of CPU a call on a loaded
            # machine; model.tokenize is ~0.5 us a piece (a check's new ticket numbers).
            tokenize = self._tok.model.tokenize
            for p in missing:
                words[p] = [t.id for t in tokenize(p)]
        return list(chain.from_iterable(map(words.__getitem__, pieces)))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if self._max_chars is not None:
            texts = [t[: self._max_chars] for t in texts]
        ids = [self.ids(t) for t in texts]
        if self._unk is not None:
            unk = self._unk
            ids = [[i for i in x if i != unk] if unk in x else x for x in ids]
        n = len(ids)
        lens = np.fromiter(map(len, ids), dtype=np.intp, count=n)
        out = np.zeros((n, self._emb.shape[1]), dtype=np.float32)
        total = int(lens.sum())
        if total:
            flat = np.fromiter(chain.from_iterable(ids), dtype=np.intp, count=total)
            nz = lens > 0
            starts = (np.cumsum(lens) - lens)[nz]
            # numpy's mean of float16 rows sums in float32, then divides: the same here, in order
            rows = self._emb[flat]
            out[nz] = np.add.reduceat(rows, starts, axis=0) / lens[nz, None]
        vecs = out.astype(self._dtype)
        if not self._normalize:
            return vecs
        v32 = vecs.astype(np.float32)
        return (v32 / (np.linalg.norm(v32, axis=1, keepdims=True) + 1e-32)).astype(vecs.dtype)

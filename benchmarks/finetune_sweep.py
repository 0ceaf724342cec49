"""A sweep of fine-tuning settings for the EPITOME IP and TweetEval heads, on one GPU or the CPU.

Why: `patiently train-heads --embedder finetuned` trains one setting in ~40 minutes per 5-fold
IP run on 2 CPU cores, too slow to compare more than a handful of settings. This script runs
the same recipe as ``patiently.heads.finetune.finetune`` (all-MiniLM-L6-v2, mean pooling,
dropout on the pooled vector, a linear layer, AdamW with weight decay 0.01 on every weight,
linear warm-up over 10% of the steps then linear decay, batches in a seeded random order)
with torch alone, so it runs on a machine with only torch and transformers (a GPU box), and
adds the knobs being compared:

* ``lr``, ``epochs``, ``batch``: the usual ones;
* ``ls``: label smoothing of the cross-entropy;
* ``llrd``: layer-wise rate decay (layer k of 6 learns at ``lr * llrd ** (6 - k)``, the
  embeddings at ``lr * llrd ** 7``): lower layers move less;
* ``mt``: multi-task weight: the same replies' ER and EX levels (matched by ``sp_id,rp_id``)
  train two more linear layers on the shared encoder, loss ``ip + mt * (er + ex) / 2``. Only
  replies of the training folds are used for them: a test reply is never seen in training.

IP is scored by 5-fold CV over the dev file with the product's fold split
(``default_rng(seed).permutation(n) % 5``) for seeds 0 and 1 (each seed its own split and
initialisation), float32 predictions after the last epoch (the product predicts in int8 with
ONNX Runtime, equal on EPITOME in the trials so far). TweetEval trains on train and records
val macro-F1 after every epoch (val chooses the epoch, so its scores are optimistic).

    python benchmarks/finetune_sweep.py --data ../shared/data --model MODEL_DIR --out results.jsonl \
        [--workers 6] [--minutes 6] [--device cuda] [--limit 200 --folds 1]   # --limit: a smoke test

The 2026-11-30 run (docs/model-card.md, IP) used a float16 copy of the base weights (to fit the
GPU box's upload limit), 8-10 workers on one H200, ~30 s per unit. Each finished unit (a
setting, a seed, a fold) is one JSON line in ``--out``; ``--summary``
reads such a file and prints each setting's accuracy per seed next to the baseline's.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import time
from pathlib import Path
from typing import Any

import numpy as np

BASE = {"lr": 5e-5, "epochs": 3, "batch": 16, "ls": 0.0, "llrd": 1.0, "mt": 0.0, "dropout": 0.1, "max_length": 128}
TWEET_BASE = {"lr": 1e-4, "epochs": 4, "batch": 32, "ls": 0.0, "llrd": 1.0, "mt": 0.0, "dropout": 0.1,
              "max_length": 64}

IP_SETTINGS: list[dict[str, Any]] = [
    {},  # the shipped recipe: the baseline every other setting is compared with
    {"lr": 3e-5}, {"lr": 8e-5}, {"lr": 3e-5, "epochs": 4}, {"lr": 2e-5, "epochs": 5},
    {"batch": 32}, {"batch": 32, "lr": 1e-4}, {"batch": 8, "lr": 3e-5},
    {"ls": 0.1}, {"llrd": 0.8}, {"llrd": 0.8, "lr": 1e-4}, {"dropout": 0.2},
    {"mt": 0.5}, {"mt": 1.0}, {"mt": 0.5, "epochs": 4}, {"mt": 1.0, "lr": 8e-5},
    {"ls": 0.1, "mt": 0.5}, {"llrd": 0.8, "mt": 0.5}, {"epochs": 4, "lr": 3e-5, "ls": 0.1},
    {"max_length": 256},
]
TWEET_SETTINGS: list[dict[str, Any]] = [
    {}, {"lr": 5e-5, "epochs": 5}, {"lr": 8e-5}, {"ls": 0.1}, {"llrd": 0.8, "lr": 1.5e-4},
    {"batch": 16, "lr": 5e-5}, {"epochs": 6, "lr": 5e-5, "ls": 0.1},
]


def read_epitome(path: Path) -> tuple[list[str], list[str], np.ndarray]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return ([r["response_post"] for r in rows], [f"{r['sp_id']}|{r['rp_id']}" for r in rows],
            np.asarray([int(r["level"]) for r in rows], dtype=np.int64))


def read_tweeteval(d: Path, split: str) -> tuple[list[str], np.ndarray]:
    texts = (d / f"{split}_text.txt").read_text(encoding="utf-8").splitlines()
    labels = [int(x) for x in (d / f"{split}_labels.txt").read_text(encoding="utf-8").split()]
    return texts[:len(labels)], np.asarray(labels, dtype=np.int64)


def macro_f1(y: np.ndarray, p: np.ndarray, k: int) -> float:
    f = []
    for c in range(k):
        tp = int(((p == c) & (y == c)).sum())
        fp = int(((p == c) & (y != c)).sum())
        fn = int(((p != c) & (y == c)).sum())
        f.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(f))


def units(folds: int, seeds: list[int], tasks: list[str]) -> list[dict[str, Any]]:
    """Seed 0 of every setting first, so an early stop still compares every setting once."""
    out = []
    for seed in seeds:
        if "ip" in tasks:
            out += [{"task": "ip", "setting": {**BASE, **s}, "name": json.dumps(s, sort_keys=True), "seed": seed,
                     "fold": k} for s in IP_SETTINGS for k in range(folds)]
        if "tweet" in tasks:
            out += [{"task": "tweet", "setting": {**TWEET_BASE, **s}, "name": json.dumps(s, sort_keys=True),
                     "seed": seed, "fold": 0} for s in TWEET_SETTINGS]
    return out


def train(unit: dict[str, Any], data: dict[str, Any], model_dir: str, device: str, limit: int | None
          ) -> dict[str, Any]:
    import torch
    import transformers

    s, seed = unit["setting"], unit["seed"]
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    tok = transformers.AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
    enc = transformers.AutoModel.from_pretrained(model_dir, local_files_only=True, dtype=torch.float32).to(device)
    n_cls = 3 if unit["task"] == "ip" else 4
    heads = torch.nn.ModuleList([torch.nn.Linear(enc.config.hidden_size, n_cls)]
                                + ([torch.nn.Linear(enc.config.hidden_size, 3) for _ in range(2)]
                                   if s["mt"] else [])).to(device)
    drop = torch.nn.Dropout(s["dropout"])
    if unit["task"] == "ip":
        texts, keys, y = data["ip"]
        n = len(texts) if limit is None else min(limit, len(texts))
        fold = np.random.default_rng(seed).permutation(len(texts))[:n] % unit["folds"]
        idx_all = np.arange(n)
        tr, te = idx_all[fold != unit["fold"]], idx_all[fold == unit["fold"]]
        tr_texts, tr_y = [texts[i] for i in tr], y[tr]
        aux = np.full((len(tr), 2), -100, dtype=np.int64)
        if s["mt"]:
            for j, name in enumerate(("er", "ex")):
                lookup = data[name]
                aux[:, j] = [lookup.get(keys[i], -100) for i in tr]
        te_texts, te_y = [texts[i] for i in te], y[te]
    else:
        (tr_texts, tr_y), (te_texts, te_y) = data["tweet_train"], data["tweet_val"]
        if limit is not None:
            tr_texts, tr_y, te_texts, te_y = tr_texts[:limit], tr_y[:limit], te_texts[:limit], te_y[:limit]
        aux = np.full((len(tr_texts), 2), -100, dtype=np.int64)
    layers = enc.encoder.layer
    groups = [{"params": list(heads.parameters()), "lr": s["lr"]}]
    nl = len(layers)
    for k, layer in enumerate(layers):
        groups.append({"params": list(layer.parameters()), "lr": s["lr"] * s["llrd"] ** (nl - k)})
    rest = [p for n_, p in enc.named_parameters() if not n_.startswith("encoder.layer.")]
    groups.append({"params": rest, "lr": s["lr"] * s["llrd"] ** (nl + 1)})
    opt = torch.optim.AdamW(groups, lr=s["lr"], weight_decay=0.01)
    per_epoch = (len(tr_texts) + s["batch"] - 1) // s["batch"]
    steps = max(1, s["epochs"] * per_epoch)
    warm, decay = max(1.0, 0.1 * steps), max(1.0, 0.9 * steps)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: min(1.0, t / warm) * max(0.0, (steps - t) / decay))
    target = torch.as_tensor(np.asarray(tr_y, dtype=np.int64)).to(device)
    aux_t = torch.as_tensor(aux).to(device)

    def pooled(batch_texts: list[str]) -> Any:
        b = tok(batch_texts, padding=True, truncation=True, max_length=s["max_length"], return_tensors="pt").to(device)
        out = enc(input_ids=b["input_ids"], attention_mask=b["attention_mask"]).last_hidden_state
        m = b["attention_mask"].unsqueeze(-1).to(out.dtype)
        return (out * m).sum(1) / m.sum(1).clamp(min=1.0)

    def predict() -> np.ndarray:
        enc.eval()
        order = sorted(range(len(te_texts)), key=lambda i: len(te_texts[i]))
        pred = np.zeros(len(te_texts), dtype=np.int64)
        with torch.inference_mode():
            for k in range(0, len(order), 64):
                idx = order[k:k + 64]
                pred[idx] = heads[0](pooled([te_texts[i] for i in idx])).argmax(-1).cpu().numpy()
        enc.train()
        return pred

    t0 = time.perf_counter()
    per_epoch_scores = []
    enc.train()
    for _epoch in range(s["epochs"]):
        order = rng.permutation(len(tr_texts))
        for k in range(0, len(order), s["batch"]):
            idx = order[k:k + s["batch"]].tolist()
            v = drop(pooled([tr_texts[i] for i in idx]))
            loss = torch.nn.functional.cross_entropy(heads[0](v), target[idx], label_smoothing=s["ls"])
            if s["mt"]:
                a = aux_t[idx]
                parts = [torch.nn.functional.cross_entropy(heads[1 + j](v), a[:, j], ignore_index=-100,
                                                           label_smoothing=s["ls"])
                         for j in range(2) if bool((a[:, j] != -100).any())]
                if parts:
                    loss = loss + s["mt"] * sum(parts) / 2
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        if unit["task"] == "tweet":
            p = predict()
            per_epoch_scores.append(round(macro_f1(te_y, p, 4), 4))
    p = predict()
    return {**{k: unit[k] for k in ("task", "name", "seed", "fold")}, "n": len(te_y),
            "correct": int((p == te_y).sum()), "macro_f1": round(macro_f1(te_y, p, n_cls), 4),
            "per_epoch_val_f1": per_epoch_scores, "seconds": round(time.perf_counter() - t0, 1)}


def worker(rank: int, args: argparse.Namespace, queue: Any, deadline: float) -> None:
    import torch

    torch.set_num_threads(max(1, (os.cpu_count() or 2) // max(1, args.workers)))
    data: dict[str, Any] = {}
    ep = args.data / "epitome"
    data["ip"] = read_epitome(ep / "interpretations-dev.csv")
    for name, f in (("er", "emotional-reactions-dev.csv"), ("ex", "explorations-dev.csv")):
        _, k, y = read_epitome(ep / f)
        data[name] = dict(zip(k, y.tolist(), strict=True))
    tw = args.data / "tweeteval" / "emotion"
    data["tweet_train"], data["tweet_val"] = read_tweeteval(tw, "train"), read_tweeteval(tw, "val")
    while time.time() < deadline:
        try:
            unit = queue.get(timeout=10)
        except Exception:  # queue.Empty: all taken
            return
        unit["folds"] = args.folds
        res = train(unit, data, str(args.model), args.device, args.limit)
        with args.out.open("a", encoding="utf-8") as f:
            f.write(json.dumps(res) + "\n")
        print(f"[{rank}] {res['task']} {res['name']} seed {res['seed']} fold {res['fold']}: "
              f"{res['correct']}/{res['n']} f1 {res['macro_f1']} {res['per_epoch_val_f1']} {res['seconds']} s",
              flush=True)


def summary(path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    by: dict[tuple[str, str], dict[int, list[dict[str, Any]]]] = {}
    for r in rows:
        by.setdefault((r["task"], r["name"]), {}).setdefault(r["seed"], []).append(r)
    for (task, name), seeds in sorted(by.items()):
        cells = []
        for seed, rs in sorted(seeds.items()):
            if task == "ip":
                n = sum(r["n"] for r in rs)
                cells.append(f"seed {seed}: {sum(r['correct'] for r in rs) / n:.4f} ({len(rs)} folds, n={n})")
            else:
                cells.append(f"seed {seed}: val F1 per epoch {rs[0]['per_epoch_val_f1']}")
        print(f"{task:5} {name:45} " + "; ".join(cells))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--model", type=Path, help="all-MiniLM-L6-v2 folder (config, weights, tokenizer)")
    ap.add_argument("--out", type=Path, default=Path("sweep.jsonl"))
    ap.add_argument("--device", default="cuda")
    ap.add_argument("--workers", type=int, default=6)
    ap.add_argument("--minutes", type=float, default=6.0, help="no new unit starts after this")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seeds", default="0,1")
    ap.add_argument("--tasks", default="ip,tweet")
    ap.add_argument("--settings", help="a JSON list of IP settings to run instead of the built-in list, "
                                       'e.g. \'[{}, {"mt": 0.5}]\'')
    ap.add_argument("--limit", type=int, help="a smoke test: only the first N texts")
    ap.add_argument("--summary", type=Path, help="print the summary of a results file and stop")
    args = ap.parse_args()
    if args.summary:
        summary(args.summary)
        return
    import torch.multiprocessing as mp

    if args.settings:
        IP_SETTINGS[:] = json.loads(args.settings)

    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    todo = units(args.folds, [int(s) for s in args.seeds.split(",")], args.tasks.split(","))
    for u in todo:
        queue.put(u)
    print(f"{len(todo)} units, {args.workers} workers, {args.minutes} minutes", flush=True)
    deadline = time.time() + 60 * args.minutes
    procs = [ctx.Process(target=worker, args=(r, args, queue, deadline)) for r in range(args.workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    summary(args.out)


if __name__ == "__main__":
    main()

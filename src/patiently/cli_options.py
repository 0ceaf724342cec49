"""Command-line options shared by several commands (``analyze``, ``explain``, ``check``, ``serve``)."""

from __future__ import annotations

from pathlib import Path

import click


def _check_heads(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    if value is not None:
        from .heads import heads_folder_problem

        if problem := heads_folder_problem(value):
            raise click.BadParameter(problem)
    return value


# The trained heads the detectors read (customer.frustration: goemotions; agent.tone:
# agent_tone): the shipped ones, or those of a folder `patiently train-heads` wrote.
heads_option = click.option(
    "--heads", "heads_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), callback=_check_heads,
    help="A heads folder from `patiently train-heads` for the detectors that read a trained head "
         "(default: the heads shipped in the package).")

"""The ``patiently`` command: a thin layer that parses options, calls library functions
and prints. Only this module prints (with rich, to stderr for progress and errors)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from . import __version__
from .cli_options import heads_option
from .errors import OptionError, PatientlyError, RecordError
from .readers import FORMATS  # stdlib only: keeps `patiently --help` fast
from .terminal import json_for_terminal, visible, visible_tree

err = Console(stderr=True, soft_wrap=True)  # error lines whole: paths and quotes stay copyable
out = Console()

MAX_ERRORS_SHOWN = 20


def _split_overrides(items: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """``--set rubric.x=..`` goes to the rubric, everything else to the settings."""
    settings: list[str] = []
    rubric: list[str] = []
    for item in items:
        (rubric if item.startswith("rubric.") else settings).append(item.removeprefix("rubric."))
    return settings, rubric


def _with_heads(sets: tuple[str, ...], heads_dir: Path | None) -> tuple[str, ...]:
    return (*sets, f"heads.dir={heads_dir}") if heads_dir is not None else sets


def _build_analyzer(config: str | None, rubric: str | None, sets: tuple[str, ...], detectors: str | None):
    from .config import load_settings
    from .detectors.registry import load_detectors
    from .pipeline import Analyzer
    from .rubric import load_rubric

    s_over, r_over = _split_overrides(sets)
    names = [n.strip() for n in detectors.split(",")] if detectors else None
    return Analyzer(load_settings(config, s_over), load_rubric(rubric, r_over), load_detectors(names))


def _read_options(fmt: str, csv_columns: tuple[str, ...], max_message_chars: int,
                  roles: tuple[str, ...] = (), internal_notes: str = "skip", encoding: str = "utf-8",
                  csv_delimiter: str | None = None):
    from .readers.options import parse_read_options

    try:
        return parse_read_options(fmt, roles=roles, csv_columns=csv_columns, csv_delimiter=csv_delimiter,
                                  encoding=encoding, internal_notes=internal_notes,
                                  max_message_chars=max_message_chars)
    except OptionError as exc:
        raise click.BadParameter(exc.reason, param_hint=exc.option) from None


def _check_delimiter(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from .readers.options import parse_delimiter

    try:
        return parse_delimiter(value)
    except OptionError as exc:
        raise click.BadParameter(exc.reason, ctx=ctx, param=param) from None


def _check_encoding(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from .readers.options import check_encoding

    try:
        return check_encoding(value)
    except OptionError as exc:
        raise click.BadParameter(exc.reason, ctx=ctx, param=param) from None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)  # also sees links and case-insensitive file systems
    except OSError:  # one of them does not exist (yet): compare where they would be
        return a.resolve() == b.resolve()


def _check_outputs(outputs: dict[str, Path | None], inputs: dict[str, list[Path]]) -> None:
    """Refuse an output that is an input (or another output): it would be emptied or
    overwritten. Runs before anything is opened, so nothing is lost."""
    given = [(option, path) for option, path in outputs.items() if path is not None]
    for i, (option, path) in enumerate(given):
        for name, paths in inputs.items():
            for source in paths:
                if _same_file(path, source):
                    raise click.BadParameter(f"{str(path)!r} is also {name}; writing there would destroy it, "
                                             "so choose another file", param_hint=option)
        for other, other_path in given[i + 1:]:
            if _same_file(path, other_path):
                raise click.BadParameter(f"{str(path)!r} is also given to {other}; choose another file",
                                         param_hint=option)


def _check_ray_address(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--ray`` takes an optional value, so ``--ray in.jsonl`` would read the input as the
    address: say so instead of failing later on a missing input or a strange address."""
    if value and Path(value).is_file():
        raise click.BadParameter(f"{value!r} is a file, not a Ray address: put --ray after the inputs "
                                 "or write --ray=local", ctx=ctx, param=param)
    return value


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="patiently")
def cli() -> None:
    """Analyse, score and coach patience in IT support conversations, offline."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", default="auto", show_default=True,
              type=click.Choice(FORMATS), help="Input format.")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), help="Write results JSONL here.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a self-contained HTML report here.")
@click.option("--rubric", type=click.Path(exists=True, dir_okay=False), help="A rubric YAML (default: built-in).")
@click.option("--config", type=click.Path(exists=True, dir_okay=False), help="A settings YAML.")
@click.option("--set", "sets", multiple=True, metavar="KEY=VALUE",
              help="Override a setting (silence.chat_seconds=600) or the rubric (rubric.empathy.weight=2).")
@click.option("--detectors", help="Comma-separated detector names to run (default: all).")
@heads_option
@click.option("--csv-column", "csv_columns", multiple=True, metavar="FIELD=COLUMN",
              help="Map a CSV column, e.g. --csv-column text=body --csv-column conversation_id=ticket.")
@click.option("--csv-delimiter", metavar="CHAR", callback=_check_delimiter,
              help="The CSV delimiter, e.g. ';' or tab (default: a tab for .tsv, else guessed from the header).")
@click.option("--role", "roles", multiple=True, metavar="NAME=ROLE",
              help="Map a role name, author type or help-desk author id to customer/agent/system, "
                   "e.g. --role tier2=agent --role 12345=agent.")
@click.option("--internal-notes", type=click.Choice(["skip", "system"]), default="skip", show_default=True,
              help="Help-desk internal notes: leave them out, or keep them as system messages.")
@click.option("--max-message-chars", default=100_000, show_default=True, help="Longer messages are rejected.")
@click.option("--encoding", default="utf-8", show_default=True, callback=_check_encoding,
              help="Text encoding of the inputs, e.g. latin-1 or cp1252 (UTF-16 files: convert them first).")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write every bad record and warning as JSONL here.")
@click.option("--no-messages", is_flag=True, help="Leave message texts out of the results JSONL.")
@click.option("--json", "as_json", is_flag=True, help="Print the run summary as JSON instead of a table.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--ray", "ray_address", is_flag=False, flag_value="local", default=None, metavar="[ADDRESS]",
              callback=_check_ray_address,
              help="Analyse on Ray (the ray extra): a cluster ADDRESS (auto, ray://head:10001), "
                   "or none / 'local' to start a Ray on this machine for the run.")
@click.option("--ray-cpus", type=click.IntRange(min=1),
              help="CPUs of the local Ray (default: all), or at most this many workers on a cluster. "
                   "Implies --ray.")
def analyze(inputs: tuple[Path, ...], fmt: str, out_path: Path | None, report_path: Path | None,
            rubric: str | None, config: str | None, sets: tuple[str, ...], detectors: str | None,
            heads_dir: Path | None, csv_columns: tuple[str, ...], csv_delimiter: str | None,
            roles: tuple[str, ...], internal_notes: str, max_message_chars: int, encoding: str,
            errors_path: Path | None,
            no_messages: bool, as_json: bool, quiet: bool, ray_address: str | None, ray_cpus: int | None) -> None:
    """Analyse conversations in INPUT files and summarise patience per agent."""
    from .analyze import BatchRunner, analyze_files, error_dict, local_batch
    from .readers import plan_files
    from .summary import agent_summary, team_summary

    _check_outputs({"--out": out_path, "--report": report_path, "--errors": errors_path},
                   {"an input": list(inputs), "the --rubric": [Path(rubric)] if rubric else [],
                    "the --config": [Path(config)] if config else []})
    runner: BatchRunner = local_batch
    if ray_address is not None or ray_cpus is not None:
        from .distributed import RayRunner

        # stops here, naming the extra, when Ray is not installed: before any input is read
        runner = RayRunner(address=ray_address, num_cpus=ray_cpus)
    analyzer = _build_analyzer(config, rubric, _with_heads(sets, heads_dir), detectors)
    options = _read_options(fmt, csv_columns, max_message_chars, roles, internal_notes, encoding, csv_delimiter)
    plan_files(inputs, options)  # a missing input or the only one's unknown format stops here, before --out
    shown = 0

    def on_error(e: RecordError) -> None:
        nonlocal shown
        if shown < MAX_ERRORS_SHOWN:
            err.print(_error_line(e), highlight=False)
        shown += 1

    for p in (out_path, report_path, errors_path):
        if p is not None:
            p.parent.mkdir(parents=True, exist_ok=True)
    fh = open(out_path, "w", encoding="utf-8") if out_path else None  # noqa: SIM115
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                        console=err, transient=True, disable=quiet or not err.is_terminal)
    try:
        with progress:
            task = progress.add_task("reading…")

            def on_progress(n_conv: int, n_msg: int) -> None:
                if n_conv % 25 == 0:
                    progress.update(task, description=f"analysed {n_conv:,} conversations, {n_msg:,} messages")

            run = analyze_files(inputs, analyzer, options=options, out=fh, keep_results=True,
                                include_messages=not no_messages, on_error=on_error, on_progress=on_progress,
                                runner=runner)
    finally:
        if fh:
            fh.close()
    if shown > MAX_ERRORS_SHOWN:
        more = ("--errors FILE keeps them all" if errors_path is None
                else f"all are in {escape(visible(str(errors_path), ''))}")
        err.print(f"[yellow]… and {shown - MAX_ERRORS_SHOWN} more[/] ({more})", highlight=False)
    if errors_path:
        with open(errors_path, "w", encoding="utf-8") as efh:
            for e in run.errors:
                efh.write(json.dumps(error_dict(e)) + "\n")
    if report_path:
        from .report import write_report

        # Written even when nothing valid was read, like --out: an old report left in place
        # would go on showing (and publishing) the last run's numbers as this one's.
        write_report(report_path, run.results, rubric=analyzer.rubric,
                     meta={"inputs": [str(p) for p in inputs], "analyzer": analyzer.info,
                           "read": {"conversations": run.conversations, "skipped_records": run.skipped_records,
                                    "skipped_files": run.skipped_files, "warnings": run.warnings}})
    agents = agent_summary(run.results)
    team = team_summary(run.results)
    if as_json:
        click.echo(json.dumps({**run.to_dict(), "team": team, "agents": _strip(agents),
                               "out": str(out_path) if out_path else None,
                               "report": str(report_path) if report_path else None}, indent=2))
    else:
        _print_summary(run, team, agents, out_path, report_path,
                       {k: b.title for k, b in analyzer.rubric.behaviours.items()})
    if run.conversations == 0:
        if run.errors:
            err.print("[red]no valid conversation was read[/]: check the format (--format) and the errors above")
        else:
            err.print(f"[red]no conversation in {escape(visible(', '.join(map(str, inputs)), ''))}[/]: "
                      "the input holds no records", highlight=False)
        sys.exit(1)


def _error_line(e: RecordError) -> str:
    """One reported problem as rich markup: a warning (its record was kept) or what was skipped
    (a record, or a whole file), with any user text escaped (a role '[/x]' is not markup) and
    its control characters made visible (a column name may hold an escape sequence)."""
    from .readers import is_warning

    if is_warning(e):
        where = e.file if e.line is None else f"{e.file}:{e.line}"
        what = f" field '{e.field}'" if e.field else ""
        reason = e.reason.removeprefix("warning:").lstrip()
        return f"[yellow]warning:[/] {escape(visible(f'{where}:{what} {reason}', ''))}"
    return f"[yellow]skipped[/] {escape(visible(str(e), ''))}"


def _strip(agents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in a.items() if k != "conversation_ids"} for a in agents]


def _print_summary(run: Any, team: dict[str, Any], agents: list[dict[str, Any]],
                   out_path: Path | None, report_path: Path | None, titles: dict[str, str]) -> None:
    table = Table(title=f"Patience by agent — {run.conversations:,} conversations, {run.messages:,} messages")
    for col in ("agent", "conversations", "patience", "strongest behaviour", "top coaching point"):
        table.add_column(col, justify="right" if col in ("conversations", "patience") else "left")
    for a in agents[:50]:
        top = a["top_coaching_point"]
        # Text cells: agent names and notes come from the input and are not markup, nor
        # terminal control sequences (an agent named "\x1b[2J" must not clear the screen)
        table.add_row(Text(visible(a["agent"], "")), str(a["conversations"]),
                      "–" if a["patience"] is None else f"{a['patience']:.0f}",
                      Text(visible(titles.get(a["strongest"], a["strongest"]), "")) if a["strongest"] else "–",
                      Text(visible(top["note"], "")) if top else "–")
    out.print(table)
    if len(agents) > 50:
        out.print(f"… {len(agents) - 50} more agents in the results file")
    parts = ["team patience " + ("–" if team["patience"] is None else str(team["patience"])),
             f"{run.skipped_records:,} bad records skipped"]
    if run.skipped_files:
        parts.append(f"{run.skipped_files:,} file{'s' if run.skipped_files > 1 else ''} skipped")
    if run.warnings:
        parts.append(f"{run.warnings:,} warning{'s' if run.warnings > 1 else ''}")
    parts.append(f"{run.messages_per_second:,.0f} messages/s")
    out.print("  ·  ".join(parts), markup=False, highlight=False)
    if out_path:
        out.print(f"results: {visible(str(out_path), '')}", markup=False, highlight=False, soft_wrap=True)
    if report_path:
        out.print(f"report:  {visible(str(report_path), '')}", markup=False, highlight=False, soft_wrap=True)


@cli.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("conversation_id")
@click.option("--format", "fmt", default="auto", type=click.Choice(FORMATS))
@click.option("--rubric", type=click.Path(exists=True, dir_okay=False))
@click.option("--config", type=click.Path(exists=True, dir_okay=False))
@click.option("--set", "sets", multiple=True, metavar="KEY=VALUE")
@heads_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def explain(input_path: Path, conversation_id: str, fmt: str, rubric: str | None, config: str | None,
            sets: tuple[str, ...], heads_dir: Path | None, as_json: bool) -> None:
    """Show one conversation with evidence highlighted and coaching notes.

    INPUT is an input file (the conversation is analysed on its own) or a results JSONL
    written by `patiently analyze --out` (shown as analysed, batch findings included)."""
    from .analyze import find_conversation, is_results_file, load_results
    from .explain import missing_message, render_conversation, result_json
    from .model import Conversation

    analyzer = _build_analyzer(config, rubric, _with_heads(sets, heads_dir), None)
    result: dict[str, Any] | None = None
    why = f"no conversation '{conversation_id}' in {input_path}"
    if is_results_file(input_path):
        result = next((r for r in load_results(input_path) if r["id"] == conversation_id), None)
    else:
        found = find_conversation([input_path], conversation_id, _read_options(fmt, (), 100_000))
        if isinstance(found, Conversation):
            result = analyzer.analyze(found).to_dict()
        else:  # skipped as a bad record (its line and reason), or not there
            why = missing_message(found, [input_path], conversation_id)
    if result is None:
        err.print(f"[red]{escape(visible(why, ''))}[/]", highlight=False)
        sys.exit(1)
    if as_json:
        click.echo(json_for_terminal(result_json(result)))
        return
    # control characters made visible one for one: the evidence offsets still fit the texts
    for part in render_conversation(visible_tree(result), analyzer.rubric):
        out.print(part)


@cli.command("detectors")
@click.option("--json", "as_json", is_flag=True)
def detectors_cmd(as_json: bool) -> None:
    """List the registered detectors (built-in and plugins)."""
    from .detectors.registry import available

    dets = list(available().values())
    rows: list[dict[str, Any]] = [
        {"name": d.name, "version": d.version, "labels": list(d.labels), "needs": sorted(d.needs),
         "requires": list(d.requires), "description": d.description} for d in dets]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    table = Table(title="Detectors")
    # names are what --detectors takes: never cut them; most detectors emit one label, their name
    table.add_column("name", no_wrap=True)
    table.add_column("version", justify="right")
    table.add_column("description", ratio=1)
    for r in rows:
        others = [label for label in r["labels"] if label != r["name"]]
        also = f" (also emits {', '.join(others)})" if others else ""
        table.add_row(r["name"], str(r["version"]), Text(r["description"] + also))
    out.print(table)


@cli.command("build-model")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where to write the model (default: the package's static_model/).")
@click.option("--dims", default=256, show_default=True, help="PCA dimensions.")
def build_model(out_dir: Path | None, dims: int) -> None:
    """Distil the shipped static embedding model from all-MiniLM-L6-v2 (offline)."""
    from .modelbuild import build_static_model

    info = build_static_model(out_dir, dims)
    out.print(f"wrote {info['path']} ({info['bytes']:,} bytes, {info['dims']} dims) in {info['seconds']} s")


def _attach_optional_commands() -> None:
    from .bench.cli import bench_command, train_heads_command
    from .coach.cli import check_command
    from .practice.cli import practice_command

    cli.add_command(bench_command)
    cli.add_command(practice_command)
    cli.add_command(train_heads_command)
    cli.add_command(check_command)
    try:  # the server needs the "web" extra; without it, `serve` says how to get it
        from .server.cli import serve_command
    except ImportError:
        @cli.command("serve", context_settings={"ignore_unknown_options": True})
        @click.argument("args", nargs=-1, type=click.UNPROCESSED)
        def serve_missing(args: tuple[str, ...]) -> None:
            """Start the web server (needs: pip install 'patiently[web]')."""
            err.print("[red]error:[/] the server needs the web extra: pip install 'patiently[web]'")
            sys.exit(2)
    else:
        cli.add_command(serve_command)
    try:
        from .web.cli import export_reviews_command, users_group
    except ImportError:
        pass  # web extra not installed: `serve` already says how to get it
    else:
        cli.add_command(users_group)
        cli.add_command(export_reviews_command)


_attach_optional_commands()


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        err.print("aborted")
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except PatientlyError as exc:  # its text quotes files and values: print it, never parse it as markup
        err.print(f"[red]error:[/] {escape(visible(str(exc), chr(10)))}", highlight=False)
        sys.exit(2)
    except OSError as exc:  # a path that cannot be written or read: say which
        what = f"{exc.strerror or exc}: {exc.filename or ''}"
        err.print(f"[red]error:[/] {escape(visible(what, ''))}", highlight=False)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()

"""``patiently check``: the reply coach on the command line (a standalone click command).

The main CLI attaches it with ``cli.add_command(check_command)``. Bad input (empty draft,
binary data, malformed context) is one line on stderr and exit status 2, like the other
commands; ``--fail-on`` makes warnings or problems exit 1 (for scripts and hooks).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..cli_options import heads_option
from ..errors import PatientlyError
from ..terminal import json_for_terminal, visible
from .context import CoachInputError, argv_not_utf8, load_context_arg
from .models import CheckResult

_COLOURS = {"info": "cyan", "warning": "yellow", "problem": "red"}
MAX_STDIN_BYTES = 1024 * 1024


def _read_draft(draft: str | None) -> str:
    if draft is not None and draft != "-":
        if problem := argv_not_utf8(draft):
            raise CoachInputError(f"draft is {problem}")
        return draft
    if sys.stdin.isatty() and draft is None:
        raise CoachInputError("no draft: give it as an argument, or pipe it in with '-'")
    raw = sys.stdin.buffer.read(MAX_STDIN_BYTES + 1)
    if len(raw) > MAX_STDIN_BYTES:
        raise CoachInputError("draft on stdin is over 1 MB; check one reply at a time")
    try:
        text = raw.decode("utf-8-sig")  # a BOM is no part of the reply (as the readers decode)
    except UnicodeDecodeError:
        raise CoachInputError("draft on stdin is not UTF-8 text (binary data?)") from None
    # the line end that echo and editors put after the last line is not part of the reply (as $(cat) drops it)
    return text.removesuffix("\n").removesuffix("\r")


def render(result: CheckResult, colour: bool | None = None) -> str:
    """The human-readable report (what ``patiently check`` prints without --json)."""
    def style(text: str, **kw: object) -> str:
        return click.style(text, **kw) if colour is not False else text  # type: ignore[arg-type]

    v = visible  # the draft and context are the agent's text: control characters are shown, not sent
    lines: list[str] = []
    ctx = result.context
    if ctx.messages:
        about = ", ".join(s.replace("_", "-") for s in ctx.customer) or "calm"
        cut = f" (last {ctx.messages}, {ctx.truncated} earlier left out)" if ctx.truncated else ""
        lines.append(f"Context: {ctx.messages} message{'' if ctx.messages == 1 else 's'}{cut}; customer: {about}")
        lines += [f"  · {v(n)}" for n in ctx.notes]
        lines.append("")
    if not result.flags:
        lines.append(style("Looks good: nothing sounds impatient.", fg="green", bold=True))
    for f in result.flags:
        head = style(f"{f.severity.upper():8}", fg=_COLOURS[f.severity], bold=True)
        lines.append(f"{head} {f.category}  [{f.span.start}:{f.span.end}] \"{v(f.text)}\"")
        lines.append(f"         why: {v(f.why)}")
        lines.append(f"         try: {v(f.suggestion)}")
    if result.strengths:
        lines += ["", style("Does well:", fg="green", bold=True)]
        lines += [f"  + {s.label.split('.', 1)[-1].replace('_', ' ')}: {v(s.note)}" for s in result.strengths]
    if result.rewrite:
        src = "" if result.rewrite.source == "embedded" else " (polished by the LLM)"
        lines += ["", style(f"Suggested rewrite{src}:", bold=True), v(result.rewrite.text)]
        if "[" in result.rewrite.text:
            lines.append(style("(fill in the [bracketed] parts)", dim=True))
        lines += [style(f'(no automatic rewrite for "{v(t)}": reword it yourself)', dim=True)
                  for t in result.rewrite.unchanged]
    lines += [v(f"note: {n}") for n in result.notes]
    lines += [v(f"note: detector {e.get('detector')} failed: {e.get('error')}") for e in result.errors]
    return "\n".join(lines)


@click.command("check")
@click.argument("draft", required=False)
@click.option("--context", "context", metavar="FILE_OR_TEXT",
              help="The conversation so far: a canonical JSON(L) conversation or 'Customer: ...' lines; "
                   "a file path or the text itself.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON (the same as POST /api/v1/check).")
@click.option("--llm-url", metavar="URL", envvar="PATIENTLY_LLM_URL",
              help="Optional OpenAI-compatible server (llama.cpp, Ollama...) to polish the rewrite.")
@click.option("--llm-model", default="local", show_default=True, help="Model name sent to the LLM server.")
@click.option("--fail-on", type=click.Choice(["never", "warning", "problem"]), default="never", show_default=True,
              help="Exit 1 when a flag reaches this severity.")
@heads_option
def check_command(draft: str | None, context: str | None, as_json: bool, llm_url: str | None, llm_model: str,
                  fail_on: str, heads_dir: Path | None) -> None:
    """Check a DRAFT reply before sending it ('-' or nothing: read it from stdin)."""
    from .engine import check, use_heads
    from .llm import LLMSettings

    try:
        if heads_dir is not None:
            use_heads(str(heads_dir))
        text = _read_draft(draft)
        ctx = load_context_arg(context) if context is not None else None
        llm = LLMSettings(url=llm_url, model=llm_model) if llm_url else None
        result = check(text, ctx, llm=llm)
    except PatientlyError as exc:
        click.echo(f"error: {visible(str(exc))}", err=True)
        sys.exit(2)
    if as_json:
        click.echo(json_for_terminal(result.model_dump_json(indent=2)))
    else:
        click.echo(render(result, colour=None if sys.stdout.isatty() else False))
    levels = {"warning": ("warning", "problem"), "problem": ("problem",)}.get(fail_on, ())
    if any(f.severity in levels for f in result.flags):
        sys.exit(1)

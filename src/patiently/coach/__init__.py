"""Reply coach: check a draft before it is sent (``patiently check``, ``POST /api/v1/check``).

    from patiently.coach import check
    result = check("As I said, just restart it.", context="Customer: it still crashes!")
    for flag in result.flags:
        print(flag.severity, flag.category, flag.why, flag.suggestion)
"""

from __future__ import annotations

from .context import CoachInputError, parse_context
from .engine import check, get_analyzer, warm_up
from .models import CheckResult, ContextSummary, Flag, Rewrite, Strength, TextSpan

__all__ = ["CheckResult", "CoachInputError", "ContextSummary", "Flag", "Rewrite", "Strength", "TextSpan", "check",
           "get_analyzer", "parse_context", "warm_up"]

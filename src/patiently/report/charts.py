"""Inline SVG charts for the HTML report: pure functions from numbers to SVG strings.

Generated in Python, not by a JS chart library, so the report is one offline file that
prints well and needs no network. Every chart has an accessible name (``role="img"`` and
``aria-label``) and a ``<title>`` tooltip on each mark. All text that can come from input
data (agent names) is escaped here, because the template inserts these strings as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from itertools import pairwise

# (score, RGB) stops. Light tints for cell backgrounds keep dark numbers readable.
_LIGHT = [(0, (244, 166, 160)), (50, (250, 211, 160)), (70, (252, 240, 190)), (85, (207, 236, 207)),
          (100, (150, 210, 165))]
_STRONG = [(0, (201, 64, 52)), (50, (226, 132, 45)), (70, (214, 178, 50)), (85, (82, 168, 100)),
           (100, (46, 125, 79))]
KIND_COLORS = {"good": "#2e7d4f", "bad": "#c0392b", "warn": "#d97706", "customer": "#2563eb",
               "context": "#7c3aed", "info": "#6b7280"}
_FONT = 'font-family="inherit" font-size="12"'
_INK = "#1f2937"
_MUTED = "#6b7280"


def score_color(value: float | None, *, light: bool = False) -> str:
    """A red-amber-green colour for a 0..100 score (grey when not applicable)."""
    if value is None:
        return "#f3f4f6" if light else "#d1d5db"
    stops = _LIGHT if light else _STRONG
    v = max(0.0, min(100.0, float(value)))
    for (a, ca), (b, cb) in pairwise(stops):
        if v <= b:
            t = (v - a) / (b - a)
            rgb = tuple(round(x + (y - x) * t) for x, y in zip(ca, cb, strict=True))
            return "#{:02x}{:02x}{:02x}".format(*rgb)
    return "#{:02x}{:02x}{:02x}".format(*stops[-1][1])


def _svg(width: float, height: float, label: str, body: list[str]) -> str:
    # width="100%" + viewBox: charts shrink on narrow screens and keep their proportions.
    # No xmlns: inline SVG in HTML does not need one, and the report stays free of URLs.
    return (f'<svg class="chart" role="img" aria-label="{escape(label)}" '
            f'viewBox="0 0 {width:g} {height:g}" width="100%" style="max-width:{width:g}px" {_FONT}>'
            f"<title>{escape(label)}</title>{''.join(body)}</svg>")


def _fmt_int(n: float) -> str:
    return f"{int(n):,}"


def histogram(counts: Sequence[int], labels: Sequence[str], *, title: str, unit: str = "conversations",
              colors: Sequence[str] | None = None, width: int = 520, height: int = 210) -> str:
    """Vertical bars, one per bin, with the count above each bar."""
    left, right, top, bottom = 36, 8, 18, 28
    n = max(1, len(counts))
    peak = max(counts, default=0) or 1
    plot_w, plot_h = width - left - right, height - top - bottom
    bw = plot_w / n
    body = [f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#9ca3af"/>']
    for i, (count, lab) in enumerate(zip(counts, labels, strict=False)):
        h = plot_h * count / peak
        x, y = left + i * bw + 2, top + plot_h - h
        fill = colors[i] if colors else "#4b7bd1"
        tip = escape(f"{lab}: {_fmt_int(count)} {unit}")
        body.append(f'<g><title>{tip}</title><rect x="{x:.1f}" y="{y:.1f}" width="{bw - 4:.1f}" '
                    f'height="{max(h, 0.5):.1f}" rx="2" fill="{fill}"/>')
        if count:
            body.append(f'<text x="{x + (bw - 4) / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
                        f'fill="{_INK}" font-size="10">{_fmt_int(count)}</text>')
        body.append(f'<text x="{x + (bw - 4) / 2:.1f}" y="{height - 10}" text-anchor="middle" '
                    f'fill="{_MUTED}" font-size="10">{escape(lab)}</text></g>')
    body.append(f'<text x="4" y="{top + plot_h / 2:.0f}" fill="{_MUTED}" font-size="10" '
                f'transform="rotate(-90 10 {top + plot_h / 2:.0f})" text-anchor="middle">{escape(unit)}</text>')
    return _svg(width, height, title, body)


def hbar_chart(items: Sequence[tuple[str, float | None]], *, title: str, max_value: float = 100.0,
               fmt: Callable[[float], str] = lambda v: f"{v:.0f}",
               color: Callable[[float | None], str] | None = None, tips: Sequence[str] | None = None,
               width: int = 520, label_width: int = 200, row: int = 24) -> str:
    """Horizontal bars with the label on the left and the value at the bar's end;
    ``None`` values are shown as "n/a" (the behaviour never applied)."""
    color = color or (lambda v: score_color(v))
    height = row * len(items) + 8
    plot_w = width - label_width - 44
    body: list[str] = []
    for i, (lab, value) in enumerate(items):
        y = 4 + i * row
        tip = escape(tips[i] if tips else f"{lab}: {'n/a' if value is None else fmt(value)}")
        body.append(f'<g><title>{tip}</title><text x="{label_width - 8}" y="{y + row * 0.65:.1f}" '
                    f'text-anchor="end" fill="{_INK}">{escape(lab)}</text>')
        body.append(f'<rect x="{label_width}" y="{y + 4}" width="{plot_w}" height="{row - 8}" rx="3" fill="#f3f4f6"/>')
        if value is None:
            body.append(f'<text x="{label_width + 6}" y="{y + row * 0.65:.1f}" fill="{_MUTED}">n/a</text></g>')
            continue
        w = plot_w * max(0.0, min(1.0, value / max_value)) if max_value else 0
        body.append(f'<rect x="{label_width}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" rx="3" '
                    f'fill="{color(value)}"/><text x="{label_width + w + 6:.1f}" y="{y + row * 0.65:.1f}" '
                    f'fill="{_INK}" font-weight="600">{escape(fmt(value))}</text></g>')
    return _svg(width, height, title, body)


def heatmap(row_labels: Sequence[str], col_labels: Sequence[str], values: Sequence[Sequence[float | None]], *,
            title: str, row_hrefs: Sequence[str | None] | None = None, label_width: int = 150,
            cell_w: int = 52, cell_h: int = 24, header: int = 135) -> str:
    """Rows x columns of 0..100 scores: tinted cells with the number in each.

    Column labels are slanted so long behaviour names fit above narrow cells; rows can
    link to an anchor (``#agent-...``) in the report.
    """
    # Slanted labels reach up and to the right of the last column: leave room for them.
    width = label_width + cell_w * len(col_labels) + int(header * 1.2)
    height = header + cell_h * len(row_labels) + 6
    body: list[str] = []
    for j, col in enumerate(col_labels):
        x = label_width + j * cell_w + cell_w / 2
        body.append(f'<text x="{x:.1f}" y="{header - 8}" fill="{_INK}" transform="rotate(-35 {x:.1f} {header - 8})"'
                    f'>{escape(col)}</text>')
    for i, row_label in enumerate(row_labels):
        y = header + i * cell_h
        text = (f'<text x="{label_width - 8}" y="{y + cell_h * 0.68:.1f}" text-anchor="end" fill="{_INK}">'
                f"{escape(row_label)}</text>")
        href = row_hrefs[i] if row_hrefs else None
        body.append(f'<a href="{escape(href)}">{text}</a>' if href else text)
        for j, col in enumerate(col_labels):
            v = values[i][j] if j < len(values[i]) else None
            x = label_width + j * cell_w
            shown = "–" if v is None else f"{v:.0f}"
            tip = escape(f"{row_label} · {col}: {'not applicable' if v is None else f'{v:.1f}'}")
            body.append(f'<g><title>{tip}</title><rect x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" '
                        f'height="{cell_h - 2}" rx="2" fill="{score_color(v, light=True)}"/>'
                        f'<text x="{x + cell_w / 2:.1f}" y="{y + cell_h * 0.68:.1f}" text-anchor="middle" '
                        f'fill="{_INK if v is not None else _MUTED}">{shown}</text></g>')
    return _svg(width, height, title, body)


def sparkline(values: Sequence[float | None], *, title: str, labels: Sequence[str] | None = None,
              lo: float | None = None, hi: float | None = None, width: int = 220, height: int = 44,
              color: str = "#4b7bd1") -> str:
    """A small trend line (gaps where a value is missing), last point emphasised."""
    pts = [(i, v) for i, v in enumerate(values) if v is not None]
    body: list[str] = []
    if pts:
        vmin = lo if lo is not None else min(v for _, v in pts)
        vmax = hi if hi is not None else max(v for _, v in pts)
        span = (vmax - vmin) or 1.0
        step = (width - 8) / max(1, len(values) - 1)

        def xy(i: int, v: float) -> tuple[float, float]:
            return 4 + i * step, height - 4 - (height - 8) * (v - vmin) / span

        line = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, v) for i, v in pts))
        body.append(f'<polyline points="{line}" fill="none" stroke="{color}" stroke-width="1.8" '
                    'stroke-linejoin="round" stroke-linecap="round"/>')
        for k, (i, v) in enumerate(pts):
            x, y = xy(i, v)
            lab = labels[i] if labels else str(i + 1)
            r = 2.8 if k == len(pts) - 1 else 1.6
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{color}">'
                        f"<title>{escape(f'{lab}: {v:.1f}')}</title></circle>")
    return _svg(width, height, title, body)


def stacked_bar(parts: Sequence[tuple[str, int, str]], *, title: str, width: int = 520, height: int = 30) -> str:
    """One bar split into (label, count, colour) parts, e.g. calmed / steady / escalating."""
    total = sum(c for _, c, _ in parts) or 1
    body: list[str] = []
    x = 0.0
    for lab, count, fill in parts:
        w = width * count / total
        if w <= 0:
            continue
        pct = 100 * count / total
        body.append(f'<g><title>{escape(f"{lab}: {count:,} ({pct:.0f}%)")}</title>'
                    f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{height}" fill="{fill}"/>')
        shown = f"{lab} {pct:.0f}%"
        if w > 7.5 * len(shown) + 12:  # only label a part the text fits in (bold 12px ≈ 7.5px/char)
            body.append(f'<text x="{x + 6:.1f}" y="{height * 0.66:.1f}" fill="#fff" font-weight="600">'
                        f"{escape(shown)}</text>")
        body.append("</g>")
        x += w
    return _svg(width, height, title, body)

"""Server-rendered SVG bar charts: small, pure, accessible.

Horizontal bars, because region names and article labels are long: each label gets its own line(s) above
its bar, so nothing is cut off on a phone. The chart scales to its container (``viewBox``, ``width="100%"``);
the coordinate system is about a phone's width, so text stays readable when it shrinks. Colours are fixed
on a painted white background, so their contrast does not depend on the page: bars 6.7:1 and 4.7:1
(WCAG 2.1 AA asks 3:1 for graphics), text 15.4:1 (AA asks 4.5:1).

For screen readers the SVG is one image (``role="img"``) named by its ``<title>`` and described by its
``<desc>``, which carries every label and value; the page shows the same numbers as a table too.
"""

from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
import textwrap
from xml.sax.saxutils import escape
from xml.sax.saxutils import quoteattr


BACKGROUND = "#ffffff"
TEXT_COLOUR = "#212529"
BAR_COLOUR = "#1f5f99"
# "Other" and "not stated": set apart from real categories, the label says what they are.
MUTED_BAR_COLOUR = "#6c757d"

WIDTH = 360
PADDING = 8
FONT_SIZE = 14
LINE_HEIGHT = 17
BAR_HEIGHT = 16
ROW_GAP = 12
# Room right of the longest bar for its value ("12,345").
VALUE_ROOM = 64
# Characters per label line: about 0.55 em per character leaves a margin for wide letters.
LABEL_LINE_CHARACTERS = 40
LABEL_MAX_LINES = 3


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    muted: bool = False


def bar_chart(
    bars: Sequence[Bar],
    chart_id: str,
    title: str,
    description: str = "",
    format_number: Callable[[int], str] = str,
) -> str:
    """SVG markup of a horizontal bar chart, or "" when there are no bars (the page shows an empty state).

    ``chart_id`` must be unique in the page (it prefixes the ids of ``<title>`` and ``<desc>``);
    ``format_number`` writes values in the reader's locale.
    """
    if not bars:
        return ""
    largest = max(bar.value for bar in bars) or 1
    bar_room = WIDTH - 2 * PADDING - VALUE_ROOM
    rows = []
    top = PADDING
    for bar in bars:
        lines = _label_lines(bar.label)
        rows.append(_row(bar, lines, top, bar_room * bar.value / largest, format_number))
        top += len(lines) * LINE_HEIGHT + 4 + BAR_HEIGHT + ROW_GAP
    height = top - ROW_GAP + PADDING
    summary = "; ".join(f"{bar.label}: {format_number(bar.value)}" for bar in bars)
    title_id = f"{chart_id}-title"
    desc_id = f"{chart_id}-desc"
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" id={quoteattr(chart_id)} class="coalition-chart"',
            f' role="img" aria-labelledby="{escape(title_id)}" aria-describedby="{escape(desc_id)}"',
            f' viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet"',
            ' style="max-width: 28rem; height: auto;">',
            f'<title id="{escape(title_id)}">{escape(title)}</title>',
            f'<desc id="{escape(desc_id)}">{escape(" ".join(part for part in (description, summary) if part))}</desc>',
            f'<rect width="{WIDTH}" height="{height}" fill="{BACKGROUND}"/>',
            f'<g font-family="system-ui, -apple-system, \'Segoe UI\', Roboto, sans-serif" font-size="{FONT_SIZE}"'
            f' fill="{TEXT_COLOUR}">',
            *rows,
            "</g></svg>",
        ]
    )


def _row(bar: Bar, lines: list[str], top: float, length: float, format_number) -> str:
    """One bar: its label line(s), the bar, and its value right of the bar."""
    parts = ['<g class="coalition-chart-bar">']
    for number, line in enumerate(lines, start=1):
        parts.append(f'<text x="{PADDING}" y="{_n(top + number * LINE_HEIGHT - 4)}">{escape(line)}</text>')
    bar_top = top + len(lines) * LINE_HEIGHT + 4
    # A non-zero value keeps a visible sliver even next to a much larger one.
    length = max(length, 2) if bar.value else 0
    colour = MUTED_BAR_COLOUR if bar.muted else BAR_COLOUR
    parts.append(f'<rect x="{PADDING}" y="{_n(bar_top)}" width="{_n(length)}" height="{BAR_HEIGHT}" fill="{colour}"/>')
    parts.append(
        f'<text class="coalition-chart-value" x="{_n(PADDING + length + 6)}" y="{_n(bar_top + BAR_HEIGHT - 3)}"'
        f' font-weight="bold">{escape(format_number(bar.value))}</text>'
    )
    parts.append("</g>")
    return "".join(parts)


def _label_lines(label: str) -> list[str]:
    """The label wrapped on word boundaries; an over-long label ends with an ellipsis (the table has it all)."""
    lines = textwrap.wrap(label, LABEL_LINE_CHARACTERS, break_long_words=True) or [""]
    if len(lines) > LABEL_MAX_LINES:
        lines = lines[:LABEL_MAX_LINES]
        lines[-1] = lines[-1][: LABEL_LINE_CHARACTERS - 1].rstrip() + "…"
    return lines


def _n(number: float) -> str:
    """A coordinate: at most one decimal, no trailing zeros."""
    return f"{number:.1f}".rstrip("0").rstrip(".")

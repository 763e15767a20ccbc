"""The report's charts: Vega-Lite specs built with Altair, rendered offline to SVG.

Every chart is a ``Chart``: its spec (for a web page that draws it in the browser), the
SVG vl-convert renders from it (for the HTML report and the PDF), a text alternative
that says what the chart shows in words, and its data as a table to print beside it.
The colours are the NL Design System tokens of ``colours``. Rendering is deterministic:
the same data gives the same SVG.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

import altair as alt
import pandas as pd
import vl_convert

from meetlat.i18n import language
from meetlat.reports import colours

WIDTH = 460  # px: fits the A4 text column of the PDF at 96 dpi


@dataclass(frozen=True)
class Table:
    """A table as the report prints it: every cell already a text."""

    caption: str
    columns: list[str]
    rows: list[list[str]]
    numeric: list[bool] = field(default_factory=list)  # right-aligned columns

    def aligned(self) -> list[bool]:
        return self.numeric or [False] * len(self.columns)


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    alt: str  # the text alternative
    spec: dict
    svg: str
    table: Table

    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


def _locale() -> str:
    return "en-GB" if language() == "en" else "nl-NL"


def _config(chart: alt.Chart) -> alt.Chart:
    return (
        chart.properties(width=WIDTH)
        .configure(font="DejaVu Sans", background="white")
        .configure_axis(
            labelColor=colours.TEXT,
            titleColor=colours.TEXT,
            domainColor=colours.MUTED,
            tickColor=colours.MUTED,
            gridColor=colours.GRID,
            labelFontSize=11,
            titleFontSize=11,
            labelLimit=260,
        )
        .configure_legend(labelColor=colours.TEXT, titleColor=colours.TEXT, orient="bottom")
        .configure_view(stroke=None)
    )


def render(key: str, title: str, alt_text: str, chart: alt.Chart, table: Table) -> Chart:
    """The chart's spec and its SVG."""
    spec = _config(chart).to_dict()
    svg = vl_convert.vegalite_to_svg(spec, format_locale=_locale())
    return Chart(key, title, alt_text, spec, svg, table)


def bars(frame: pd.DataFrame, category: str, value: str, value_title: str,
         horizontal: bool = False, percent: bool = False) -> alt.Chart:  # fmt: skip
    """One bar per category, in the frame's order."""
    order = list(frame[category])
    axis = alt.Axis(format=".0f" if percent else ",.0f")
    category_enc = alt.X if not horizontal else alt.Y
    value_enc = alt.Y if not horizontal else alt.X
    height = max(120, 22 * len(order)) if horizontal else 220
    return (
        alt.Chart(frame)
        .mark_bar(color=colours.PRIMARY)
        .encode(
            category_enc(f"{category}:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
            value_enc(f"{value}:Q", title=value_title, axis=axis),
        )
        .properties(height=height)
    )


def paired_bars(frame: pd.DataFrame, category: str, series: str, value: str,
                value_title: str, series_order: list[str],
                domain: tuple | None = None) -> alt.Chart:  # fmt: skip
    """Two or more bars per category (e.g. this period and a year earlier), side by side,
    coloured in ``series_order``'s order by ``colours.SERIES``; ``domain``: the value
    axis' range (default: from the data)."""
    order = list(dict.fromkeys(frame[category]))
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            alt.Y(f"{category}:N", sort=order, title=None),
            alt.YOffset(f"{series}:N", sort=series_order),
            alt.X(
                f"{value}:Q",
                title=value_title,
                **({"scale": alt.Scale(domain=list(domain))} if domain else {}),
            ),  # fmt: skip
            alt.Color(
                f"{series}:N",
                sort=series_order,
                title=None,
                scale=alt.Scale(
                    domain=series_order, range=list(colours.SERIES[: len(series_order)])
                ),
            ),
        )
        .properties(height=max(120, 22 * max(2, len(series_order)) * len(order)))
    )

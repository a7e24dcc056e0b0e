"""Draw one-series bars per year and the contributors trend, in the look of `plot.py`."""

from __future__ import annotations

from typing import Any

import matplotlib
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from deckgen.charts.data import Bars, Trend, WindowBars
from deckgen.charts.image import Palette
from deckgen.charts.plot import (
    LEGEND_PT,
    inks,
    legend_columns,
    new_figure,
    png,
    rc,
    style_year_axes,
)
from deckgen.plural import plural_of

VALUE_PT = 14
LABEL_BARS_UP_TO = 16
MIN_SLOTS = 8
"""Bars are as wide as they would be with this many years, however few there are."""
"""Write each bar's value on it when there are at most this many bars."""


def bars(data: Bars, theme: Palette, size_in: tuple[float, float]) -> bytes:
    """Return the PNG of one bar per year; the partial year's bar hatched, not solid."""
    navy, accent, ink, faint = inks(theme)
    colour = navy if data.colour == "dk2" else accent
    with matplotlib.rc_context(rc(theme.body_font, ink)):
        fig = new_figure(size_in)
        ax: Any = fig.add_subplot()
        ax.patch.set_alpha(0.0)
        for year, value in zip(data.years, data.values, strict=True):
            partial = year == data.partial_year
            ax.bar(
                [year],
                [value],
                width=0.72,
                color=colour if not partial else "none",
                edgecolor=colour,
                hatch="///" if partial else None,
                linewidth=1.2 if partial else 0,
                zorder=2,
            )
        top = max(data.values, default=0)
        if len(data.years) <= LABEL_BARS_UP_TO:
            for year, value in zip(data.years, data.values, strict=True):
                _label_bar(ax, year, value, ink)
        style_year_axes(ax, data.years, data.partial_year, size_in[0], top, ink, faint)
        ax.set_ylim(0, max(1, top) * 1.2)
        pad = max(0, MIN_SLOTS - len(data.years)) / 2  # a few bars stay bar-wide, centred
        ax.set_xlim(data.years[0] - 0.6 - pad, data.years[-1] + 0.6 + pad)
        if data.partial_year in data.years:
            handle = Patch(
                facecolor="none", edgecolor=colour, hatch="///", label=f"{data.partial_year} so far"
            )
            solid = Patch(color=colour, label=_capital(plural_of(data.noun)))
            _legend(fig, [solid, handle], size_in[0])
        return png(fig)


def lines(data: Trend, theme: Palette, size_in: tuple[float, float]) -> bytes:
    """Return the PNG of the contributors and new-contributors lines; the partial year's
    segment dashed and its point hollow."""
    navy, accent, ink, faint = inks(theme)
    with matplotlib.rc_context(rc(theme.body_font, ink)):
        fig = new_figure(size_in)
        ax: Any = fig.add_subplot()
        ax.patch.set_alpha(0.0)
        years = list(data.years)
        cut = len(years) - 1 if data.partial_year == years[-1] and len(years) > 1 else len(years)
        for values, colour in ((data.contributors, navy), (data.new, accent)):
            ax.plot(years[:cut], values[:cut], color=colour, linewidth=3, marker="o", zorder=3)
            if cut < len(years):
                ax.plot(
                    years[cut - 1 :],
                    values[cut - 1 :],
                    color=colour,
                    linewidth=2.5,
                    linestyle=(0, (3, 2)),
                    zorder=3,
                )
                ax.plot(
                    [years[-1]],
                    [values[-1]],
                    color=colour,
                    marker="o",
                    markersize=8,
                    markerfacecolor="white",
                    markeredgewidth=2.5,
                    zorder=4,
                )
        top = max(data.contributors, default=0)
        style_year_axes(ax, data.years, data.partial_year, size_in[0], top, ink, faint)
        handles = [
            Line2D([], [], color=navy, linewidth=3, marker="o", label="Contributors"),
            Line2D([], [], color=accent, linewidth=3, marker="o", label="New contributors"),
        ]
        if cut < len(years):
            handles.append(
                Line2D(
                    [],
                    [],
                    color=ink,
                    linewidth=2.5,
                    linestyle=(0, (3, 2)),
                    marker="o",
                    markerfacecolor="white",
                    label=f"{data.partial_year} so far",
                )
            )
        _legend(fig, handles, size_in[0])
        return png(fig)


def _legend(fig: Any, handles: list[Any], width_in: float) -> None:
    fig.legend(
        handles=handles,
        loc="outside upper left",
        ncol=legend_columns([str(h.get_label()) for h in handles], width_in),
        frameon=False,
        fontsize=LEGEND_PT,
        handlelength=1.6,
        borderaxespad=0.3,
        columnspacing=1.6,
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def window_bars(data: WindowBars, theme: Palette, size_in: tuple[float, float]) -> bytes:
    """Return the PNG of one bar per year's window: earlier years muted, the last in the accent
    colour with its value on it (every bar's value when there are few)."""
    navy, accent, ink, faint = inks(theme)
    with matplotlib.rc_context(rc(theme.body_font, ink)):
        fig = new_figure(size_in)
        ax: Any = fig.add_subplot()
        ax.patch.set_alpha(0.0)
        last = data.years[-1]
        colours = [accent if y == last else navy for y in data.years]
        ax.bar(data.years, data.values, width=0.72, color=colours, zorder=2)
        labelled = data.years if len(data.years) <= LABEL_BARS_UP_TO else (last,)
        for year, value in zip(data.years, data.values, strict=True):
            if year in labelled:
                _label_bar(ax, year, value, accent if year == last else ink)
        top = max(data.values, default=0)
        style_year_axes(ax, data.years, None, size_in[0], top, ink, faint)
        ax.set_ylim(0, max(1, top) * 1.2)
        pad = max(0, MIN_SLOTS - len(data.years)) / 2
        ax.set_xlim(data.years[0] - 0.6 - pad, data.years[-1] + 0.6 + pad)
        earlier = Patch(color=navy, label=f"{_capital(data.noun)}, {data.window} of each year")
        _legend(fig, [earlier, Patch(color=accent, label=str(last))], size_in[0])
        return png(fig)


def _label_bar(ax: Any, year: int, value: int, colour: str) -> None:
    """Write `value` just above the bar of `year`."""
    ax.annotate(
        f"{value:,}",
        (year, value),
        xytext=(0, 4),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=VALUE_PT,
        color=colour,
    )

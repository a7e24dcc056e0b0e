"""Draw charts with matplotlib's Agg canvas: theme colours, slide-sized type, stable bytes.

Imported only when a chart is drawn. No pyplot: a Figure on its own canvas needs no global
backend and leaves no state behind between charts.
"""

from __future__ import annotations

import io
import math
from functools import lru_cache
from typing import Any

import matplotlib
import matplotlib.image
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from deckgen.charts.data import YearSeries
from deckgen.charts.image import Palette
from deckgen.fonts import FALLBACK_FAMILY, FontFile, find_font

DPI = 200
TICK_PT = 16  # slide-size points: the figure is drawn at the size it is shown
LEGEND_PT = 16
FAINT = "#8A94A3"
GRID = "#E3E7ED"


def stacked_bars(
    series: YearSeries,
    old_label: str,
    new_label: str,
    theme: Palette,
    size_in: tuple[float, float],
) -> bytes:
    """Return the PNG of `series` as stacked bars, old at the bottom, new on top."""
    colours = theme.colours
    old_c, new_c = "#" + colours.get("dk2", "1B2A41"), "#" + colours.get("accent1", "E4572E")
    ink, faint = "#" + colours.get("dk1", "1F2633"), "#8A94A3"
    settings: Any = rc(theme.body_font, ink)
    with matplotlib.rc_context(settings):
        fig = Figure(figsize=size_in, dpi=DPI, layout="constrained")
        FigureCanvasAgg(fig)
        fig.patch.set_alpha(0.0)  # the slide's background shows through
        ax = fig.add_subplot()
        ax.patch.set_alpha(0.0)
        years, old, new = series.years, series.old, series.new
        ax.bar(years, old, width=0.72, color=old_c, zorder=2)
        ax.bar(years, new, width=0.72, bottom=old, color=new_c, zorder=2)
        handles = [
            Patch(color=old_c, label=old_label),
            Patch(color=new_c, label=new_label),
        ]
        top = max(series.totals)
        if series.partial_year is not None and series.projected is not None:
            # The rest of the year, if the current rate continues: an outlined, hatched segment
            # on top of the partial bar; its number goes in the legend, where nothing overlaps.
            i = years.index(series.partial_year)
            rest = series.projected - series.totals[i]
            if rest > 0:
                ax.bar(
                    [years[i]],
                    [rest],
                    width=0.72,
                    bottom=[series.totals[i]],
                    facecolor="none",
                    edgecolor=new_c,
                    hatch="///",
                    linewidth=1.2,
                    zorder=2,
                )
                label = f"{series.partial_year} at the current rate: ≈{series.projected:,}"
                handles.append(Patch(facecolor="none", edgecolor=new_c, hatch="///", label=label))
                top = max(top, series.projected)
        _style_axes(ax, series, size_in[0], top, ink, faint)
        fig.legend(
            handles=handles,
            loc="outside upper left",
            ncol=legend_columns([str(h.get_label()) for h in handles], size_in[0]),
            frameon=False,
            fontsize=LEGEND_PT,
            handlelength=1.2,
            borderaxespad=0.3,
            columnspacing=1.6,
        )
        return png(fig)


def png(fig: Figure) -> bytes:
    """Return `fig` as PNG bytes without a timestamp or version in them.

    The bytes `fig.savefig(out, format="png", dpi=DPI, metadata={"Software": None})` gives, in
    one pass instead of two: with a layout engine, `savefig` first draws the whole figure
    without rendering to lay it out, then draws it again; drawing on the canvas lays it out
    and renders it at once (about a sixth of a chart's Python calls), and matplotlib's own
    `imsave` encodes the pixels as `savefig` does.
    """
    fig.canvas.draw()
    out = io.BytesIO()
    no_software: Any = {"Software": None}  # None drops matplotlib's default entry
    matplotlib.image.imsave(
        out,
        fig.canvas.buffer_rgba(),  # type: ignore[attr-defined]
        format="png",
        origin="upper",
        dpi=DPI,
        metadata=no_software,
    )
    return out.getvalue()


def new_figure(size_in: tuple[float, float]) -> Figure:
    """Return a transparent figure of `size_in` inches on its own Agg canvas."""
    fig = Figure(figsize=size_in, dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    fig.patch.set_alpha(0.0)  # the slide's background shows through
    return fig


def inks(theme: Palette) -> tuple[str, str, str, str]:
    """Return the (old/navy, new/accent, text, faint) colours of `theme` as '#RRGGBB'."""
    colours = theme.colours
    return (
        "#" + colours.get("dk2", "1B2A41"),
        "#" + colours.get("accent1", "E4572E"),
        "#" + colours.get("dk1", "1F2633"),
        FAINT,
    )


def legend_columns(labels: list[str], width_in: float) -> int:
    """Return how many legend entries fit side by side in `width_in` (at least one)."""
    for ncol in range(len(labels), 1, -1):
        widths = [0.5 + len(label) * 0.5 * LEGEND_PT / 72 + 0.25 for label in labels]
        rows = [widths[i : i + ncol] for i in range(0, len(widths), ncol)]
        columns = [max(row[c] for row in rows if c < len(row)) for c in range(ncol)]
        if sum(columns) <= width_in * 0.95:
            return ncol
    return 1


def _style_axes(
    ax: Any, series: YearSeries, width_in: float, top: int, ink: str, faint: str
) -> None:
    style_year_axes(ax, series.years, series.partial_year, width_in, top, ink, faint)


def style_year_axes(
    ax: Any,
    years: tuple[int, ...],
    partial: int | None,
    width_in: float,
    top: float,
    ink: str,
    faint: str,
) -> None:
    """Style per-year axes: a labelled year every so often, the partial year "so far",
    thousands separators, a light horizontal grid and no box."""
    # Label every year when they fit (a label needs ~0.7 in at 16 pt), else every 2nd/5th/10th,
    # counting back from the latest year so that it always has its label.
    room = max(1, int(width_in / 0.7))
    step = next((s for s in (1, 2, 5, 10, 20, 50) if math.ceil(len(years) / s) <= room), 100)
    ax.set_xticks([y for y in years if (years[-1] - y) % step == 0])
    # The partial year is labelled as unfinished: its bar is not a whole year.
    ax.xaxis.set_major_formatter(
        FuncFormatter(lambda v, _pos: f"{int(v)}\nso far" if int(v) == partial else f"{int(v)}")
    )
    ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    ax.set_ylim(0, max(1, top) * 1.12)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
    ax.yaxis.get_major_locator().set_params(integer=True, nbins=5)
    ax.tick_params(axis="both", labelsize=TICK_PT, colors=ink, length=0, pad=6)
    ax.grid(axis="y", color="#E3E7ED", linewidth=1.0, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(faint)


def rc(font: str, ink: str) -> Any:
    return {
        "font.family": "sans-serif",
        "font.sans-serif": _fonts(font),
        "text.color": ink,
        "hatch.linewidth": 1.2,
        "svg.hashsalt": "deckgen",
        "path.simplify": False,
    }


def _fonts(font: str) -> list[str]:
    """Return the family names to draw text in: the face text measuring uses for the theme
    font `font`, then DejaVu Sans for characters that face lacks."""
    return [chart_family(font), FALLBACK_FAMILY]


def chart_family(font: str) -> str:
    """Register with matplotlib the file `deckgen.fonts` finds for the theme font `font` (the
    font itself, its metric twin or DejaVu Sans); return the family name it goes by there.

    Asking matplotlib for a family by name would read its font list cache, which is written once
    and then kept: a font installed after matplotlib first ran would never be found, and the
    charts would silently fall back to another typeface than the slide text's.
    """
    return _registered(find_font(font, bold=False))


@lru_cache(maxsize=8)
def _registered(face: FontFile) -> str:
    entries = font_manager.fontManager.ttflist
    known = len(entries)
    font_manager.fontManager.addfont(face.path)
    # matplotlib reads every face of a collection (≥ 3.10; before, the first one only)
    ours = [e for e in entries[known:] if getattr(e, "index", 0) == face.index] or entries[known:]
    # First in the list: another file of the same family name can then not win a tie.
    entries[known:] = [e for e in entries[known:] if e not in ours]
    entries[:0] = ours
    return str(ours[0].name)

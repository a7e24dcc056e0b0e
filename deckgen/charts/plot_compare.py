"""Draw panels of horizontal bars side by side (groups, organisations), in `plot.py`'s look."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib
from matplotlib.ticker import FuncFormatter

from deckgen.charts.data import Panel
from deckgen.charts.image import Palette
from deckgen.charts.plot import GRID, TICK_PT, inks, new_figure, png, rc

HEADING_PT = 18
VALUE_PT = 15


def panels(data: Sequence[Panel], theme: Palette, size_in: tuple[float, float]) -> bytes:
    """Return the PNG of `data`, one panel of horizontal bars each, first label at the top."""
    navy, accent, ink, faint = inks(theme)
    with matplotlib.rc_context(rc(theme.body_font, ink)):
        fig = new_figure(size_in)
        axes: Any = fig.subplots(1, len(data), sharey=True, squeeze=False)[0]
        for ax, panel in zip(axes, data, strict=True):
            colour = navy if panel.colour == "dk2" else accent
            rows = list(range(len(panel.labels)))
            ax.patch.set_alpha(0.0)
            ax.barh(rows, panel.values, height=0.62, color=colour, zorder=2)
            ax.set_yticks(rows, labels=list(panel.labels))
            top = max(panel.values, default=0) or 1
            total = sum(panel.values) or 1
            for row, value in zip(rows, panel.values, strict=True):
                text = f"{value:,}" + (f"  {value / total:.0%}" if panel.shares else "")
                ax.annotate(
                    text,
                    (value, row),
                    xytext=(6, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=VALUE_PT,
                    color=ink,
                )
            ax.set_xlim(0, top * (1.35 if panel.shares else 1.22))
            ax.set_title(panel.heading, loc="left", fontsize=HEADING_PT, color=ink, pad=8)
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
            ax.xaxis.get_major_locator().set_params(integer=True, nbins=4)
            ax.tick_params(axis="both", labelsize=TICK_PT, colors=ink, length=0, pad=6)
            ax.grid(axis="x", color=GRID, linewidth=1.0, zorder=0)
            ax.set_axisbelow(True)
            for side in ("top", "right", "bottom"):
                ax.spines[side].set_visible(False)
            ax.spines["left"].set_color(faint)
        axes[0].invert_yaxis()  # the y axis is shared: first label at the top
        return png(fig)

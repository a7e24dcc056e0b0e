"""Editable PowerPoint charts (`native: true`): python-pptx's chart API, in the theme's colours.

The chart stage hands over the numbers (`NativeChart`); the workbook python-pptx embeds for them
is made byte-stable by `package.stable_bytes`.
"""

from __future__ import annotations

import math
from typing import Any, cast

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.util import Emu, Pt

from deckgen.charts.image import NativeChart
from deckgen.deck.theme import Theme

FONT_PT = 16
GRID = RGBColor(0xE3, 0xE7, 0xED)  # type: ignore[no-untyped-call]
AXIS = RGBColor(0x8A, 0x94, 0xA3)  # type: ignore[no-untyped-call]
_TYPES = {
    "stacked_bars": XL_CHART_TYPE.COLUMN_STACKED,
    "bars": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "lines": XL_CHART_TYPE.LINE_MARKERS,
}
_SLOTS = {
    "dk1": MSO_THEME_COLOR.TEXT_1,
    "dk2": MSO_THEME_COLOR.TEXT_2,
    **{f"accent{i}": getattr(MSO_THEME_COLOR, f"ACCENT_{i}") for i in range(1, 7)},
}


def add_native_chart(
    slide: Slide, box: tuple[Emu, ...], data: NativeChart, theme: Theme
) -> GraphicFrame:
    """Add an editable chart of `data` in `box` (left, top, width, height)."""
    chart_data: Any = CategoryChartData(number_format="#,##0")  # type: ignore[no-untyped-call]
    chart_data.categories = list(data.categories)
    for series in data.series:
        chart_data.add_series(series.name, list(series.values))
    left, top, width, height = box
    frame: Any = slide.shapes.add_chart(_TYPES[data.style], left, top, width, height, chart_data)
    chart: Any = frame.chart
    _set_font(chart.font, theme.body_font)
    chart.has_title = False  # the slide's title says it; a one-series chart would repeat it
    chart.has_legend = len(data.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        _set_font(chart.legend.font, theme.body_font)
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = GRID
    value_axis.format.line.fill.background()
    _set_font(value_axis.tick_labels.font, theme.body_font)
    value_axis.tick_labels.number_format = "#,##0"
    value_axis.tick_labels.number_format_is_linked = False
    value_axis.major_unit = nice_step(_top(data))
    category_axis = chart.category_axis
    _set_font(category_axis.tick_labels.font, theme.body_font)
    skip = label_step(len(data.categories), Emu(int(width)).inches)
    if skip > 1:  # as on the pictures: a label every few years when all of them do not fit
        _label_skip(category_axis._element, skip)
    category_axis.format.line.color.rgb = AXIS
    plot = chart.plots[0]
    if data.style != "lines":
        plot.gap_width = 40
        if data.style == "stacked_bars":
            plot.overlap = 100
    for series, spec in zip(plot.series, data.series, strict=True):
        colour = _SLOTS.get(spec.colour, MSO_THEME_COLOR.ACCENT_1)
        if data.style == "lines":
            series.format.line.color.theme_color = colour
            series.format.line.width = Pt(3)
            series.smooth = False
            series.marker.style = XL_MARKER_STYLE.CIRCLE
            series.marker.size = 7
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.theme_color = colour
            series.marker.format.line.color.theme_color = colour
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.theme_color = colour
    return cast(GraphicFrame, frame)


def _set_font(font: Any, name: str) -> None:
    """Name the theme font and size on a text element of the chart: each one that sets its own
    size has its own text properties, and they name no font unless told."""
    font.size = Pt(FONT_PT)
    font.name = name


def _top(data: NativeChart) -> float:
    """Return the highest value the chart shows (stacked: the highest total)."""
    if data.style == "stacked_bars":
        totals = zip(*(s.values for s in data.series), strict=True)
        return max((sum(v or 0 for v in t) for t in totals), default=0)
    return max((v or 0 for s in data.series for v in s.values), default=0)


def nice_step(top: float, ticks: int = 5) -> float:
    """Return a round gridline step (1, 2 or 5 × 10ⁿ, at least 1: counts are whole) giving
    about `ticks` lines up to `top`."""
    raw = max(top / ticks, 1.0)
    power = 10 ** math.floor(math.log10(raw))
    return float(next(m * power for m in (1, 2, 5, 10) if m * power >= raw))


def label_step(count: int, width_in: float) -> int:
    """Return every how many categories to label: a label needs about 0.8 in at 16 pt."""
    room = max(1, int(width_in / 0.8))
    return next((s for s in (1, 2, 5, 10, 20, 50) if math.ceil(count / s) <= room), 100)


def _label_skip(axis: Any, skip: int) -> None:
    """Set `c:tickLblSkip` on a category axis, in its place in the schema's sequence."""
    element = parse_xml(f'<c:tickLblSkip {nsdecls("c")} val="{skip}"/>')
    later = [qn(f"c:{t}") for t in ("tickMarkSkip", "noMultiLvlLbl", "extLst")]
    follower = next((child for child in axis if child.tag in later), None)
    if follower is not None:
        follower.addprevious(element)
    else:
        axis.append(element)

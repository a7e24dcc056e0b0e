"""Run as a script in a fresh process: draw one chart and print, as JSON, the font files
matplotlib drew its text with (the first of each fallback list: the face the text is set in).

A separate process because matplotlib reads its font list cache once, when it is imported.
"""

from __future__ import annotations

import json
from typing import Any

from matplotlib.backends import backend_agg

from deckgen.charts import draw_chart
from tests.charts.chartdata import Palette, make_metrics, plateau

USED: set[str] = set()
_get_font = backend_agg.get_font


def _spy(paths: Any, *args: Any, **kwargs: Any) -> Any:
    USED.add(str(paths[0]))
    return _get_font(paths, *args, **kwargs)


if __name__ == "__main__":
    backend_agg.get_font = _spy
    draw_chart("commits_by_year", make_metrics(plateau()), "all", Palette(), (8.0, 4.5))
    print(json.dumps(sorted(USED)))

"""Charts that compare groups and organisations in the period."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

import pytest
from PIL import Image

from deckgen.charts import draw_chart
from deckgen.charts.compare import OrgsShare, period_words
from deckgen.errors import RenderError
from deckgen.metrics.model import ComponentStats, ScopeMetrics
from tests.charts.chartdata import Palette, make_metrics


@dataclass(frozen=True)
class Org:
    commits: int
    contributors: int


def test_groups_compare(scope: ScopeMetrics, palette: Palette) -> None:
    core = replace(scope, name="core", commits=1234, contributors=56)
    bindings = replace(scope, name="bindings", commits=321, contributors=12)
    metrics = make_metrics(scope, groups={"core": core, "bindings": bindings})
    image = draw_chart("groups_compare", metrics, "all", palette, (11.8, 4.5))
    assert image.alt_text == (
        "Bars comparing the groups, 1 January – 30 June 2026. core: 1,234 commits by 56 "
        "contributors; bindings: 321 commits by 12 contributors."
    )
    with Image.open(io.BytesIO(image.png)) as png:
        assert png.size == (2360, 900)
    assert image.native is None


def test_orgs_share_ranks_and_sums_the_rest(scope: ScopeMetrics, palette: Palette) -> None:
    orgs = {f"Org {i}": Org(10 * i, 1) for i in range(1, 11)}
    with_orgs = replace(scope, commits=550, organisations=orgs, elephant_factor=3)
    metrics = make_metrics(with_orgs)
    panel = OrgsShare().panel(metrics, "all")
    assert panel.labels[:2] == ("Org 10", "Org 9") and panel.labels[-1] == "Others (2)"
    assert panel.values[-1] == 30
    image = draw_chart("orgs_share", metrics, "all", palette, (11.8, 4.5))
    assert image.alt_text.startswith(
        "Bars of commits per organisation, 1 January – 30 June 2026: Org 10 18% (100), "
    )
    assert image.alt_text.endswith("Others (2) 5% (30); elephant factor 3.")


def test_orgs_share_needs_affiliations(scope: ScopeMetrics, palette: Palette) -> None:
    with pytest.raises(RenderError) as caught:
        draw_chart("orgs_share", make_metrics(replace(scope, commits=5)), "all", palette, (8, 4))
    assert str(caught.value) == (
        "chart 'orgs_share': no affiliations configured: add identity.affiliations"
    )


def test_no_commits_in_the_period(scope: ScopeMetrics, palette: Palette) -> None:
    """Without a commit in the period no organisation can have one: that is what is shown
    (with or without affiliations), and the groups' bars would all be zero."""
    groups = {"core": replace(scope, name="core"), "bindings": replace(scope, name="bindings")}
    metrics = make_metrics(scope, groups=groups)
    for name in ("orgs_share", "groups_compare"):
        image = draw_chart(name, metrics, "all", palette, (8, 4))
        assert (image.empty, image.png) == ("No commits in the period", b"")


def test_period_words(scope: ScopeMetrics) -> None:
    assert period_words(make_metrics(scope).period) == "1 January – 30 June 2026"


def test_components_most_commits_first(scope: ScopeMetrics, palette: Palette) -> None:
    parts = {
        "docs": ComponentStats(12, 5),
        "qemu": ComponentStats(1200, 80),
        "lxc": ComponentStats(0, 0),
        "ch": ComponentStats(40, 3),
    }
    metrics = make_metrics(replace(scope, components=parts))
    image = draw_chart("components", metrics, "all", palette, (11.8, 4.5))
    assert image.alt_text == (
        "Bars comparing the components, 1 January – 30 June 2026. qemu: 1,200 commits by 80 "
        "authors; ch: 40 commits by 3 authors; docs: 12 commits by 5 authors; lxc: 0 commits "
        "by 0 authors."
    )
    with Image.open(io.BytesIO(image.png)) as png:
        assert png.size == (2360, 900)


def test_components_without_commits_or_components(scope: ScopeMetrics, palette: Palette) -> None:
    idle = make_metrics(replace(scope, components={"qemu": ComponentStats(0, 0)}))
    assert draw_chart("components", idle, "all", palette, (11.8, 4.5)).empty
    with pytest.raises(RenderError) as failed:
        draw_chart("components", make_metrics(scope), "all", palette, (11.8, 4.5))
    assert str(failed.value) == (
        "chart 'components': no components: add `components` to the outline "
        "(`deckgen help outline`)"
    )

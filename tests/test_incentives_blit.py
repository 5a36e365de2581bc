"""The module 03 apps' charts draw only what moves (plots/blit.py): every PNG they send must be the
picture a full draw of the same figure gives, over a sequence of changes that moves the axes and
back, and a second chart of the same kind reuses the first one's layout."""
import io

import numpy as np
import pytest
from PIL import Image

from course_lib import agency
from course_lib.cases import load_team
from course_lib.i18n import set_language
from course_lib.incentives import Plan
from course_lib.incentives_team import apply_plan
from course_lib.plots import blit
from course_lib.plots.incentives import DesignerChart, PhaseChart, UniformChart
from course_lib.plots.style import to_png


def pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB")).astype(int)


def same_as_full_draw(chart) -> bool:
    return np.array_equal(pixels(chart.png()), pixels(to_png(chart.fig)))


@pytest.fixture(params=["nb", "en"])
def lang(request):
    set_language(request.param)
    blit.clear_caches()
    yield request.param
    set_language("nb")


def test_plan_designer_chart(lang):
    team = load_team()
    chart = DesignerChart(10)
    for ote, base_share, threshold, cap in [(65_000, 0.6, 0.0, None), (65_000, 0.6, 0.5, 2.0),
                                            (80_000, 0.4, 0.3, 1.5), (65_000, 0.62, 0.0, None)]:
        plan = Plan.from_ote(ote, base_share, 380_000, threshold=threshold, cap=cap)
        chart.update(plan, apply_plan(plan, team))
        assert same_as_full_draw(chart), (ote, base_share, threshold, cap)
    second = DesignerChart(10)
    assert [ax.get_position().bounds for ax in second.fig.axes] == [ax.get_position().bounds for ax in chart.fig.axes]


def test_phase_chart_with_and_without_reference(lang):
    chart = PhaseChart()
    for new, phase, months in [(0.4, "loyalty", 24), (0.9, "growth", 36), (0.45, "loyalty", 24)]:
        result = agency.simulate_phase(agency.weighted_plan(new, 1 - new), phase, months=months)
        chart.update(result, agency.simulate_phase(agency.weighted_plan(1.0), phase, months=months))
        assert same_as_full_draw(chart), (new, phase, months)
    chart.update(result, None)          # the reference hidden: not drawn over the background
    assert same_as_full_draw(chart)


def test_uniform_vs_tailored_chart(lang):
    chart = UniformChart()
    for uniform, growth, loyalty in [(0.5, 0.9, 0.4), (0.05, 0.95, 0.1), (0.55, 0.9, 0.4)]:
        table = agency.uniform_vs_tailored(agency.weighted_plan(uniform, 1 - uniform), {
            "growth": agency.weighted_plan(growth, 1 - growth), "loyalty": agency.weighted_plan(loyalty, 1 - loyalty)})
        chart.update(table)
        assert same_as_full_draw(chart), (uniform, growth, loyalty)



def test_a_redraw_restores_every_pixel_of_the_background(lang):
    """The background covers the whole image, the last column and row included (matplotlib's
    copy_from_bbox(fig.bbox) leaves out the last column, which then kept an earlier redraw's pixels)."""
    chart = PhaseChart()
    result = agency.simulate_phase(agency.weighted_plan(0.4, 0.6), "loyalty")
    chart.update(result, None)
    first = chart.png()
    buffer = np.asarray(chart.fig.canvas.buffer_rgba())
    buffer[:, -1] = buffer[-1, :] = buffer[0, :] = buffer[:, 0] = (255, 0, 0, 255)
    chart.update(result, None)
    assert np.array_equal(pixels(chart.png()), pixels(first))

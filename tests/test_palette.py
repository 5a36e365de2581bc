"""Contrast of the course's colours (WCAG 2.1 AA): marks 3:1, text 4.5:1, apart for colour-blind readers.

The palette lives in ``course_lib/plots/style.py``; these tests compute the ratios (WCAG's relative
luminance formula, ``style.contrast_ratio``) instead of trusting the comments beside the colours.
"""
from __future__ import annotations

import itertools
import re
from pathlib import Path

import numpy as np
import pytest

from course_lib.plots.style import DARK, PALETTE, SERIES, contrast_ratio

ROOT = Path(__file__).resolve().parents[1]
MARK_MIN, TEXT_MIN = 3.0, 4.5


def test_contrast_ratio_matches_wcag_reference_values():
    """Does the ratio agree with known values (black 21:1, #767676 4.54:1, the old grey 2.85:1)?"""
    assert contrast_ratio("#000000") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#767676") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#999999") == pytest.approx(2.85, abs=0.01)
    assert contrast_ratio("#E69F00") == pytest.approx(2.25, abs=0.01)
    # alpha is blended over white: half-transparent black is #808080
    assert contrast_ratio((0, 0, 0, 0.5)) == pytest.approx(contrast_ratio("#808080"), abs=0.05)


@pytest.mark.parametrize("name", sorted(PALETTE))
def test_every_palette_colour_for_lines_bars_and_marks_has_3_to_1_on_white(name):
    """Does every colour that draws a line, a bar or a mark reach 3:1 on white (WCAG 1.4.11)?"""
    assert contrast_ratio(PALETTE[name]) >= MARK_MIN, (name, PALETTE[name], round(contrast_ratio(PALETTE[name]), 2))


@pytest.mark.parametrize("name", sorted(DARK))
def test_every_text_colour_has_4_5_to_1_on_white(name):
    """Does every text colour reach 4.5:1 on white (WCAG 1.4.3)?"""
    assert contrast_ratio(DARK[name]) >= TEXT_MIN, (name, DARK[name], round(contrast_ratio(DARK[name]), 2))


# Machado, Oliveira & Fernandes (2009), severity 1.0: linear-RGB simulation of the three dichromacies.
_CVD = {
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}


def _lab(hex_colour: str, matrix) -> np.ndarray:
    """CIELAB (D65) of ``hex_colour`` as seen through a dichromacy ``matrix``."""
    c = np.array([int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)])
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    lin = np.clip(np.asarray(matrix) @ lin, 0, 1)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ lin
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > 0.008856, np.cbrt(t), 7.787 * t + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def test_series_colours_stay_apart_for_colour_blind_readers():
    """Darkened for contrast, do the series colours (and grey) still differ under simulated dichromacy?

    The published Okabe-Ito set with the old grey fails this (purple and #999999 merge for
    deuteranopes, ΔE 7); a darkened orange next to the published vermillion would too (ΔE 1).
    """
    colours = dict(zip(("blue", "orange", "green", "vermillion", "sky", "purple", "black"), SERIES))
    colours["grey"] = PALETTE["grey"]
    too_close = []
    for kind, matrix in _CVD.items():
        for (a, ca), (b, cb) in itertools.combinations(colours.items(), 2):
            delta = float(np.linalg.norm(_lab(ca, matrix) - _lab(cb, matrix)))
            if delta < 10:
                too_close.append(f"{kind}: {a}/{b} ΔE {delta:.1f}")
    assert not too_close, too_close


_HEX = re.compile(r"#[0-9A-Fa-f]{3}(?:[0-9A-Fa-f]{3})?\b")


def test_plot_modules_take_their_colours_from_the_one_palette():
    """Is every colour of a figure named in plots/style.py (no hex literal in another plot module)?"""
    stray = [f"{p.name}:{n}: {line.strip()}" for p in sorted((ROOT / "course_lib" / "plots").glob("*.py"))
             if p.name != "style.py"
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if _HEX.search(line)]
    assert not stray, stray


_CSS_TEXT_COLOUR = re.compile(r"(?<![-\w])color\s*:\s*(#[0-9A-Fa-f]{6}\b|#[0-9A-Fa-f]{3}\b)")


def test_text_colours_in_the_apps_html_reach_4_5_to_1():
    """Does every CSS text colour written in the widgets and HTML figures reach 4.5:1 on white?"""
    weak = []
    for path in sorted((ROOT / "course_lib").glob("**/*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for colour in _CSS_TEXT_COLOUR.findall(line):
                full = colour if len(colour) == 7 else "#" + "".join(ch * 2 for ch in colour[1:])
                if contrast_ratio(full) < TEXT_MIN:
                    weak.append(f"{path.relative_to(ROOT)}:{n}: {colour} {contrast_ratio(full):.2f}:1")
    assert not weak, weak


# the apps whose figures draw with grey, orange or sky (the colours darkened for contrast)
MARK_APPS = ["motivation.expectancy", "motivation.rewards", "incentives.designer", "incentives.uniform",
             "delegation.levels", "goals.forecast", "goals.dashboard", "digital.steps"]


def _figures():
    """The figure of each app in ``MARK_APPS`` (built through the app, so the blitted charts count)."""
    import importlib

    from matplotlib.figure import Figure

    from course_lib.present import APPS

    for name in MARK_APPS:
        module, call = APPS[name]
        app = eval(call, vars(importlib.import_module(module)))  # noqa: S307 - the course's own table
        for holder in [app, *vars(app).values()]:
            for value in (vars(holder).values() if hasattr(holder, "__dict__") else ()):
                if isinstance(value, Figure):
                    yield name, value


def _mark_colours(fig):
    """(what, rgba) of every visible line, marker, bar and point of ``fig``; shading (alpha < 0.5) left out."""
    from matplotlib.collections import Collection
    from matplotlib.colors import to_rgba
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    for ax in fig.axes:
        for artist in ax.get_children():
            if not artist.get_visible() or artist is ax.patch:
                continue
            found = []
            if isinstance(artist, Line2D) and len(artist.get_xdata()):
                found.append(artist.get_color())
                if artist.get_marker() not in (None, "None", "", " "):
                    found.append(artist.get_markerfacecolor())
            elif isinstance(artist, Patch):
                found.append(artist.get_facecolor() if artist.get_fill() else artist.get_edgecolor())
            elif isinstance(artist, Collection) and len(artist.get_facecolor()):
                found.append(tuple(artist.get_facecolor()[0]))
            for colour in found:
                rgba = list(to_rgba(colour))
                if artist.get_alpha() is not None:
                    rgba[3] = artist.get_alpha()
                if rgba[3] >= 0.5 and rgba[:3] != [1.0, 1.0, 1.0]:  # white: text and marks on dark cells
                    yield f"{type(artist).__name__} {artist.get_label()}", tuple(rgba)


def test_every_mark_the_apps_draw_reaches_3_to_1():
    """Is every line, bar and point the apps draw (alpha blended over white) at least 3:1?

    Shading with alpha below 0.5 (bands, ranges behind the marks) is a background, not a mark.
    """
    from course_lib import set_language

    set_language("en")
    weak, seen = [], 0
    for name, fig in _figures():
        seen += 1
        for what, rgba in _mark_colours(fig):
            if contrast_ratio(rgba) < MARK_MIN:
                weak.append(f"{name}: {what} {np.round(rgba, 2).tolist()} {contrast_ratio(rgba):.2f}:1")
    assert seen == len(MARK_APPS), "every app should expose its figure"
    assert not weak, weak

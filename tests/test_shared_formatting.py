"""The course's one formatting path: tables, tick labels, slider readouts and message values."""
import math

import ipywidgets as widgets
import pandas as pd
import pytest

from course_lib import i18n
from course_lib.i18n import format_plain, t
from course_lib.plots.style import new_figure, number_axis, to_png
from course_lib.tables import cell_formatter, learner_table
from course_lib.widgets.base import readout


def test_table_formats_money_shares_and_categories_in_norwegian():
    """Does a team table read 43 345 000 kr, 101,5 % and Øst in nb?"""
    df = pd.DataFrame({"region": ["east", "west"], "sales": [43345000.0, 1200.4],
                       "attainment": [1.014613, 0.9]})
    table = learner_table(df, formats={"sales": "money", "attainment": "percent"},
                          labels={"region": {"nb": "Region", "en": "Region"}, "attainment": {"nb": "Måloppnåelse", "en": "Attainment"}},
                          values={"region": {"east": {"nb": "Øst", "en": "East"}, "west": {"nb": "Vest", "en": "West"}}})
    assert table.frame.values.tolist() == [["Øst", "43 345 000 kr", "101,5 %"], ["Vest", "1 200 kr", "90,0 %"]]
    assert list(table.frame.columns) == ["Region", "sales", "Måloppnåelse"]
    assert "43 345 000 kr" in table._repr_html_() and "101,5 %" in str(table)


def test_table_in_english_and_default_formats():
    """Are unformatted float columns shown without float noise, and English money with NOK?"""
    i18n.set_language("en")
    df = pd.DataFrame({"x": [0.1 + 0.2], "n": [1200], "cost": [107063.15]})
    table = learner_table(df, formats={"cost": "money"})
    assert table.frame.values.tolist() == [["0.3", "1,200", "NOK 107,063"]]


def test_table_escapes_text_and_translates_by_prefix():
    """Is learner text escaped in HTML and are values translated through a message-key prefix?"""
    df = pd.DataFrame({"name": ["<script>alert(1)</script>"], "lang": ["nb"]})
    html = learner_table(df, values={"lang": "no.such.prefix."}).to_html()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_table_rejects_unknown_format():
    with pytest.raises(ValueError, match="money"):
        cell_formatter("euro")


def test_missing_values_show_a_dash():
    assert learner_table({"a": float("nan")}, formats={"a": "money"}).frame.iloc[0, 0] == "–"


def test_message_values_follow_the_language():
    """Would "Vektene må summere til 1 ... 1.2" now read 1,2 in Norwegian?"""
    assert t("content.too_large", limit=1.2) .startswith("filen er for stor (grensen er 1,2)")
    assert t("content.too_large", limit=1.2, lang="en").startswith("the file is too large (the limit is 1.2)")
    assert format_plain(0.6299999999999999, lang="nb") == "0,63"
    assert format_plain(float("inf"), lang="nb") == "uendelig"
    assert format_plain(True) == "True"


@pytest.mark.parametrize("lang, expected", [("nb", "0,4"), ("en", "0.4")])
def test_default_ticks_use_the_language(lang, expected):
    """Does a plot without explicit formatters get ticks like 0,5 in nb once it is rendered?"""
    i18n.set_language(lang)
    fig, ax = new_figure()
    ax.plot([0, 0.5, 1.0], [0, 0.5, 1.0])
    to_png(fig)
    labels = [label.get_text() for label in ax.get_xticklabels()]
    assert expected in labels
    wrong = "0.4" if lang == "nb" else "0,4"
    assert wrong not in labels


def test_number_axis_with_fixed_decimals():
    fig, ax = new_figure()
    ax.plot([0, 1], [0, 1])
    number_axis(ax, "y", decimals=2)
    fig.draw_without_rendering()
    assert "0,40" in [label.get_text() for label in ax.get_yticklabels()]


def test_readout_follows_the_slider_in_the_language():
    """Does a slider's readout show 0,75 in nb and 12.5% in en, and follow changes?"""
    slider = widgets.FloatSlider(value=0.5, min=0, max=1, step=0.05)
    box = readout(slider)
    label = box.children[1]
    assert slider.readout is False and label.value == "0,50"
    slider.value = 0.75
    assert label.value == "0,75"
    i18n.set_language("en")
    other = widgets.FloatSlider(value=0.125, min=0, max=1, step=0.005)
    assert readout(other, "percent").children[1].value == "12.5%"
    money = widgets.IntSlider(value=1_200_000, min=0, max=2_000_000, step=10_000)
    assert readout(money, "money").children[1].value == "NOK 1,200,000"
    with pytest.raises(ValueError):
        readout(money, "euro")


def test_bare_figure_has_a_png_formatter_in_ipython():
    """A Figure as a cell's value renders as PNG (not '<Figure size ...>') when IPython runs."""
    from IPython.core.interactiveshell import InteractiveShell
    from matplotlib.figure import Figure

    from course_lib.plots.style import register_notebook_display

    shell = InteractiveShell.instance()
    register_notebook_display()
    fig, ax = new_figure()
    ax.plot([1, 2])
    data, _ = shell.display_formatter.format(fig)
    assert "image/png" in data and isinstance(fig, Figure)
    assert not math.isnan(len(data["image/png"]))


def test_figures_carry_a_text_alternative_in_the_language():
    """Does every figure shown through the course have alt text a screen reader reads?"""
    from course_lib.plots.style import set_alt
    from course_lib.widgets.base import figure_image, show_figure

    fig, ax = new_figure()
    ax.plot([1, 2], label="Øst")
    ax.set_title("Salg per måned")
    ax.set_xlabel("Måned")
    ax.legend()
    image = figure_image(fig)
    assert image.alt == "Figur: Salg per måned. Vannrett akse: Måned. Serier: Øst."
    assert 'alt="Figur: Salg per måned.' in image._repr_html_() and image._repr_png_().startswith(b"\x89PNG")
    set_alt(fig, 'Utbetaling <b>"stiger"</b> fra 0 til 2,5 × målbonus')
    out = widgets.Output()
    show_figure(out, fig)
    data = out.outputs[0]["data"]
    assert "image/png" in data and "&lt;b&gt;&quot;stiger&quot;" in data["text/html"]
    assert data["text/plain"].startswith("Utbetaling")

"""Widget apps of module 05, driven by changing their controls."""
from __future__ import annotations

import html

import pytest

from course_lib import funnel as fn
from course_lib import set_language
from course_lib import strategy as sg
from course_lib.progress import get_store
from course_lib.widgets.digital import (
    STRATEGY_SECTION, FunnelApp, InvestmentApp, SevenStepsApp, parse_input, saved_strategy_answers,
)


def _png(out) -> bytes:
    assert len(out.outputs) == 1
    return out.outputs[0]["data"]["image/png"]


def _readout(app_widget, slider) -> str:
    """The language-formatted readout label shown beside ``slider``."""
    def walk(w):
        children = getattr(w, "children", ())
        if slider in children:
            return [c for c in children if "course-readout" in getattr(c, "_dom_classes", ())][0].value
        for c in children:
            found = walk(c)
            if found is not None:
                return found
        return None
    return walk(app_widget)


# --------------------------------------------------------------------------- funnel explorer


def test_do_more_visitors_raise_expected_sales_and_redraw(english):
    app = FunnelApp()
    before, sales = _png(app.out), app.result.sales.mean()
    app.visitors.value = 200_000
    assert app.result.visitors == 200_000
    assert app.result.sales.mean() > sales
    assert _png(app.out) != before
    assert "200,000" in _readout(app.widget, app.visitors)
    assert not app.error.has_error


def test_does_the_target_follow_the_share_of_the_case_budget_in_norwegian():
    set_language("nb")
    app = FunnelApp()
    app.inbound_share.value = 0.05
    assert app.target == pytest.approx(0.05 * fn.case_new_sales_budget())
    assert "5 %" == _readout(app.widget, app.inbound_share)
    assert "Mål for nysalg fra inbound" in app.metrics.value
    assert html.escape(app.advice[0]) in app.advice_box.value


def test_does_a_likely_rate_outside_its_span_show_an_error_and_recover(lang):
    app = FunnelApp()
    app.likely["mql_to_sql"].value = 0.9          # span is 13-60 %
    assert app.error.has_error and app.result is None
    assert ("lav ≤ sannsynlig ≤ høy" if lang == "nb" else "low ≤ likely ≤ high") in app.error.value
    app.likely["mql_to_sql"].value = 0.4
    assert not app.error.has_error
    assert app.result.rates["mql_to_sql"].likely == pytest.approx(0.4)


def test_does_raising_a_weak_step_shrink_the_visitors_needed(english):
    app = FunnelApp()
    need = app.need.expected
    app.span["visit_to_lead"].value = (0.01, 0.08)
    app.likely["visit_to_lead"].value = 0.06
    assert app.need.expected < need
    assert "Target reached" in app.chart.sales_title.get_text()


# --------------------------------------------------------------------------- seven steps


def test_are_the_learners_answers_saved_and_loaded_again(english):
    app = SevenStepsApp()
    assert app.answers == {}
    app.choices["own_channel.website"].value = 4
    assert get_store().get(STRATEGY_SECTION, "answers") == {"own_channel.website": 4}
    assert "1 of 16" in app.status.value
    again = SevenStepsApp()
    assert again.choices["own_channel.website"].value == 4
    assert saved_strategy_answers() == {"own_channel.website": 4}


def test_does_the_chart_show_the_learners_maturity_beside_the_case(english):
    app = SevenStepsApp()
    app.use_case_answers()
    assert app.answers == sg.case_answers()
    widths = [b.get_width() for b in app.chart.learner_bars]
    assert widths == pytest.approx(list(app.case_scores["maturity"]))
    before = _png(app.out)
    app.choices["integrated_system.budget"].value = 5
    step6 = app.chart.learner_bars[5].get_width()
    assert step6 == pytest.approx((1 + 1 + 5) / 3)
    assert _png(app.out) != before
    assert "Lever" in app.interpretation.value or "lever" in app.interpretation.value
    app.clear()
    assert app.answers == {} and get_store().get(STRATEGY_SECTION, "answers") == {}


def test_does_a_bad_answer_set_show_an_error_and_keep_the_app_usable(lang):
    from course_lib.widgets.base import guarded

    app = SevenStepsApp()
    app.case_button.click()
    assert not app.error.has_error and len(app.answers) == 16
    guarded(app.error)(app.set_answers)({"own_channel.website": 9})      # as a notebook cell or button would
    assert app.error.has_error
    assert ("fra 1 til 5" if lang == "nb" else "from 1 to 5") in app.error.value
    app.choices["own_channel.website"].value = 3
    assert not app.error.has_error and app.answers["own_channel.website"] == 3


# --------------------------------------------------------------------------- investment case


@pytest.fixture
def invest():
    set_language("en")
    return InvestmentApp()


def test_does_a_higher_discount_rate_lower_the_npv(invest):
    npv = invest.result.npv_likely
    before = _png(invest.out)
    invest.rate.value = 0.15
    assert invest.result.npv_likely < npv
    assert invest.result.rate == 0.15
    assert _png(invest.out) != before
    assert _readout(invest.widget, invest.rate) == "15.0%"


def test_does_a_longer_horizon_change_payback_share_and_metrics(invest):
    invest.horizon.value = 2
    short = invest.result.p_payback_within
    invest.horizon.value = 8
    assert invest.result.p_payback_within > short
    assert "Chance of a positive NPV" in invest.metrics.value


def test_does_typing_a_range_change_the_inputs(invest):
    invest.set_input("licence_per_user_month", 1_000, 3_000, 8_000)
    assert invest.inputs["licence_per_user_month"].likely == 3_000
    assert invest.fields["licence_per_user_month"][1].value == "3,000"
    assert invest.table.loc[0, "input"] == "licence_per_user_month"


@pytest.mark.parametrize("key,part,text,nb,en", [
    ("training", 0, "-5 000", "kan ikke være negativ", "cannot be negative"),
    ("implementation", 1, "mye", "er ikke et tall", "is not a number"),
    ("churn_reduction", 2, "150 %", "mellom 0 % og 100 %, fikk 150 %", "between 0% and 100%, got 150%"),
    ("integration", 0, "900 000", "lav ≤ sannsynlig ≤ høy", "low ≤ likely ≤ high"),
])
def test_does_a_bad_typed_value_show_a_clear_message_and_recover(lang, key, part, text, nb, en):
    app = InvestmentApp()
    good = app.fields[key][part].value
    app.fields[key][part].value = text
    assert app.error.has_error and app.result is None
    assert (nb if lang == "nb" else en) in app.error.value
    with pytest.raises(ValueError):
        app.make_summary()
    app.fields[key][part].value = good
    assert not app.error.has_error and app.result is not None


def test_is_the_summary_in_both_languages_with_learner_text_escaped(invest):
    invest.title.value = "CRM <b>now</b> & later"
    invest.note.value = "<script>alert('x')</script> Buy it"
    for lang, word in (("nb", "Vedtaket vi ber om"), ("en", "The decision we ask for")):
        markup = invest.summary_html(lang)
        text = invest.summary_markdown(lang)
        assert word in markup and word in text
        for out in (markup, text):
            assert "<script>" not in out and "<b>now</b>" not in out
            assert "&lt;script&gt;" in out and "CRM &lt;b&gt;now&lt;/b&gt; &amp; later" in out
    assert "kr" in invest.summary_html("nb") and "NOK" in invest.summary_html("en")
    invest.summary_language.value = "nb"
    shown = invest.make_summary()
    assert invest.summary.value == shown
    assert get_store().get("investment_case", "summary")["lang"] == "nb"


def test_does_the_default_heading_follow_the_summary_language(invest):
    assert "Investering i CRM" in invest.summary_markdown("nb")
    assert "Investment in CRM" in invest.summary_markdown("en")


def test_does_the_input_parser_read_both_formats():
    assert parse_input("training", "1 200,5", lang="nb") == 1200.5
    assert parse_input("training", "1,200.5", lang="en") == 1200.5
    assert parse_input("churn_reduction", "2,5 %", lang="nb") == pytest.approx(0.025)
    assert parse_input("training", "60 000 kr", lang="nb") == 60_000
    assert parse_input("training", "\u221250", lang="nb") == -50


def test_blitted_figures_match_a_full_draw(store):
    """The module 05 apps draw only what moves (plots/blit.py): their PNG equals a full draw."""
    import io

    import numpy as np
    from PIL import Image

    from course_lib.plots.style import to_png
    from course_lib.widgets.digital import FunnelApp, InvestmentApp, SevenStepsApp

    def pixels(data):
        return np.asarray(Image.open(io.BytesIO(data)).convert("RGB")).astype(int)

    funnel, steps, invest = FunnelApp(), SevenStepsApp(), InvestmentApp()
    funnel.visitors.value = 150_000
    steps.use_case_answers()
    invest.rate.value = 0.15
    for app in (funnel, steps, invest):
        assert np.array_equal(pixels(app.chart.png()), pixels(to_png(app.chart.fig)))

"""Module 05 apps: the funnel explorer, the seven-steps assessment and the investment case.

``FunnelApp``: visitors, the likely rate and the low-high span of each step, and the share of the
new-sales budget that should come from inbound; a funnel chart, the distribution of new sales against
the target, and what must change to reach it, in words.

``SevenStepsApp``: one 1-5 choice per statement; maturity per step for the case company and for the
learner, interpretation and the levers for top management. Answers are saved to the progress store
(section ``digital_strategy``, key ``answers``) on every change and loaded again next time.

``InvestmentApp``: every cost and benefit as low / likely / high (typed in the language's format),
the discount rate and the horizon; NPV histogram with P(NPV > 0), tornado, payback and IRR, and a
one-page summary for the top management group in Markdown or HTML, in both languages, with every
piece of the learner's text escaped.

Example:
    >>> app = FunnelApp()                              # doctest: +SKIP
    >>> app.visitors.value = 120_000                   # doctest: +SKIP
    >>> app.result.visitors                            # doctest: +SKIP
    120000
"""
from __future__ import annotations

import functools
import html
import math
from typing import Any, Mapping

import ipywidgets as widgets

from .. import funnel as fn
from .. import investment as iv
from .. import strategy as sg
from ..i18n import format_money, format_number, format_percent, get_language, invalid, pick, t
from ..plots.digital import FunnelChart, InvestmentChart, MaturityChart, funnel_bars_html, short_titles, tornado_html
from ..progress import get_store
from ..plots.style import figure_alt
from . import args as _args
from .base import App, FigureView, labelled_slider, metrics_html, ErrorBox, guarded, readout, show_png

STRATEGY_SECTION = "digital_strategy"
INVESTMENT_SECTION = "investment_case"
_STYLE = {"description_width": "190px"}
_DRAWS = 4_000


@functools.lru_cache(maxsize=1)
def _case_numbers():
    """The case's new-sales budget and investment context, from its team data read once per kernel."""
    from ..cases import load_team

    team = load_team()
    return fn.case_new_sales_budget(team=team), iv.case_context(team)


def _esc(text: Any) -> str:
    return html.escape(str(text))






# --------------------------------------------------------------------------- funnel explorer


class FunnelApp(App):
    """Explore the inbound funnel of the case company against its new-sales budget.

    Controls: ``visitors``, ``likely[step]`` and ``span[step]`` (low-high) for each step,
    ``inbound_share`` (share of the new-sales budget expected from inbound). Results: ``result``
    (:class:`~course_lib.funnel.FunnelResult`), ``target`` (NOK), ``need``
    (:class:`~course_lib.funnel.VisitorsNeeded`), ``advice`` (sentences).
    """

    def __init__(self, visitors: int = fn.CASE_VISITORS, inbound_share: float = fn.CASE_INBOUND_SHARE,
                 seed: int = 2026):
        visitors = _args.number("visitors", visitors, 5_000, 400_000, integer=True)
        inbound_share = _args.number("inbound_share", inbound_share, 0.01, 0.30)
        self.seed = _args.seed("seed", seed)
        self.error = ErrorBox()
        self.result = None
        self.need = None
        self.target = None
        self.advice: list[str] = []
        self._quiet = True
        self.budget = _case_numbers()[0]
        self.chart = FunnelChart(stages=False)      # one panel redrawn; the stages are HTML bars
        self.out = FigureView()
        self.out.add_class("course-funnel-figure")
        self.stages = widgets.HTML("")
        self.stages.add_class("course-funnel-stages")
        self.visitors = labelled_slider(int(visitors), 5_000, 400_000, 5_000, t("digital.funnel.visitors"), integer=True,
                                css="course-funnel-visitors")
        self.inbound_share = labelled_slider(float(inbound_share), 0.01, 0.30, 0.01, t("digital.funnel.inbound_share"),
                                     css="course-funnel-share")
        self.likely: dict[str, widgets.FloatSlider] = {}
        self.span: dict[str, widgets.FloatRangeSlider] = {}
        self.span_labels: dict[str, widgets.HTML] = {}
        rate_rows = []
        for step in fn.STEPS:
            r = fn.DEFAULT_RATES[step]
            self.likely[step] = labelled_slider(r.likely, 0.0, 1.0, 0.005, fn.step_label(step), css=f"course-funnel-{step}")
            self.span[step] = widgets.FloatRangeSlider(
                value=(r.low, r.high), min=0.0, max=1.0, step=0.005, description=t("digital.funnel.span"),
                continuous_update=False, readout=False, style={"description_width": "70px"},
                layout={"width": "260px"})
            self.span_labels[step] = widgets.HTML("")
            self.span_labels[step].add_class("course-readout")
            rate_rows.append(widgets.HBox([readout(self.likely[step], kind="percent", decimals=1),
                                           self.span[step], self.span_labels[step]]))
        for control in self.controls():
            control.observe(self._on_change, names="value")
        self.metrics = widgets.HTML("")
        self.metrics.add_class("course-funnel-metrics")
        self.advice_box = widgets.HTML("")
        self.advice_box.add_class("course-funnel-advice")
        self.sources = widgets.HTML(self._sources_html())
        self.widget = widgets.VBox([
            readout(self.visitors, kind="number"), readout(self.inbound_share, kind="percent", decimals=0),
            widgets.HTML(f"<b>{_esc(t('digital.funnel.rates_heading'))}</b>"), *rate_rows,
            self.error, widgets.HBox([self.stages, self.out], layout={"flex_flow": "row wrap"}),
            widgets.HBox([self.metrics, self.advice_box]), self.sources,
        ])
        self.widget.add_class("course-funnel-app")
        self._quiet = False
        self.refresh()

    def controls(self) -> list[widgets.Widget]:
        return [self.visitors, self.inbound_share, *self.likely.values(), *self.span.values()]

    def rates(self) -> dict[str, fn.Range]:
        """The ranges the controls describe (checked; raises ``ValueError`` when low > likely etc.)."""
        rates = {}
        for step in fn.STEPS:
            low, high = self.span[step].value
            rates[step] = fn.DEFAULT_RATES[step].with_values(low, self.likely[step].value, high)
        return fn.check_rates(rates)

    def _refresh(self) -> None:
        for step in fn.STEPS:
            low, high = self.span[step].value
            self.span_labels[step].value = f"{_esc(format_percent(low))} – {_esc(format_percent(high))}"
        self.result = self.need = None
        rates = self.rates()
        target = self.inbound_share.value * self.budget
        result = fn.funnel(self.visitors.value, rates, n=_DRAWS, seed=self.seed)
        need = fn.visitors_needed(target, rates, n=_DRAWS, seed=self.seed)
        self.result, self.need, self.target = result, need, target
        self.advice = fn.what_must_change(self.visitors.value, target, rates)
        self.chart.update(result, target)
        show_png(self.out, self.chart.png(), figure_alt(self.chart.fig))
        self.stages.value = funnel_bars_html(result)
        q = result.quantiles()
        self.metrics.value = metrics_html([
            (t("digital.funnel.m_target"), format_money(target)),
            (t("digital.funnel.m_customers"), format_number(result.customers.mean(), 1)),
            (t("digital.funnel.m_sales"), format_money(result.sales.mean())),
            (t("digital.funnel.m_sales_range"), f"{format_money(q[0.1])} – {format_money(q[0.9])}"),
            (t("digital.funnel.m_p_target"), format_percent(result.p_reach(target), 0)),
            (t("digital.funnel.m_need"), format_number(need.expected)),
            (t("digital.funnel.m_need_80"), format_number(need.for_confidence)),
        ])
        items = "".join(f"<li>{_esc(line)}</li>" for line in self.advice)
        self.advice_box.value = f"<b>{_esc(t('digital.funnel.advice_heading'))}</b><ul>{items}</ul>"

    @staticmethod
    def _sources_html() -> str:
        items = "".join(f"<li>{_esc(fn.step_label(s))}: {_esc(r.source_text())}</li>" for s, r in fn.DEFAULT_RATES.items())
        return (f"<details><summary>{_esc(t('digital.funnel.sources'))}</summary><ul>{items}</ul>"
                f"<p>{_esc(t('digital.funnel.sources_note'))}</p></details>")


# --------------------------------------------------------------------------- seven steps


class SevenStepsApp(App):
    """The seven steps as a self-assessment: ``choices[statement_id]`` (1-5 or ``None``), saved as you go.

    ``answers`` is the learner's current answers, ``learner_scores`` and ``case_scores`` the
    :func:`course_lib.strategy.score` tables.
    """

    def __init__(self):
        self.error = ErrorBox()
        self.store = get_store()
        self._quiet = True
        lo, hi = sg.scale()
        saved = self.store.get(STRATEGY_SECTION, "answers", {}) or {}
        try:
            saved = sg.check_answers(saved)
        except ValueError:  # answers saved with another version of the statements
            saved = {k: v for k, v in saved.items() if k in sg.statement_ids()}
            saved = {k: v for k, v in saved.items() if isinstance(v, int) and lo <= v <= hi}
        self.case_scores = sg.score(sg.case_answers())
        self.chart = MaturityChart(short_titles())
        self.out = FigureView()
        self.out.add_class("course-steps-figure")
        scale = sg.data()["scale"]
        self.choices: dict[str, widgets.ToggleButtons] = {}
        blocks = [widgets.HTML(f"<i>{_esc(t('digital.steps.scale', low=lo, high=hi, low_text=pick(scale['low']), high_text=pick(scale['high'])))}</i>")]
        for step in sg.steps():
            blocks.append(widgets.HTML(f"<b>{_esc(sg.step_title(step['id']))}</b>"))
            for st in step["statements"]:
                toggle = widgets.ToggleButtons(options=[(str(v), v) for v in range(lo, hi + 1)],
                                               value=saved.get(st["id"]), tooltips=[], style={"button_width": "34px"})
                toggle.add_class("course-likert")
                self.choices[st["id"]] = toggle
                blocks.append(widgets.HBox([widgets.HTML(_esc(pick(st["text"])),
                                                         layout={"width": "520px"}), toggle]))
        for toggle in self.choices.values():
            toggle.observe(self._on_change, names="value")
        self.case_button = widgets.Button(description=t("digital.steps.use_case"), icon="copy")
        self.case_button.on_click(lambda _b: guarded(self.error)(self.use_case_answers)())
        self.clear_button = widgets.Button(description=t("digital.steps.clear"), icon="eraser")
        self.clear_button.on_click(lambda _b: guarded(self.error)(self.clear)())
        self.status = widgets.HTML("")
        self.status.add_class("course-steps-status")
        self.interpretation = widgets.HTML("")
        self.interpretation.add_class("course-steps-interpretation")
        self.widget = widgets.VBox([
            widgets.VBox(blocks), widgets.HBox([self.case_button, self.clear_button]), self.status, self.error,
            self.out, self.interpretation,
        ])
        self.widget.add_class("course-steps-app")
        # --- class sharing (trainer's kit): maturity per step, under a random id; can be withdrawn
        from .classroom import ShareButton, cr
        self.share = ShareButton("maturity", lambda: cr.maturity_payload(sg.score(self.answers)) if self.answers else {})
        self.widget.children += (self.share.widget,)
        self.answers: dict[str, int] = {}
        self.learner_scores = None
        self._quiet = False
        self.refresh(save=False)

    def refresh(self, save: bool = True) -> None:
        guarded(self.error)(self._refresh)(save)

    def _on_change(self, _change=None) -> None:
        if not self._quiet:
            self.refresh()

    def set_answers(self, answers: Mapping[str, int | None]) -> None:
        """Set several choices at once (checked first), one redraw and one save."""
        checked = sg.check_answers({k: v for k, v in answers.items() if v is not None})
        quiet, self._quiet = self._quiet, True
        try:
            for sid, toggle in self.choices.items():
                if sid in answers:
                    toggle.value = checked.get(sid)
        finally:
            self._quiet = quiet
        self.refresh()

    def use_case_answers(self) -> None:
        """Start from the case company's answers (then change what differs in your own company)."""
        self.set_answers(sg.case_answers())

    def clear(self) -> None:
        self.set_answers({sid: None for sid in self.choices})

    def _refresh(self, save: bool = True) -> None:
        answers = sg.check_answers({sid: c.value for sid, c in self.choices.items() if c.value is not None})
        self.answers = answers
        if save:
            self.store.put(STRATEGY_SECTION, "answers", answers)
        self.learner_scores = sg.score(answers)
        self.chart.update(self.case_scores, self.learner_scores)
        show_png(self.out, self.chart.png(), figure_alt(self.chart.fig))
        n, total = len(answers), len(self.choices)
        key = "digital.steps.saved" if save else "digital.steps.loaded"
        self.status.value = f"<span style='color:#007A5A'>{_esc(t(key, count=n, total=total))}</span>"
        if not answers:
            self.interpretation.value = f"<p>{_esc(t('digital.steps.no_answers'))}</p>"
            return
        lines = "".join(f"<li>{_esc(line)}</li>" for line in sg.interpretation(answers))
        levers = sg.top_levers(answers, k=min(3, int(self.learner_scores["maturity"].notna().sum())))
        top = "".join(f"<li><b>{_esc(r.title)}</b>: {_esc(r.lever)}</li>" for r in levers.itertuples())
        self.interpretation.value = (
            f"<p><b>{_esc(t('digital.steps.overall', value=format_number(sg.overall(answers), 1)))}</b></p>"
            f"<p><b>{_esc(t('digital.steps.top_levers'))}</b></p><ol>{top}</ol>"
            f"<details><summary>{_esc(t('digital.steps.all_steps'))}</summary><ul>{lines}</ul></details>")


def saved_strategy_answers() -> dict[str, int]:
    """The learner's saved seven-steps answers (empty when none), for the capstone."""
    return dict(get_store().get(STRATEGY_SECTION, "answers", {}) or {})


# --------------------------------------------------------------------------- investment case


_PERCENT_INPUTS = {"win_rate_uplift", "cycle_uplift", "churn_reduction"}
_HOUR_INPUTS = {"internal_hours", "hours_saved_per_seller_week"}


def format_input(key: str, value: float, lang: str | None = None) -> str:
    """An input value as the learner types it: percent for shares, hours with one decimal, NOK whole."""
    if key in _PERCENT_INPUTS:
        return format_percent(value, 1, lang)
    if key in _HOUR_INPUTS:
        return format_number(value, 1 if value != int(value) else 0, lang)
    return format_number(value, 0, lang)


def parse_input(key: str, text: Any, lang: str | None = None) -> float:
    """Read a number typed in the language's format (``1 200,5`` / ``1,200.5``; ``2,5 %`` or ``2,5`` for shares).

    Example:
        >>> parse_input("training", "60 000", lang="nb"), parse_input("churn_reduction", "5 %", lang="nb")
        (60000.0, 0.05)
    """
    from ..tabular import parse_number

    code = lang or get_language()
    if not isinstance(key, str) or key not in iv.INPUTS:
        _args.choice("key", key, iv.INPUTS)
    raw = str(text).strip()
    try:
        value = parse_number(raw, code, percent="fraction")
    except ValueError:
        raise invalid("digital.investment.not_a_number", field=iv.input_label(key), value=raw[:40]) from None
    if key in _PERCENT_INPUTS and "%" not in raw:
        value /= 100          # a share typed without the sign is read as per cent ("5" = 5 %)
    return value


class InvestmentApp(App):
    """The CRM / marketing-automation investment case under uncertainty.

    Controls: ``fields[input][0|1|2]`` (Text boxes for low, likely, high), ``rate`` (discount rate),
    ``horizon`` (years), ``title`` and ``note`` (the learner's own words for the summary). Results:
    ``inputs`` (checked ranges), ``result`` (:class:`~course_lib.investment.InvestmentResult`),
    ``table`` (tornado), ``summary_markdown()`` / ``summary_html()``.
    """

    def __init__(self, seed: int = 2026):
        self.seed = _args.seed("seed", seed)
        self.error = ErrorBox()
        self.store = get_store()
        self.context = _case_numbers()[1]
        self._quiet = True
        self.inputs = None
        self.result = None
        self.table = None
        self.chart = InvestmentChart(len(iv.INPUTS), tornado=False)   # one panel redrawn; the tornado is HTML
        self.out = FigureView()
        self.out.add_class("course-invest-figure")
        self.tornado = widgets.HTML("")
        self.tornado.add_class("course-invest-tornado")
        self.fields: dict[str, tuple[widgets.Text, widgets.Text, widgets.Text]] = {}
        head = widgets.HBox([widgets.HTML("", layout={"width": "300px"})] + [
            widgets.HTML(f"<b>{_esc(t(k))}</b>", layout={"width": "110px"})
            for k in ("digital.investment.low", "digital.investment.likely", "digital.investment.high")])
        rows = [head]
        for group, keys in (("digital.investment.costs", iv.COSTS), ("digital.investment.benefits", iv.BENEFITS)):
            rows.append(widgets.HTML(f"<b>{_esc(t(group))}</b>"))
            for key in keys:
                r = iv.DEFAULT_INPUTS[key]
                boxes = tuple(widgets.Text(value=format_input(key, v), continuous_update=False,
                                           layout={"width": "110px"})
                              for v in (r.low, r.likely, r.high))
                for box, part in zip(boxes, ("low", "likely", "high")):
                    box.add_class(f"course-invest-{key}-{part}")
                self.fields[key] = boxes
                rows.append(widgets.HBox([widgets.HTML(_esc(iv.input_label(key)), layout={"width": "300px"}),
                                          *boxes]))
        self.rate = labelled_slider(0.08, 0.0, 0.25, 0.005, t("digital.investment.rate"), css="course-invest-rate")
        self.horizon = labelled_slider(5, 1, 10, 1, t("digital.investment.horizon"), integer=True, css="course-invest-horizon")
        for control in self.controls():
            control.observe(self._on_change, names="value")
        self.metrics = widgets.HTML("")
        self.metrics.add_class("course-invest-metrics")
        self.title = widgets.Text(value=t("digital.investment.default_title"), description=t("digital.investment.title"),
                                  style=_STYLE, layout={"width": "640px"})
        self.note = widgets.Textarea(value="", placeholder=t("digital.investment.note_placeholder"),
                                     description=t("digital.investment.note"), style=_STYLE,
                                     layout={"width": "640px", "height": "80px"})
        self.summary_language = widgets.ToggleButtons(options=[("norsk", "nb"), ("English", "en")],
                                                      value=get_language(), description=t("digital.investment.summary_lang"),
                                                      style=_STYLE)
        self.summary_button = widgets.Button(description=t("digital.investment.make_summary"), icon="file-text")
        self.summary_button.on_click(lambda _b: guarded(self.error)(self.make_summary)())
        self.summary = widgets.HTML("")
        self.summary.add_class("course-invest-summary")
        claims = "".join(f"<li>{_esc(c)}</li>" for c in iv.hedged_claims())
        self.claims = widgets.HTML(f"<details><summary>{_esc(t('digital.investment.claims'))}</summary>"
                                   f"<ul>{claims}</ul></details>")
        self.widget = widgets.VBox([
            widgets.VBox(rows), readout(self.rate, kind="percent", decimals=1), readout(self.horizon, kind="number"),
            self.error, widgets.HBox([self.out, self.tornado], layout={"flex_flow": "row wrap"}),
            self.metrics, self.claims,
            self.title, self.note, widgets.HBox([self.summary_language, self.summary_button]), self.summary,
        ])
        self.widget.add_class("course-invest-app")
        self._quiet = False
        self.refresh()

    def controls(self) -> list[widgets.Widget]:
        return [box for boxes in self.fields.values() for box in boxes] + [self.rate, self.horizon]

    def read_inputs(self) -> dict[str, fn.Range]:
        """The ranges typed in the boxes, checked (``ValueError`` names the input and what is wrong)."""
        raw = {key: tuple(parse_input(key, box.value) for box in boxes) for key, boxes in self.fields.items()}
        return iv.check_inputs(raw)

    def set_input(self, key: str, low: float, likely: float, high: float) -> None:
        """Type a range into one input's boxes (one redraw)."""
        quiet, self._quiet = self._quiet, True
        try:
            for box, v in zip(self.fields[key], (low, likely, high)):
                box.value = format_input(key, v)
        finally:
            self._quiet = quiet
        self.refresh()

    def _refresh(self) -> None:
        self.result = None
        inputs = self.read_inputs()
        result = iv.simulate(inputs, self.rate.value, self.horizon.value, n=_DRAWS, seed=self.seed,
                             context=self.context)
        table = iv.tornado(inputs, self.rate.value, self.horizon.value, context=self.context)
        self.inputs, self.result, self.table = inputs, result, table
        self.chart.update(result)
        show_png(self.out, self.chart.png(), figure_alt(self.chart.fig))
        self.tornado.value = tornado_html(table)
        self.metrics.value = metrics_html(self._metricmetrics_html())

    def _metricmetrics_html(self, lang: str | None = None) -> list[tuple[str, str]]:
        r = self.result
        q = r.quantiles()
        payback = (format_number(r.payback_likely, 1, lang) + " " + t("digital.investment.years", lang)
                   if math.isfinite(r.payback_likely) else t("digital.investment.no_payback", lang))
        irr = format_percent(r.irr_likely, 1, lang) if math.isfinite(r.irr_likely) else "–"
        return [
            (t("digital.investment.m_npv_likely", lang), format_money(r.npv_likely, lang=lang)),
            (t("digital.investment.m_irr", lang), irr),
            (t("digital.investment.m_payback", lang), payback),
            (t("digital.investment.m_p_positive", lang), format_percent(r.p_positive, 0, lang)),
            (t("digital.investment.m_npv_range", lang),
             f"{format_money(q[0.1], lang=lang)} – {format_money(q[0.9], lang=lang)}"),
            (t("digital.investment.m_payback_share", lang), format_percent(r.p_payback_within, 0, lang)),
        ]

    # ------------------------------------------------------------------ the one-page summary

    def _summary_parts(self, lang: str) -> dict[str, Any]:
        if self.result is None:
            raise invalid("digital.investment.no_result")
        r = self.result
        top = self.table.head(3)
        return {
            "title": self._title(lang),
            "note": self.note.value.strip(),
            "intro": t("digital.investment.s_intro", lang, rate=format_percent(r.rate, 1, lang), horizon=r.horizon,
                       draws=format_number(len(r.npv), 0, lang)),
            "metrics": self._metricmetrics_html(lang),
            "drivers": [iv.input_label(k, lang) for k in top["input"]],
            "ask": t("digital.investment.s_ask", lang,
                     one_off=format_money(-r.flows_likely[0], lang=lang)),
            "caveat": t("digital.investment.s_caveat", lang),
        }

    def _title(self, lang: str) -> str:
        """The learner's heading; the untouched default follows the summary's language."""
        text = self.title.value.strip()
        defaults = {t("digital.investment.default_title", code) for code in ("nb", "en")}
        return t("digital.investment.default_title", lang) if not text or text in defaults else text

    def summary_markdown(self, lang: str | None = None) -> str:
        """The one-page summary as Markdown (learner text HTML-escaped)."""
        code = lang or self.summary_language.value
        p = self._summary_parts(code)
        lines = [f"# {_esc(p['title'])}", "", p["intro"], ""]
        lines += [f"| {t('digital.investment.s_measure', code)} | {t('digital.investment.s_value', code)} |", "|---|---:|"]
        lines += [f"| {k} | {v} |" for k, v in p["metrics"]]
        lines += ["", f"**{t('digital.investment.s_drivers', code)}** " + ", ".join(p["drivers"]) + ".", ""]
        if p["note"]:
            lines += [f"**{t('digital.investment.s_note', code)}**", "", _esc(p["note"]), ""]
        lines += [f"**{t('digital.investment.s_ask_heading', code)}** {p['ask']}", "", f"*{p['caveat']}*", ""]
        return "\n".join(lines)

    def summary_html(self, lang: str | None = None) -> str:
        """The one-page summary as a self-contained HTML fragment (every text escaped)."""
        code = lang or self.summary_language.value
        p = self._summary_parts(code)
        rows = "".join(f"<tr><td>{_esc(k)}</td><td style='text-align:right'>{_esc(v)}</td></tr>" for k, v in p["metrics"])
        note = (f"<h3>{_esc(t('digital.investment.s_note', code))}</h3><p>{_esc(p['note'])}</p>" if p["note"] else "")
        return (
            f"<div class='course-summary' lang='{code}' style='max-width:46em;border:1px solid #ccc;padding:10px 16px'>"
            f"<h2>{_esc(p['title'])}</h2><p>{_esc(p['intro'])}</p>"
            f"<table style='border-collapse:collapse'><tr><th style='text-align:left'>{_esc(t('digital.investment.s_measure', code))}"
            f"</th><th style='text-align:right'>{_esc(t('digital.investment.s_value', code))}</th></tr>{rows}</table>"
            f"<p><b>{_esc(t('digital.investment.s_drivers', code))}</b> {_esc(', '.join(p['drivers']))}.</p>{note}"
            f"<p><b>{_esc(t('digital.investment.s_ask_heading', code))}</b> {_esc(p['ask'])}</p>"
            f"<p><i>{_esc(p['caveat'])}</i></p></div>")

    def make_summary(self) -> str:
        """Show the summary in the app and save it (Markdown) in the progress store for the capstone."""
        code = self.summary_language.value
        markup = self.summary_html(code)
        self.summary.value = markup
        self.store.put(INVESTMENT_SECTION, "summary", {"lang": code, "markdown": self.summary_markdown(code)})
        return markup

"""Module 00 "Start here": a tiny slider demo, the environment self-check and the company card.

Example:
    >>> demo = StartDemo()
    >>> demo.month.value = "2025-07"
    >>> round(demo.result, 3)
    0.475
"""
from __future__ import annotations

import html
import platform

import ipywidgets as widgets

from ..cases import COMPANY, load_team, monthly_totals, person, region_name
from ..i18n import format_money, format_percent, pick, t
from .base import App, ErrorBox, guarded


def self_check_text() -> str:
    """One line saying the environment works, with the versions of the main libraries."""
    import matplotlib
    import pandas

    return t("core.self_check_ok", python=platform.python_version(), ipywidgets=widgets.__version__,
             matplotlib=matplotlib.__version__, pandas=pandas.__version__)


def _month_text(month: str) -> str:
    names = t("start.demo.month_names").split(",")
    return f"{names[int(month[5:7]) - 1]} {month[:4]}"


class StartDemo(App):
    """Slide through the months of the case data and read the team's attainment.

    Attributes: ``month`` (the slider, values ``"YYYY-MM"``), ``text`` (HTML with the sentence),
    ``status`` (the self-check line), ``error`` (an :class:`ErrorBox`), ``result`` (attainment of
    the chosen month as a fraction) and ``widget`` (the whole app).
    """

    def __init__(self, df=None, month: str = "2025-03"):
        self.df = load_team() if df is None else df
        self.totals = monthly_totals(self.df, by_region=False).set_index("month")
        months = list(self.totals.index)
        from ..plots.case import month_ticks

        options = list(zip(month_ticks(months), months))
        self.month = widgets.SelectionSlider(
            options=options, value=month if month in months else months[0],
            description=t("start.demo.month"), continuous_update=True,
            layout=widgets.Layout(width="460px"),
        )
        self.hint = widgets.HTML(f"<i>{html.escape(t('start.demo.hint'))}</i>")
        self.text = widgets.HTML()
        self.status = widgets.HTML(f"<span style='color:#007A5A'>✓ {html.escape(self_check_text())}</span>")
        self.error = ErrorBox()
        self.result: float | None = None
        self.month.observe(guarded(self.error)(self._update), names="value")
        self._update()
        self.widget = widgets.VBox([self.status, self.hint, self.month, self.text, self.error])

    def _update(self, _change=None) -> None:
        month = self.month.value
        row = self.totals.loc[month]
        self.result = float(row["attainment"])
        sentence = t("start.demo.sentence", month=_month_text(month), sales=format_money(row["new_sales"]),
                     quota=format_money(row["quota"]), attainment=format_percent(self.result, 0))
        verdict = t("start.demo.verdict_above" if self.result >= 1 else "start.demo.verdict_below")
        colour = "#0072B2" if self.result >= 1 else "#D55E00"
        self.text.value = (f"<div style='font-size:1.1em'>{html.escape(sentence)} "
                           f"<b style='color:{colour}'>{html.escape(verdict)}</b></div>")


def company_card(df=None):
    """The case company, its people and its team as an HTML block (displays itself in a notebook)."""
    from IPython.display import HTML

    df = load_team() if df is None else df
    sellers = df.groupby("seller_id")["region"].first()
    rows = "".join(
        f"<tr><td><b>{html.escape(p['name'])}</b></td><td>{html.escape(p['title'])}</td>"
        f"<td>{html.escape(p['description'])}</td></tr>"
        for p in (person(role) for role in ("ceo", "sales_director", "hr_director", "sales_manager"))
    )
    regions = ", ".join(html.escape(pick(name)) for name in COMPANY["regions"].values())
    team_line = t("start.card.team", sellers=len(sellers), east=int((sellers == "east").sum()),
                  east_name=region_name("east"), west=int((sellers == "west").sum()),
                  west_name=region_name("west"), months=df["month"].nunique(),
                  first=df["month"].min(), last=df["month"].max())
    markup = (
        f"<h4>{html.escape(t('start.card.company'))}: {html.escape(COMPANY['name'])}</h4>"
        f"<p>{html.escape(pick(COMPANY['description']))}</p>"
        f"<p><b>{html.escape(t('start.card.regions'))}:</b> {regions}</p>"
        f"<h4>{html.escape(t('start.card.people'))}</h4>"
        f"<table>{rows}</table>"
        f"<p>{html.escape(team_line)}</p>"
    )
    return HTML(markup)

"""Module 00 "Start here": a tiny slider demo, the environment self-check, the company card and
the case data as tables a learner reads (headers, regions and months in the current language,
money as ``43 345 000 kr`` / ``NOK 43,345,000``, shares as ``101,5 %`` / ``101.5%``).

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

from ..cases import COMPANY, load_team, monthly_totals, person, region_name, team_summary, yearly_totals
from ..exercises.start import month_name, period_text
from ..i18n import format_money, format_percent, pick, t
from . import args as _args
from .base import App, ErrorBox, guarded

#: How each case-data column is shown: its format for ``learner_table`` (header: ``start.column.<name>``).
COLUMN_FORMATS = {
    "year": "text", "month": "text", "seller_id": "text", "seller_name": "text", "region": "text",
    "months": "number", "tenure_months": "number", "quota": "money", "new_sales": "money",
    "renewals": "money", "churned_revenue": "money", "customer_satisfaction": "number:1",
    "pipeline": "money", "activities": "number", "attainment": "percent", "churn_rate": "percent",
}


def self_check_text() -> str:
    """One line saying the environment works, with the versions of the main libraries."""
    import matplotlib
    import pandas

    return t("core.self_check_ok", python=platform.python_version(), ipywidgets=widgets.__version__,
             matplotlib=matplotlib.__version__, pandas=pandas.__version__)


def case_table(frame, columns=None):
    """Case data (any frame with the columns of ``load_team``, ``yearly_totals`` or ``team_summary``)
    as a table a learner reads: translated headers, regions (Øst/Vest, East/West) and months
    (``juli 2025``), money in kroner and shares in per cent in the language's format.

    Example:
        >>> from course_lib.cases import load_team
        >>> table = case_table(load_team().head(1), ["month", "region", "quota"])
        >>> table.frame.iloc[0].tolist()
        ['januar 2025', 'Øst', '425 000 kr']
    """
    from ..tables import learner_table

    columns = [c for c in (columns or frame.columns) if c in frame.columns]
    shown = frame[columns].copy()
    if "month" in shown:
        shown["month"] = [month_name(m) for m in shown["month"]]
    return learner_table(
        shown,
        formats={c: COLUMN_FORMATS.get(c, "text") for c in columns},
        labels={c: f"start.column.{c}" for c in columns},
        values={"region": "start.region."},
    )


def team_table(df=None, rows: int = 10):
    """The first ``rows`` rows of the case data (one seller in one month per row).

    Example:
        >>> len(team_table(rows=3).frame)
        3
    """
    df = load_team() if df is None else df
    return case_table(df.head(rows))


def yearly_table(df=None):
    """The team per calendar year: quota, new sales, attainment, renewals, churn and churn rate.

    Example:
        >>> yearly_table().frame.iloc[0, 0]
        '2025'
    """
    df = load_team() if df is None else df
    return case_table(yearly_totals(df), ["year", "quota", "new_sales", "attainment", "renewals",
                                          "churned_revenue", "churn_rate"])


def seller_table(df=None):
    """One row per seller over all months, best attainment first.

    Example:
        >>> len(seller_table().frame)
        10
    """
    df = load_team() if df is None else df
    summary = team_summary(df).sort_values("attainment", ascending=False)
    return case_table(summary, ["seller_name", "region", "quota", "new_sales", "attainment", "customer_satisfaction",
                                "activities", "renewals", "churned_revenue", "churn_rate"])


def totals_table(rows, columns=("new_sales", "quota")):
    """The sums of some columns over the chosen rows, e.g. new sales and quota for one month.

    Example:
        >>> from course_lib.cases import load_team
        >>> team = load_team()
        >>> totals_table(team[team["month"] == "2025-07"]).frame.iloc[0].tolist()
        ['1 749 800 kr', '3 680 000 kr']
    """
    import pandas as pd

    sums = pd.DataFrame([{c: float(rows[c].sum()) for c in columns}])
    return case_table(sums, list(columns))


def _month_text(month: str) -> str:
    return month_name(month)


class StartDemo(App):
    """Slide through the months of the case data and read the team's attainment.

    Attributes: ``month`` (the slider, values ``"YYYY-MM"``), ``text`` (HTML with the sentence),
    ``status`` (the self-check line), ``error`` (an :class:`ErrorBox`), ``result`` (attainment of
    the chosen month as a fraction) and ``widget`` (the whole app).
    """

    def __init__(self, df=None, month: str | None = None):
        self.df = load_team() if df is None else _args.team("df", df)
        self.totals = monthly_totals(self.df, by_region=False).set_index("month")
        months = list(self.totals.index)
        if month is None:  # the case's March when the data has it, else the first month
            month = "2025-03" if "2025-03" in months else months[0]
        _args.choice("month", month, months)
        from ..plots.case import month_ticks

        options = list(zip(month_ticks(months), months))
        self.month = widgets.SelectionSlider(
            options=options, value=month,
            description=t("start.demo.month"), continuous_update=True,
            layout={"width": "460px"},
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
        colour = "#0072B2" if self.result >= 1 else "#B34700"   # AA contrast; the verdict is also a word
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
                  period=period_text(df["month"].min(), df["month"].max()))
    markup = (
        f"<h4>{html.escape(t('start.card.company'))}: {html.escape(COMPANY['name'])}</h4>"
        f"<p>{html.escape(pick(COMPANY['description']))}</p>"
        f"<p><b>{html.escape(t('start.card.regions'))}:</b> {regions}</p>"
        f"<h4>{html.escape(t('start.card.people'))}</h4>"
        f"<table>{rows}</table>"
        f"<p>{html.escape(team_line)}</p>"
    )
    return HTML(markup)

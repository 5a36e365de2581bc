"""Projector-readable figures of the class summary (large type, numbers in the language's format).

Example:
    >>> import tempfile
    >>> from course_lib.classroom import demo_class, summarise
    >>> folder = tempfile.mkdtemp(); _ = demo_class(folder, participants=5)
    >>> fig = plot_profiles(summarise(folder))
    >>> type(fig).__name__
    'Figure'
"""
from __future__ import annotations

import textwrap

from .. import classroom as cr
from ..i18n import format_number, format_percent, t
from .live import new_figure
from .style import PALETTE, number_axis, percent_axis, set_alt

_BIG = 14


def _wrap(text: str, width: int = 28) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def _empty(fig, ax, summary) -> None:
    ax.axis("off")
    ax.text(0.5, 0.5, t("classroom.plot.empty", min=cr.MIN_GROUP), ha="center", va="center", fontsize=_BIG)


def plot_profiles(summary: cr.Summary):
    """Mean score per inner question (1–7), with n, as horizontal bars."""
    groups = summary.profile
    fig, ax = new_figure(figsize=(10, 5.5))
    if not groups:
        _empty(fig, ax, summary)
        set_alt(fig, t("classroom.plot.profile_alt", n=0, detail=t("classroom.plot.empty", min=cr.MIN_GROUP)))
        return fig
    keys = list(groups)[::-1]
    means = [groups[k]["mean"] for k in keys]
    ax.barh([_wrap(cr.label("profile", k)) for k in keys], means, color=PALETTE["blue"])
    for y, k in enumerate(keys):
        g = groups[k]
        ax.text(g["mean"] + 0.08, y, f"{format_number(g['mean'], 1)} (n = {g['n']})", va="center", fontsize=_BIG - 2)
    ax.set_xlim(1, 7.9)
    ax.set_xlabel(t("classroom.plot.profile_axis"), fontsize=_BIG)
    ax.set_title(t("classroom.plot.profile_title"), fontsize=_BIG + 2)
    ax.tick_params(labelsize=_BIG - 2)
    number_axis(ax, "x", decimals=0)
    detail = "; ".join(f"{cr.label('profile', k)} {format_number(groups[k]['mean'], 1)}" for k in groups)
    set_alt(fig, t("classroom.plot.profile_alt", n=len(groups), detail=detail))
    return fig


def plot_votes(summary: cr.Summary, kind: str = "delegation"):
    """Delegation Poker (or seven-steps maturity): one row per decision, dot size = number of votes."""
    groups = getattr(summary, kind)
    fig, ax = new_figure(figsize=(10, max(3.5, 0.6 * len(groups) + 1.8)))
    if not groups:
        _empty(fig, ax, summary)
        set_alt(fig, t("classroom.plot.votes_alt", n=0, detail=t("classroom.plot.empty", min=cr.MIN_GROUP)))
        return fig
    keys = list(groups)[::-1]
    top = 7 if kind == "delegation" else 5
    # one collection for every dot and one line for every median (a collection per dot cost the
    # trainer's refresh about 100 ms more with ten decisions)
    dots = [(level, y, count) for y, k in enumerate(keys) for level, count in groups[k]["votes"].items()]
    if dots:
        xs, ys, counts = zip(*dots)
        ax.scatter(xs, ys, s=[120 + 180 * c for c in counts], color=PALETTE["blue"], alpha=0.75, zorder=3)
    for level, y, count in dots:
        ax.text(level, y, str(count), ha="center", va="center", color="white", fontsize=_BIG - 3,
                fontweight="bold", zorder=4)
    # the median as a pointer above its row: a bar through the dots hid the count it crossed
    ax.plot([groups[k]["median"] for k in keys], [y + 0.36 for y in range(len(keys))], linestyle="none",
            marker="v", markersize=13, markeredgecolor="white", color=PALETTE["vermillion"], zorder=5,
            label=t("classroom.plot.median"))
    ax.legend(loc="lower left", bbox_to_anchor=(1.0, 0.0), frameon=False, fontsize=_BIG - 2)
    ax.set_yticks(range(len(keys)), [_wrap(cr.label(kind, k), 34) for k in keys])
    ax.set_xticks(range(1, top + 1))
    ax.set_xlim(0.4, top + 0.6)
    ax.set_ylim(-0.7, len(keys) - 0.3)
    number_axis(ax, "x", decimals=0)
    ax.set_xlabel(t("classroom.plot.votes_axis") if kind == "delegation" else t("classroom.kind.maturity"),
                  fontsize=_BIG)
    ax.set_title(t("classroom.plot.votes_title") if kind == "delegation" else t("classroom.kind.maturity"),
                 fontsize=_BIG + 2)
    ax.tick_params(labelsize=_BIG - 2)
    detail = "; ".join(f"{cr.label(kind, k)}: median {format_number(groups[k]['median'], 1)}" for k in groups)
    set_alt(fig, t("classroom.plot.votes_alt", n=len(groups), detail=detail))
    return fig


def plot_quiz(summary: cr.Summary):
    """Share of right answers per question (bars, labelled in percent)."""
    groups = summary.quiz
    fig, ax = new_figure(figsize=(10, max(3.5, 0.55 * len(groups) + 1.8)))
    if not groups:
        _empty(fig, ax, summary)
        set_alt(fig, t("classroom.plot.quiz_alt", n=0, detail=t("classroom.plot.empty", min=cr.MIN_GROUP)))
        return fig
    keys = list(groups)[::-1]
    shares = [groups[k]["share"] for k in keys]
    ax.barh(keys, shares, color=PALETTE["green"])
    for y, k in enumerate(keys):
        ax.text(groups[k]["share"] + 0.01, y, f"{format_percent(groups[k]['share'], 0)} (n = {groups[k]['n']})",
                va="center", fontsize=_BIG - 2)
    ax.set_xlim(0, 1.25)
    percent_axis(ax, "x", 0)
    ax.set_xlabel(t("classroom.plot.quiz_axis"), fontsize=_BIG)
    ax.set_title(t("classroom.plot.quiz_title"), fontsize=_BIG + 2)
    ax.tick_params(labelsize=_BIG - 2)
    detail = "; ".join(f"{k}: {format_percent(groups[k]['share'], 0)}" for k in groups)
    set_alt(fig, t("classroom.plot.quiz_alt", n=len(groups), detail=detail))
    return fig

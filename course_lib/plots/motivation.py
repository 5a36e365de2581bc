"""Figures for module 01: the motivation profile (radar), the expectancy force, reward effects.

Each figure has a small class that builds it once and updates its artists (``update``), so a
widget redraw is cheap, and a function that returns a fresh ``Figure`` for notebooks.

Example:
    >>> from course_lib.motivation import SCENARIOS
    >>> s = SCENARIOS["baseline"]
    >>> fig = plot_force(s.expectancy, dict(s.outcomes))
    >>> type(fig).__name__
    'Figure'
"""
from __future__ import annotations

import math
from typing import Mapping

import numpy as np

from .. import motivation as mot
from ..i18n import format_number, format_percent, get_language, pick, t
from .blit import figure_key, freeze_cached
from .live import fix_titles, new_figure
from .style import DARK, PALETTE, set_alt, styled


# --------------------------------------------------------------------------- profile radar


class ProfileRadar:
    """A radar chart of the six factor scores (1..7), optionally with a comparison profile.

    Example:
        >>> radar = ProfileRadar()
        >>> radar.update(dict.fromkeys(mot.FACTORS, 5.0), compare=dict.fromkeys(mot.FACTORS, 3.0))
        >>> radar.compare_line.get_visible()
        True
    """

    @styled
    def __init__(self, figsize=(6.4, 5.2)):
        self.lang = get_language()
        self.fig, self.ax = new_figure(figsize=figsize, projection="polar")
        n = len(mot.FACTORS)
        self.angles = np.linspace(0.0, 2 * math.pi, n, endpoint=False)
        closed = np.append(self.angles, self.angles[0])
        ax = self.ax
        ax.set_theta_offset(math.pi / 2)
        ax.set_theta_direction(-1)
        ax.set_ylim(0, 7)
        ax.set_yticks([1, 2, 3, 4, 5, 6, 7])
        ax.set_yticklabels(["1", "", "3", "", "5", "", "7"], fontsize=8, color=PALETTE["grey"])
        ax.set_rlabel_position(90 / n)
        ax.set_xticks(self.angles)
        ax.set_xticklabels([pick(mot.INNER_QUESTIONS[f].name) for f in mot.FACTORS], fontsize=10)
        ax.tick_params(axis="x", pad=16)
        # the middle band (3.5 to 5.5) as a faint ring, to read levels at a glance
        theta = np.linspace(0, 2 * math.pi, 200)
        ax.fill_between(theta, mot.LEVEL_LIMITS[0], mot.LEVEL_LIMITS[1], color=PALETTE["grey"], alpha=0.08, lw=0)
        zeros = np.full(n + 1, 4.0)
        (self.compare_line,) = ax.plot(closed, zeros, color=DARK["orange"], lw=2, ls="--",
                                       label=t("motivation.plot.comparison"))
        (self.line,) = ax.plot(closed, zeros, color=PALETTE["blue"], lw=2.5, marker="o",
                               label=t("motivation.plot.current"))
        (self.fill,) = ax.fill(closed, zeros, color=PALETTE["blue"], alpha=0.2)
        self.labels = [ax.text(a, 4.0, "", ha="center", va="center", fontsize=8, color=PALETTE["blue"],
                               fontweight="bold") for a in self.angles]
        ax.set_title(t("motivation.plot.profile_title"), pad=22)
        self.legend = ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, fontsize=9)
        self.compare_line.set_visible(False)
        # the layout found once per language, size and factor names (a trainer's content may rename them)
        names = tuple(label.get_text() for label in ax.get_xticklabels())
        freeze_cached(self.fig, ("ProfileRadar", names) + figure_key(self.fig))
        fix_titles(self.fig)   # same picture, no title re-placing per redraw

    def update(self, scores: Mapping[str, float], compare: Mapping[str, float] | None = None) -> None:
        """Show ``scores`` (and ``compare``, or hide it when ``None``)."""
        values = np.array([scores[f] for f in mot.FACTORS], dtype=float)
        closed = np.append(values, values[0])
        angles = np.append(self.angles, self.angles[0])
        self.line.set_data(angles, closed)
        self.fill.set_xy(np.column_stack([angles, closed]))
        for label, angle, value in zip(self.labels, self.angles, values):
            label.set_position((angle, min(value + 0.75, 6.9) if value < 6.2 else value - 0.8))
            label.set_text(format_number(value, 1, self.lang))
        text = t("motivation.plot.alt_profile", scores="; ".join(
            f"{pick(mot.INNER_QUESTIONS[f].name)} {format_number(v, 1, self.lang)}" for f, v in zip(mot.FACTORS, values)))
        if compare is not None:
            text += " " + t("motivation.plot.alt_profile_compare", scores="; ".join(
                f"{pick(mot.INNER_QUESTIONS[f].name)} {format_number(compare[f], 1, self.lang)}" for f in mot.FACTORS))
        set_alt(self.fig, text)
        if compare is None:
            self.compare_line.set_visible(False)
            self.legend.set_visible(False)
        else:
            other = np.array([compare[f] for f in mot.FACTORS], dtype=float)
            self.compare_line.set_data(angles, np.append(other, other[0]))
            self.compare_line.set_visible(True)
            self.legend.set_visible(True)


def plot_profile(scores: Mapping[str, float], compare: Mapping[str, float] | None = None):
    """A radar chart of a profile (``{factor: 1..7}``), optionally against a second profile."""
    radar = ProfileRadar()
    radar.update(mot.check_scores(scores), None if compare is None else mot.check_scores(compare))
    return radar.fig


# --------------------------------------------------------------------------- expectancy force


class ForceChart:
    """Bars of each outcome's contribution ``E*I*V`` (left) and the total force M (right).

    Example:
        >>> chart = ForceChart(["bonus", "recognition"])
        >>> chart.update(0.5, [(1.0, 0.8), (0.5, 0.4)])
        [0.4, 0.1]
        >>> round(chart.total_bar.get_width(), 2)
        0.5
    """

    @styled
    def __init__(self, outcome_ids=None, figsize=(7.5, 3.4)):
        self.lang = get_language()
        self.outcome_ids = list(mot.OUTCOMES if outcome_ids is None else outcome_ids)
        n = len(self.outcome_ids)
        self.fig, (self.ax, self.ax_total) = new_figure(figsize=figsize, ncols=2)
        self.ax.get_gridspec().set_width_ratios([3, 1.4])
        ax, axt = self.ax, self.ax_total
        y = np.arange(n)[::-1]
        self.bars = ax.barh(y, np.zeros(n), color=PALETTE["blue"], height=0.6)
        ax.set_yticks(y)
        ax.set_yticklabels([pick(mot.OUTCOMES.get(o, {"nb": o, "en": o})) for o in self.outcome_ids])
        ax.set_xlim(-1.3, 1.3)
        ax.axvline(0, color=PALETTE["black"], lw=0.8)
        ax.set_xlabel(t("motivation.plot.contribution_axis"))
        ax.set_title(t("motivation.plot.contributions_title"), fontsize=11)
        ax.grid(axis="y", visible=False)
        self.bar_labels = [ax.text(0, yi, "", va="center", fontsize=9) for yi in y]
        bound = max(n, 1)
        (self.total_bar,) = axt.barh([0], [0.0], color=PALETTE["vermillion"], height=0.5)
        axt.set_xlim(-bound * 1.05, bound * 1.05)
        axt.set_ylim(-0.8, 0.8)
        axt.axvline(0, color=PALETTE["black"], lw=0.8)
        axt.set_yticks([])
        axt.set_xlabel(t("motivation.plot.force_axis"))
        axt.grid(axis="y", visible=False)
        self.total_title = axt.set_title(t("motivation.plot.force_title", value="−0,00"), fontsize=11)
        names = tuple(label.get_text() for label in ax.get_yticklabels())
        freeze_cached(self.fig, ("ForceChart", names) + figure_key(self.fig))
        fix_titles(self.fig)   # same picture, no title re-placing per redraw

    def update(self, expectancy: float, outcomes) -> list[float]:
        """Redraw for E and ``(I, V)`` pairs in the order of ``outcome_ids``; return the contributions."""
        contributions = mot.outcome_contributions(expectancy, outcomes)
        total = math.fsum(contributions)
        for bar, label, value in zip(self.bars, self.bar_labels, contributions):
            bar.set_width(value)
            bar.set_color(PALETTE["blue"] if value >= 0 else PALETTE["orange"])
            label.set_text(format_number(value, 2, self.lang))
            label.set_x(value + (0.03 if value >= 0 else -0.03))
            label.set_horizontalalignment("left" if value >= 0 else "right")
        self.total_bar.set_width(total)
        self.total_title.set_text(t("motivation.plot.force_title", value=format_number(total, 2, self.lang)))
        set_alt(self.fig, t("motivation.plot.alt_force", total=format_number(total, 2, self.lang), parts="; ".join(
            f"{pick(mot.OUTCOMES.get(o, {'nb': o, 'en': o}))} {format_number(v, 2, self.lang)}"
            for o, v in zip(self.outcome_ids, contributions))))
        return contributions


def plot_force(expectancy: float, outcomes: Mapping[str, tuple[float, float]]):
    """Contribution bars and M for ``outcomes`` given as ``{outcome_id: (I, V)}``."""
    chart = ForceChart(list(outcomes))
    chart.update(expectancy, list(outcomes.values()))
    return chart.fig


# --------------------------------------------------------------------------- reward effects


def _normal_pdf(x: np.ndarray, mean: float = 0.0) -> np.ndarray:
    return np.exp(-0.5 * (x - mean) ** 2) / math.sqrt(2 * math.pi)


class EffectChart:
    """Two normal curves (no reward, reward shifted by d) with the U3 share shaded.

    Example:
        >>> chart = EffectChart()
        >>> _ = chart.update("engagement_contingent", "free_choice")
        >>> round(chart.effect.d, 2)
        -0.4
    """

    @styled
    def __init__(self, figsize=(7.5, 3.6)):
        self.lang = get_language()
        self.fig, ax = new_figure(figsize=figsize)
        self.ax = ax
        self.x = np.linspace(-3.5, 3.5, 281)
        base = _normal_pdf(self.x)
        ax.plot(self.x, base, color=PALETTE["grey"], lw=2, label=t("motivation.plot.no_reward"))
        (self.reward_line,) = ax.plot(self.x, base, color=PALETTE["blue"], lw=2.5, label=" ")
        self.shade = None
        self.mean_line = ax.axvline(0, color=PALETTE["blue"], ls="--", lw=1.2)
        ax.axvline(0, color=PALETTE["grey"], ls=":", lw=1)
        ax.set_xlim(-3.5, 3.5)
        ax.set_ylim(0, 0.5)
        ax.set_xlabel(t("motivation.plot.effect_axis"))
        ax.set_ylabel(t("motivation.plot.density_axis"))
        # placeholders of typical length, so the frozen layout leaves room for the real texts
        self.title = ax.set_title(pick(mot.REWARD_TYPES["performance_contingent"]), fontsize=11)
        self.note = ax.text(0.02, 0.97, "\n\n", transform=ax.transAxes, va="top", fontsize=9)
        self.legend = ax.legend(loc="upper right", fontsize=9)
        freeze_cached(self.fig, ("EffectChart", self.title.get_text()) + figure_key(self.fig))
        fix_titles(self.fig)   # same picture, no title re-placing per redraw
        self.effect = None

    def update(self, reward_type: str, measure: str) -> mot.CrowdingEffect:
        """Show the effect for a reward type and measure; raises ``ValueError`` for unknown ones.

        An effect that was not significant is drawn as what it is: no curve of its own, and a note
        saying that the rewarded group did not differ measurably from the group without reward.
        """
        effect = mot.crowding_effect(reward_type, measure)
        self.effect = effect
        if self.shade is not None:
            self.shade.remove()
            self.shade = None
        measure_name = pick(mot.MEASURES_SHORT[measure])
        self.title.set_text(pick(mot.REWARD_TYPES[reward_type]))
        if effect.d is None:
            self.reward_line.set_visible(False)
            self.mean_line.set_visible(False)
            self.legend.get_lines()[1].set_visible(False)
            self.legend.get_texts()[1].set_text(t("motivation.plot.no_significant_difference"))
            self.note.set_text(t("motivation.plot.effect_note_ns", measure=measure_name))
            set_alt(self.fig, t("motivation.plot.alt_effect_ns", reward=pick(mot.REWARD_TYPES[reward_type]),
                                measure=measure_name))
            return effect
        d = effect.d
        self.reward_line.set_visible(True)
        self.mean_line.set_visible(True)
        self.legend.get_lines()[1].set_visible(True)
        self.reward_line.set_ydata(_normal_pdf(self.x, d))
        d_text = format_number(d, 2, self.lang)
        self.reward_line.set_label(t("motivation.plot.with_reward", d=d_text))
        self.legend.get_texts()[1].set_text(t("motivation.plot.with_reward", d=d_text))
        self.mean_line.set_xdata([d, d])
        below = self.x <= d
        self.shade = self.ax.fill_between(self.x[below], 0, _normal_pdf(self.x[below]), color=PALETTE["grey"],
                                          alpha=0.3, lw=0)
        self.note.set_text(t("motivation.plot.effect_note", measure=measure_name,
                             pct=format_percent(effect.u3, 0, self.lang)))
        set_alt(self.fig, t("motivation.plot.alt_effect", reward=pick(mot.REWARD_TYPES[reward_type]),
                            measure=measure_name, d=d_text, pct=format_percent(effect.u3, 0, self.lang)))
        return effect


def plot_effect(reward_type: str, measure: str):
    """The Deci, Koestner & Ryan (1999) effect for one reward type and measure, as two curves."""
    chart = EffectChart()
    chart.update(reward_type, measure)
    return chart.fig

"""Widget apps for module 01: the motivation profile, the expectancy calculator, rewards and
intrinsic motivation.

Each app: controls as attributes, one model call, one figure updated in place, one error line.

Example:
    >>> app = ExpectancyApp(preset="baseline")       # doctest: +SKIP
    >>> app.expectancy.value = 0.1; round(app.result, 3)   # doctest: +SKIP
    0.132
"""
from __future__ import annotations

import html

import ipywidgets as widgets

from .. import motivation as mot
from ..i18n import format_number, invalid, pick, t
from ..plots.motivation import EffectChart, ForceChart, ProfileRadar
from ..progress import get_store
from ..tables import LearnerTable, learner_table
from . import args as _args
from .base import App, FigureView, ErrorBox, guarded, readout, show_figure


def _esc(text) -> str:
    return html.escape(str(text))


# --------------------------------------------------------------------------- profile


def _check_responses(responses) -> None:
    """Refuse answers that are not ``{item_id: whole number 1..7}`` (the sliders would clamp or fail)."""
    _args.mapping("responses", responses, t("args.what.responses"))
    ids = [item.id for item in mot.QUESTIONNAIRE]
    for item_id, value in responses.items():
        if item_id not in ids:
            raise invalid("motivation.profile.unknown_item", item=_args.shown(item_id), valid=", ".join(ids))
        _args.number(f"responses[{item_id!r}]", value, mot.LIKERT_MIN, mot.LIKERT_MAX, integer=True)


class ProfileApp(App):
    """The questionnaire, a radar chart of the six factors, the interpretation with levers, saving.

    ``app.sliders[item_id]`` are the answers; ``app.scores`` the factor scores; ``app.compare``
    the comparison profile (or ``None``); ``app.interpretation`` the list of interpretations.
    """

    def __init__(self, name: str | None = None, responses=None, compare=None):
        if name is not None:
            _args.text("name", name)
        if responses is not None:
            _check_responses(responses)
        if compare is not None:
            mot.check_scores(compare)
        self.error = ErrorBox()
        self.scores: dict[str, float] | None = None
        self.compare: dict[str, float] | None = None
        self.interpretation: list[mot.Interpretation] = []
        self._quiet = True
        self.radar = ProfileRadar()
        self.out = FigureView(layout={"min_width": "560px"})
        self.sliders: dict[str, widgets.IntSlider] = {}
        rows = []
        for number, item in enumerate(mot.QUESTIONNAIRE, start=1):  # the 18 rows share their layouts and styles
            slider = widgets.IntSlider(value=4, min=mot.LIKERT_MIN, max=mot.LIKERT_MAX, step=1,
                                       continuous_update=False, layout={"width": "260px"})
            slider.add_class(f"course-item-{item.id}")
            slider.observe(self._on_change, names="value")
            self.sliders[item.id] = slider
            label = widgets.HTML(f"{number}. {_esc(pick(item.text))}", layout={"width": "62%"})
            rows.append(widgets.HBox([label, readout(slider, "number", 0)]))
        self.name = widgets.Text(value=name or t("motivation.widget.default_profile_name"),
                                 description=t("motivation.widget.profile_name"),
                                 style={"description_width": "initial"})
        self.save_button = widgets.Button(description=t("motivation.widget.save"), icon="save",
                                          button_style="primary")
        self.keep_button = widgets.Button(description=t("motivation.widget.keep_comparison"),
                                          layout={"width": "auto"})
        self.load_button = widgets.Button(description=t("motivation.widget.load_comparison"),
                                          layout={"width": "auto"})
        self.clear_button = widgets.Button(description=t("motivation.widget.clear_comparison"),
                                           layout={"width": "auto"})
        self.status = widgets.HTML("")
        self.details = widgets.HTML("", layout={"max_height": "560px", "overflow": "auto"})
        self.details.add_class("course-scroll")      # focusable, so the keyboard can scroll it
        self.save_button.on_click(guarded(self.error)(lambda _b: self.save()))
        self.keep_button.on_click(guarded(self.error)(lambda _b: self.keep_as_comparison()))
        self.load_button.on_click(guarded(self.error)(lambda _b: self.load_comparison()))
        self.clear_button.on_click(guarded(self.error)(lambda _b: self.set_comparison(None)))
        buttons = widgets.HBox([self.name, self.save_button, self.status])
        compare_row = widgets.HBox([self.keep_button, self.load_button, self.clear_button])
        self.widget = widgets.VBox([
            widgets.HTML(f"<i>{_esc(t('motivation.widget.profile_intro'))}</i>"),
            widgets.VBox(rows),
            buttons, compare_row, self.error,
            widgets.HBox([self.out, self.details], layout={"align_items": "flex-start"}),
        ])
        self.widget.add_class("course-profile-app")
        # --- class sharing (trainer's kit): the scores only, under a random id; can be withdrawn
        from .classroom import ShareButton, cr
        self.share = ShareButton("profile", lambda: cr.profile_payload(self.scores))
        self.widget.children += (self.share.widget,)
        if responses:
            self.set_responses(responses)
        if compare is not None:
            self.compare = mot.check_scores(compare)
        self._quiet = False
        self.refresh()

    def responses(self) -> dict[str, int]:
        """The current answers, ``{item_id: 1..7}``."""
        return {item_id: slider.value for item_id, slider in self.sliders.items()}

    def set_responses(self, responses) -> None:
        """Set many answers at once with a single redraw (``ValueError`` for an unknown item or a value outside 1-7)."""
        _check_responses(responses)
        quiet, self._quiet = self._quiet, True
        try:
            for item_id, value in responses.items():
                if item_id not in self.sliders:
                    raise invalid("motivation.profile.unknown_item", item=item_id,
                                      valid=", ".join(self.sliders))
                self.sliders[item_id].value = value
        finally:
            self._quiet = quiet
        self.refresh()

    def set_comparison(self, scores) -> None:
        """Show ``scores`` as the comparison profile (``None`` hides it)."""
        self.compare = None if scores is None else mot.check_scores(scores)
        self.refresh()

    def keep_as_comparison(self) -> None:
        """Freeze the current profile as the 'before' profile."""
        self.set_comparison(dict(self.scores))

    def load_comparison(self) -> None:
        """Load the saved profile named in the name field as the comparison."""
        saved = get_store().get("profiles", self.name.value.strip())
        if saved is None:
            raise ValueError(t("motivation.widget.no_saved_profile", name=self.name.value.strip()))
        self.set_comparison(saved)

    def save(self) -> dict[str, float]:
        """Save the scores under the profile name; return them."""
        key = self.name.value.strip() or t("motivation.widget.default_profile_name")
        get_store().put("profiles", key, dict(self.scores))
        self.status.value = f"<span style='color:#007A5A'>{_esc(t('motivation.widget.saved', name=key))}</span>"
        return dict(self.scores)

    def _on_change(self, _change=None) -> None:
        if not self._quiet:
            self.status.value = ""
            self.refresh()

    def refresh(self) -> None:
        """Score, redraw and interpret (errors go to the error line)."""
        guarded(self.error)(self._refresh)()

    def _refresh(self) -> None:
        self.scores = mot.score_profile(self.responses())
        self.interpretation = mot.interpret_profile(self.scores)
        self.radar.update(self.scores, self.compare)
        show_figure(self.out, self.radar.fig)
        self.details.value = self._details_html()

    def _details_html(self) -> str:
        parts = [f"<h4 style='margin:4px 0'>{_esc(t('motivation.widget.interpretation_heading'))}</h4>"]
        for it in self.interpretation:
            levers = "".join(f"<li>{_esc(lv)}</li>" for lv in it.levers)
            sellers = "".join(f"<li>{_esc(lv)}</li>" for lv in it.seller_levers)
            parts.append(
                f"<div class='course-interpretation course-level-{it.level}' style='margin-bottom:8px'>"
                f"<b>{_esc(it.name)}</b> ({_esc(t('motivation.widget.score'))} "
                f"{_esc(format_number(it.score, 1))}, {_esc(t('motivation.level.' + it.level))}) "
                f"<i>{_esc(it.question)}</i><br>{_esc(it.text)}<br><small>{_esc(it.theory)}</small>"
                f"<div><u>{_esc(t('motivation.widget.levers'))}</u><ul style='margin:2px 0'>{levers}</ul>"
                f"<u>{_esc(t('motivation.widget.seller_levers'))}</u><ul style='margin:2px 0'>{sellers}</ul></div></div>"
            )
        return "".join(parts)


# --------------------------------------------------------------------------- expectancy calculator


CUSTOM = "custom"


class ExpectancyApp(App):
    """E and an (I, V) pair per outcome, a chart of each outcome's contribution and M, presets.

    ``app.expectancy``, ``app.instrumentality[outcome]``, ``app.valence[outcome]`` and
    ``app.preset`` are the controls; ``app.result`` is M; ``app.contributions`` the bars.
    """

    def __init__(self, preset: str = "baseline", outcome_ids=None):
        if not isinstance(preset, str) or (preset != CUSTOM and preset not in mot.SCENARIOS):
            raise invalid("motivation.widget.unknown_preset", value=mot._shown(preset),
                          valid=", ".join([CUSTOM, *mot.SCENARIOS]))
        if outcome_ids is None:
            self.outcome_ids = list(mot.OUTCOMES)
        else:
            self.outcome_ids = _args.items("outcome_ids", outcome_ids, t("args.what.outcomes"))
            for outcome in self.outcome_ids:
                _args.choice("outcome_ids", outcome, mot.OUTCOMES)
        self.error = ErrorBox()
        self.result: float | None = None
        self.contributions: list[float] = []
        self._quiet = True
        self.chart = ForceChart(self.outcome_ids)
        self.out = FigureView()
        self.out.add_class("course-expectancy-figure")
        options = [(t("motivation.widget.custom"), CUSTOM)] + [
            (pick(s.name), key) for key, s in mot.SCENARIOS.items()]
        self.preset = widgets.Dropdown(options=options, value=CUSTOM, description=t("motivation.widget.preset"),
                                       layout={"width": "380px"})
        self.preset.observe(self._on_preset, names="value")
        self.expectancy = self._slider(0.7, 0.0, t("motivation.widget.expectancy"), width="420px")
        expectancy_box = readout(self.expectancy, "number", 2)
        expectancy_box.add_class("course-expectancy-e")
        self.instrumentality: dict[str, widgets.FloatSlider] = {}
        self.valence: dict[str, widgets.FloatSlider] = {}
        rows = []
        for outcome in self.outcome_ids:
            self.instrumentality[outcome] = self._slider(0.5, -1.0, t("motivation.widget.instrumentality"))
            self.valence[outcome] = self._slider(0.5, -1.0, t("motivation.widget.valence"))
            name = pick(mot.OUTCOMES.get(outcome, {"nb": outcome, "en": outcome}))
            rows.append(widgets.HBox([
                widgets.HTML(f"<b>{_esc(name)}</b>", layout={"width": "130px"}),
                readout(self.instrumentality[outcome], "number", 2), readout(self.valence[outcome], "number", 2)]))
        self.description = widgets.HTML("")
        self.summary = widgets.HTML("")
        self.summary.add_class("course-expectancy-result")
        self.widget = widgets.VBox([
            self.preset, self.description, expectancy_box, widgets.VBox(rows),
            self.summary, self.error, self.out])
        self.widget.add_class("course-expectancy-app")
        self._quiet = False
        if preset != CUSTOM:
            self.preset.value = preset
        else:
            self.refresh()

    def _slider(self, value, low, label, width="300px") -> widgets.FloatSlider:
        slider = widgets.FloatSlider(value=value, min=low, max=1.0, step=0.05, description=label,
                                     continuous_update=False,
                                     layout={"width": width}, style={"description_width": "initial"})
        slider.observe(self._on_control, names="value")
        return slider

    def pairs(self) -> list[tuple[float, float]]:
        """The current ``(I, V)`` pairs in outcome order."""
        return [(self.instrumentality[o].value, self.valence[o].value) for o in self.outcome_ids]

    def apply(self, scenario: str) -> None:
        """Set every control from a scenario of :data:`course_lib.motivation.SCENARIOS`, one redraw.

        Raises ``ValueError`` (translated, listing the valid ids) for an unknown scenario. The redraw is
        not guarded here, so a caller's guard shows any error and it stays shown.
        """
        s = mot.scenario(scenario)
        quiet, self._quiet = self._quiet, True
        try:
            self.expectancy.value = s.expectancy
            for outcome in self.outcome_ids:
                i, v = s.outcomes.get(outcome, (0.0, 0.0))
                self.instrumentality[outcome].value = i
                self.valence[outcome].value = v
        finally:
            self._quiet = quiet
        self.description.value = f"<i>{_esc(pick(s.description))}</i>"
        self._refresh()

    def _on_preset(self, change) -> None:
        if self._quiet:
            return
        if change["new"] == CUSTOM:
            self.description.value = ""
            return
        guarded(self.error)(self.apply)(change["new"])

    def _on_control(self, _change) -> None:
        if self._quiet:
            return
        if self.preset.value != CUSTOM:  # a moved slider leaves the scenario
            self._quiet = True
            try:
                self.preset.value = CUSTOM
                self.description.value = ""
            finally:
                self._quiet = False
        self.refresh()

    def _refresh(self) -> None:
        pairs = self.pairs()
        self.result = None
        self.contributions = self.chart.update(self.expectancy.value, pairs)
        self.result = mot.motivational_force(self.expectancy.value, pairs)
        show_figure(self.out, self.chart.fig)
        self.summary.value = self._summary_html(pairs)

    def _summary_html(self, pairs) -> str:
        sens = mot.force_sensitivity(self.expectancy.value, pairs)
        candidates = [(sens.expectancy, t("motivation.widget.lever_e"))]
        for outcome, di, dv in zip(self.outcome_ids, sens.instrumentality, sens.valence):
            name = pick(mot.OUTCOMES.get(outcome, {"nb": outcome, "en": outcome}))
            candidates.append((di, t("motivation.widget.lever_i", outcome=name)))
            candidates.append((dv, t("motivation.widget.lever_v", outcome=name)))
        gain, lever = max(candidates, key=lambda c: c[0])
        self.best_lever = lever
        line = t("motivation.widget.force_result", value=format_number(self.result, 2))
        hint = t("motivation.widget.sensitivity", lever=lever, gain=format_number(gain, 2))
        return f"<b style='font-size:1.2em'>{_esc(line)}</b> &nbsp; <span>{_esc(hint)}</span>"


# --------------------------------------------------------------------------- rewards


class RewardsApp(App):
    """Choose a reward type and a measure of intrinsic motivation; see the effect and its meaning.

    ``app.reward_type`` and ``app.measure`` are the controls; ``app.effect`` is the
    :class:`course_lib.motivation.CrowdingEffect` shown. Every combination has one: where Deci,
    Koestner & Ryan (1999) found no significant effect (performance-contingent rewards, self-reported
    interest) the statement says so. ``app.effect`` is ``None`` only while an unexpected error is shown.
    """

    def __init__(self, reward_type: str = "engagement_contingent", measure: str = "free_choice"):
        _args.choice("reward_type", reward_type, mot.REWARD_TYPES)
        _args.choice("measure", measure, mot.MEASURES)
        self.error = ErrorBox()
        self.effect: mot.CrowdingEffect | None = None
        self.chart = EffectChart()
        self.out = FigureView()
        self.reward_type = widgets.Dropdown(
            options=[(pick(v), k) for k, v in mot.REWARD_TYPES.items()], value=reward_type,
            description=t("motivation.widget.reward_type"), layout={"width": "520px"},
            style={"description_width": "initial"})
        self.measure = widgets.Dropdown(
            options=[(pick(v), k) for k, v in mot.MEASURES.items()], value=measure,
            description=t("motivation.widget.measure"), layout={"width": "520px"},
            style={"description_width": "initial"})
        self.statement = widgets.HTML("")
        self.statement.add_class("course-effect-statement")
        for control in (self.reward_type, self.measure):
            control.observe(lambda _c: self.refresh(), names="value")
        self.widget = widgets.VBox([self.reward_type, self.measure, self.statement, self.error, self.out])
        self.widget.add_class("course-rewards-app")
        self.refresh()

    def refresh(self) -> None:
        self.effect = None
        guarded(self.error)(self._refresh)()
        if self.effect is None:
            self.statement.value = ""
            self.out.outputs = ()

    def _refresh(self) -> None:
        effect = self.chart.update(self.reward_type.value, self.measure.value)
        self.effect = effect
        show_figure(self.out, self.chart.fig)
        self.statement.value = (f"<b>{_esc(effect.statement())}</b><br>"
                                f"<small>{_esc(t('motivation.widget.source', source=effect.source))}</small>")


# --------------------------------------------------------------------------- tables as the learner sees them


def _outcome_labels(suffixes=("I", "V")) -> dict[str, dict[str, str]]:
    return {f"{o}_{x}": {lang: f"{name[lang]} {x}" for lang in ("nb", "en")}
            for o, name in mot.OUTCOMES.items() for x in suffixes}


def _d_or_not_significant(lang):
    def fmt(d) -> str:
        if d is None or d != d:  # None, or the NaN pandas makes of it
            return t("motivation.table.not_significant", lang=lang)
        return format_number(d, 2, lang)
    return fmt


def _views(lang) -> dict:
    """name -> (table function, formats, labels); labels are message keys unless given as texts."""
    force = {"climate": "plain", "felt_valence": "number:2", "force_gift": "number:2", "force": "number:2"}
    keys = lambda *cols: {c: f"motivation.table.{c}" for c in cols}  # noqa: E731
    return {
        "inner_questions": (mot.inner_questions_table, {},
                            keys("factor", "question", "theory", "link", "levers", "seller_levers")),
        "scenarios": (mot.scenario_table, {"E": "plain", "M": "number:2", **{c: "plain" for c in _outcome_labels()}},
                      {**keys("scenario"), **_outcome_labels()}),
        "contributions": (mot.contributions_table, {s: "number:2" for s in mot.SCENARIOS},
                          {**keys("outcome"), **{sid: s.name for sid, s in mot.SCENARIOS.items()}}),
        "car": (mot.car_climate_table, force, keys(*force)),
        "crowding": (mot.crowding_table, {"d": _d_or_not_significant(lang), "u3": "percent:1"},
                     keys("reward", "measure", "d", "u3", "meaning")),
    }


TABLES = ("inner_questions", "scenarios", "contributions", "car", "crowding")


def show_table(name: str, *args, **kwargs) -> LearnerTable:
    """A table of module 01 as the learner sees it: translated headers, numbers in the language's format.

    ``name`` is one of :data:`TABLES`; further arguments go to the model's table function (for
    example the scenario ids of ``"contributions"`` or the climates of ``"car"``).

    Example:
        >>> show_table("crowding", lang="en").frame.iloc[5].tolist()[2:4]
        ['not significant', '–']
    """
    if not isinstance(name, str) or name not in TABLES:
        raise invalid("motivation.table.unknown", value=mot._shown(name), valid=", ".join(TABLES))
    lang = kwargs.get("lang")
    func, formats, labels = _views(lang)[name]
    return learner_table(func(*args, **kwargs), formats=formats, labels=labels, lang=lang)


def show_force(expectancy: float, outcomes) -> LearnerTable:
    """E, the sum of I x V and M for a worked example, as a one-row learner table.

    Example:
        >>> show_force(0.7, [(0.8, 0.6), (0.6, 0.7)]).frame.iloc[0].tolist()[-1] in ("0,63", "0.63")
        True
    """
    sens = mot.force_sensitivity(expectancy, outcomes)
    row = {"E": float(expectancy), "sum": sens.expectancy, "M": mot.motivational_force(expectancy, outcomes)}
    return learner_table(row, formats={"E": "plain", "sum": "number:2", "M": "number:2"},
                         labels={"sum": "motivation.table.sum_iv"})

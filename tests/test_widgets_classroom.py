"""ShareButton, the trainer's summary app, the class plots and the projector-page notebooks."""
import json

import pytest

from course_lib import classroom as cr
from course_lib.plots.classroom import plot_profiles, plot_quiz, plot_votes
from course_lib.plots.style import figure_alt
from course_lib.widgets.classroom import ClassSummaryApp, ShareButton


@pytest.fixture
def folder(tmp_path, monkeypatch):
    d = tmp_path / "class"
    d.mkdir()
    monkeypatch.setenv("COURSE_CLASS_DIR", str(d))
    return d


def test_share_button_shares_and_withdraws(folder, store, english):
    button = ShareButton("quiz", lambda: {"start.position": True})
    assert "never your name" in button.note.value
    assert button.withdraw.disabled
    button.share.click()
    files = list(folder.glob("p-*-quiz.json"))
    assert len(files) == 1 and json.loads(files[0].read_text())["data"] == {"start.position": True}
    assert not button.withdraw.disabled and "Shared" in button.status.value and not button.error.has_error
    button.withdraw.click()
    assert not list(folder.glob("*.json")) and "Withdrawn" in button.status.value


def test_share_button_shows_errors_in_the_app(monkeypatch, store, english):
    monkeypatch.delenv("COURSE_CLASS_DIR", raising=False)
    button = ShareButton("quiz", lambda: {"start.position": True})
    button.share.click()
    assert "COURSE_CLASS_DIR" in button.error.value
    empty = ShareButton("plan", lambda: {})
    empty.share.click()
    assert "nothing to share" in empty.error.value


def test_summary_app_refreshes_when_the_class_shares(folder, lang):
    app = ClassSummaryApp()
    assert app.summary.participants == 0
    cr.demo_class(folder, participants=4)
    app.button.click()
    assert app.summary.participants == 4 and not app.error.has_error
    assert ("4 deltakere" if lang == "nb" else "4 participants") in app.text.value


def test_summary_app_redraws_a_figure_only_when_its_data_changed(folder, english):
    cr.demo_class(folder, participants=4)
    app = ClassSummaryApp()
    before = {name: out.outputs for name, out in app.outs.items()}
    app.button.click()                                   # nothing new shared: the same figures stay
    assert all(app.outs[name].outputs is before[name] for name in before)
    cr.demo_class(folder, participants=6, seed=3)        # new answers: the figures follow
    app.button.click()
    assert app.summary.participants > 4
    assert any(app.outs[name].outputs is not before[name] for name in before)
    assert "participants" in app.text.value


def test_plots_label_numbers_in_the_language(folder, lang):
    cr.demo_class(folder, participants=30)
    s = cr.summarise(folder)
    alt = figure_alt(plot_profiles(s))
    assert ("," if lang == "nb" else ".") in alt.split("Selvrealisering" if lang == "nb" else "Self-realisation")[1][:6]
    assert figure_alt(plot_votes(s)) and "%" in figure_alt(plot_quiz(s))
    two = folder.parent / "two"
    two.mkdir()
    cr.demo_class(two, participants=2)
    s2 = cr.summarise(two)
    for fig in (plot_profiles(s2), plot_votes(s2), plot_quiz(s2)):
        assert "3" in figure_alt(fig)


def test_votes_plot_keeps_every_count_readable_and_names_the_median(folder, lang):
    """The median marker sat on its row and hid the vote count it crossed (seen on the projector
    figure: the 6 and 8 under the bar at level 4). It now points down from above the row."""
    cr.demo_class(folder, participants=30)
    s = cr.summarise(folder)
    fig = plot_votes(s)
    ax = fig.axes[0]
    counts = {(round(tx.get_position()[0], 3), round(tx.get_position()[1], 3)) for tx in ax.texts}
    medians = [line for line in ax.lines if line.get_marker() == "v"]
    assert len(medians) == 1 and len(medians[0].get_xdata()) == len(s.delegation)
    to_px = ax.transData.transform
    for x, y in zip(medians[0].get_xdata(), medians[0].get_ydata()):
        assert (round(x, 3), round(y, 3)) not in counts
        for cx, cy in counts:  # no count label within 12 px of a marker's centre
            assert abs(to_px((x, y))[0] - to_px((cx, cy))[0]) > 12 or abs(to_px((x, y))[1] - to_px((cx, cy))[1]) > 12
    assert [tx.get_text() for tx in ax.get_legend().get_texts()] == ["median"]
    assert len(ax.collections) == 1  # every dot in one collection (one per dot cost about 100 ms)


def test_present_notebook_for_every_app_and_unknown_app(english):
    from course_lib import present

    for app in present.APPS:
        nb = present.notebook_for(app, "nb")
        assert 'set_language("nb")' in nb.cells[0].source
    with pytest.raises(ValueError, match="Available apps"):
        present.check_app("nope")


@pytest.mark.parametrize("app, warmed", [("delegation.levels", True), ("class.summary", False), ("capstone", False)])
def test_course_present_warms_a_kernel_except_for_the_live_pages(app, warmed, tmp_path, monkeypatch):
    """A preheated page shows what was true when its kernel was warmed: right for an app, wrong for
    the class summary (the class folder) and the capstone (the work saved so far), read when opened."""
    from course_lib import cli, present

    started = []
    monkeypatch.setattr(present.subprocess, "call", lambda cmd, **kw: started.append(cmd) or 0)
    assert cli.main(["present", app, "--lang", "nb", "--port", "8999", "--folder", str(tmp_path)]) == 0
    assert ("--preheat_kernel=True" in started[0]) is warmed and "--strip_sources=True" in started[0]


def test_every_projector_app_can_be_built(folder, store, english):
    import importlib

    from course_lib import present

    for name, (module, call) in present.APPS.items():
        cls = getattr(importlib.import_module(module), call.split("(")[0])
        app = cls()
        assert hasattr(app, "widget"), name

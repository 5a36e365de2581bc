"""The layouts shipped with the course (course_lib/plots/layout_store.py, data/layouts.json).

A new kernel starts from them instead of running matplotlib's layout solver for the apps' figures.
They must be current (made from these very course files), must give the same picture as the
solver, must cover every app a notebook shows, and a damaged or hostile file must only cost speed.
"""
import json
from pathlib import Path

import pytest
from support import walk_widgets

from course_lib.plots import blit, layout_store

def _build(jobs: list[str], monkeypatch) -> dict:
    """Build each ``lang:app`` as in a new kernel (no layout or background kept from earlier figures);
    ``{lang:app: {"solves": n, "pictures": [...]}}``, the pictures as hashes of each image shown."""
    import hashlib
    import importlib

    import ipywidgets as w

    import course_lib
    from course_lib.plots import style
    from course_lib.present import APPS

    solves = [0]

    def counted(fig):
        solves[0] += 1
        original(fig)

    original = style.freeze_layout
    monkeypatch.setattr(style, "freeze_layout", counted)
    monkeypatch.setattr(blit, "freeze_layout", counted)
    monkeypatch.setattr(blit, "_LAYOUTS", type(blit._LAYOUTS)())
    monkeypatch.setattr(blit, "_BACKGROUNDS", type(blit._BACKGROUNDS)())

    out = {}
    for job in jobs:
        lang, name = job.split(":")
        course_lib.set_language(lang)
        module, call = APPS[name]
        before = solves[0]
        app = eval(call, vars(importlib.import_module(module)))  # noqa: S307 - the course's own table
        root = app if isinstance(app, w.Widget) else app.widget
        pictures = [hashlib.sha256(x.value if isinstance(x, w.Image) else x.value.encode()).hexdigest()
                    for x in walk_widgets(root) if isinstance(x, w.Image) or (isinstance(x, w.HTML) and "<img" in x.value)]
        out[job] = {"solves": solves[0] - before, "pictures": pictures}
        blit._LAYOUTS.clear()
        blit._BACKGROUNDS.clear()
    return out


def test_the_shipped_layouts_were_made_from_these_course_files():
    data = json.loads(layout_store.STORE.read_text(encoding="utf-8"))
    assert data["fingerprint"] == layout_store.fingerprint(), (
        "course_lib changed since data/layouts.json was made: run `make layouts` and commit the file")


def test_every_app_starts_from_a_shipped_layout_and_looks_the_same_as_laid_out_afresh(monkeypatch):
    """As in a new kernel, no app lays its chart out (every projector app in Norwegian, three in
    English: the two languages' layouts are made the same way), and those three pictures are the
    same byte for byte as when the kernel runs the layout solver itself."""
    from course_lib.present import APPS

    layout_store.forget()
    sample = ["nb:incentives.designer", "en:delegation.board", "en:digital.funnel"]
    jobs = [f"nb:{name}" for name in APPS] + [job for job in sample if not job.startswith("nb:")]
    shipped = _build(jobs, monkeypatch)
    assert {job: r["solves"] for job, r in shipped.items()} == dict.fromkeys(jobs, 0)
    monkeypatch.setenv("COURSE_SHIPPED_LAYOUTS", "0")
    layout_store.forget()
    try:
        solved = _build(sample, monkeypatch)
    finally:
        layout_store.forget()
    assert all(solved[job]["solves"] >= 1 for job in sample)        # the solver really ran there
    for job in sample:
        assert shipped[job]["pictures"] and shipped[job]["pictures"] == solved[job]["pictures"], job


@pytest.fixture
def store_file(tmp_path, monkeypatch):
    """A layouts file of the test's own, read afresh."""
    path = tmp_path / "layouts.json"
    monkeypatch.setattr(layout_store, "STORE", path)
    layout_store.forget()
    yield path
    layout_store.forget()


def _write(path: Path, layouts, fingerprint=None) -> None:
    path.write_text(json.dumps({"fingerprint": fingerprint or layout_store.fingerprint(), "layouts": layouts}),
                    encoding="utf-8")


GOOD = [["axes", None, [0.1, 0.1, 0.8, 0.8], [0.12, 0.12, 0.76, 0.76]], ["text", "_suptitle", [0.5, 0.98], None]]


def test_a_well_formed_entry_is_used(store_file):
    _write(store_file, {layout_store.key_text(("Chart", "nb")): GOOD})
    entry = layout_store.lookup(("Chart", "nb"))
    assert [kind for kind, *_ in entry] == ["axes", "text"]
    assert entry[0][2].bounds == pytest.approx((0.1, 0.1, 0.8, 0.8))
    assert entry[1][2] == (0.5, 0.98)


@pytest.mark.parametrize("text", [
    "not json at all", "[1, 2]", '{"fingerprint": 3, "layouts": {}}', "\ufffe\x00\x01", '{"layouts": []}',
    "[" * 100_000 + "]" * 100_000, b"\xff\xfe{\x00"])
def test_a_damaged_file_is_ignored(store_file, text):
    if isinstance(text, bytes):
        store_file.write_bytes(text)
    else:
        store_file.write_text(text, encoding="utf-8")
    assert layout_store.lookup(("Chart", "nb")) is None


@pytest.mark.parametrize("entry", [
    [["axes", None, [0.1, 0.1, 0.8], [0.1, 0.1, 0.8, 0.8]]],            # a box of three numbers
    [["axes", None, [0.1, 0.1, 0.8, float("nan")], [0.1, 0.1, 0.8, 0.8]]],
    [["axes", None, [0.1, 0.1, 0.8, 1e300], [0.1, 0.1, 0.8, 0.8]]],
    [["axes", None, ["0.1", 0.1, 0.8, 0.8], [0.1, 0.1, 0.8, 0.8]]],
    [["axes", None, [True, 0.1, 0.8, 0.8], [0.1, 0.1, 0.8, 0.8]]],
    [["text", "__class__", [0.5, 0.9], None]],                           # only the figure's own titles
    [["legend", None, [0, 0, 1, 1], [0, 0, 1, 1]]],
    [], "axes", None, 7])
def test_an_entry_that_is_not_well_formed_is_ignored(store_file, entry):
    _write(store_file, {layout_store.key_text(("Chart", "nb")): entry})
    assert layout_store.lookup(("Chart", "nb")) is None


def test_a_file_from_other_course_files_or_too_large_or_switched_off_is_ignored(store_file, monkeypatch):
    key = layout_store.key_text(("Chart", "nb"))
    _write(store_file, {key: GOOD}, fingerprint="0" * 64)
    assert layout_store.lookup(("Chart", "nb")) is None
    layout_store.forget()
    _write(store_file, {key: GOOD, "pad": "x" * layout_store.MAX_BYTES})
    assert layout_store.lookup(("Chart", "nb")) is None
    layout_store.forget()
    _write(store_file, {key: GOOD})
    monkeypatch.setenv("COURSE_SHIPPED_LAYOUTS", "0")
    assert layout_store.lookup(("Chart", "nb")) is None
    monkeypatch.delenv("COURSE_SHIPPED_LAYOUTS")
    layout_store.forget()
    assert layout_store.lookup(("Chart", "nb")) is not None


def test_a_chart_whose_axes_do_not_match_the_shipped_entry_is_laid_out_afresh(store_file):
    from course_lib.plots.style import new_figure

    key = ("TwoPanels", "test")
    _write(store_file, {layout_store.key_text(key): GOOD})   # one axes stored, the figure has two
    blit._LAYOUTS.pop(key, None)
    fig, _ = new_figure(ncols=2, figsize=(6, 3))
    assert blit.freeze_cached(fig, key) is False
    assert fig.get_layout_engine() is None                    # laid out and frozen all the same
    blit._LAYOUTS.pop(key, None)

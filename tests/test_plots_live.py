"""The live canvas (plots/live.py): the same picture as matplotlib's own, drawn from caches."""
from __future__ import annotations

import io

import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from course_lib import set_language
from course_lib.plots import live
from course_lib.plots.style import to_png


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA")).astype(int)


def _figure(title="Salg per måned", rotation=0, live_canvas=True):
    fig = Figure(figsize=(5, 3), dpi=100)
    ax = fig.subplots()
    ax.plot([0, 1, 2, 3], [3.5, 1.25, 2.0, 4.0], label="Nord")
    ax.set_title(title)
    ax.set_xlabel("Måned")
    ax.set_ylabel("Salg (1000 kr)")
    ax.text(1.37, 2.11, "Topp: 4,0", rotation=rotation)
    ax.legend()
    if live_canvas:
        live.attach(fig)
    return fig


@pytest.mark.parametrize("rotation", [0, 90, 30])
def test_live_canvas_draws_what_matplotlib_draws(rotation):
    set_language("nb")
    plain = _pixels(to_png(_figure(rotation=rotation, live_canvas=False)))
    fig = _figure(rotation=rotation)
    first, again = _pixels(to_png(fig)), _pixels(to_png(fig))     # the second from the text cache
    assert first.shape == plain.shape
    for image in (first, again):
        diff = np.abs(image - plain).max(axis=2)
        assert diff.max() <= 2                                     # rounding of the glyph compositing
        assert (diff > 0).sum() < 40                               # a few edge pixels at most
    assert np.array_equal(first, again)


def test_updated_text_is_drawn_new_and_cached_text_is_reused():
    live.clear_caches()
    fig = _figure()
    to_png(fig)
    cached = len(live._text_cache)
    assert cached > 5                                              # ticks, title, labels, legend
    to_png(fig)
    assert len(live._text_cache) == cached                         # nothing new to rasterise
    fig.axes[0].set_title("Et annet navn")
    changed = _pixels(to_png(fig))
    assert len(live._text_cache) == cached + 1
    fresh = _figure(title="Et annet navn", live_canvas=False)
    assert np.abs(changed - _pixels(to_png(fresh))).max() <= 2


def test_renderer_is_kept_between_draws_and_renewed_on_resize():
    fig = _figure()
    to_png(fig)
    renderer = fig.canvas.get_renderer()
    to_png(fig)
    assert fig.canvas.get_renderer() is renderer
    fig.set_size_inches(6, 3)
    png = to_png(fig)
    assert fig.canvas.get_renderer() is not renderer
    assert _pixels(png).shape[:2] == (300, 600)


def test_png_paths_and_fallbacks(tmp_path):
    fig = _figure()
    data = to_png(fig, tmp_path / "a.png")
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and (tmp_path / "a.png").read_bytes() == data
    # a path, metadata or other Pillow options go to matplotlib's own writer; same picture
    fig.savefig(tmp_path / "b.png", format="png")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Title": "x"})
    assert np.array_equal(_pixels((tmp_path / "b.png").read_bytes()), _pixels(data))
    assert np.array_equal(_pixels(buf.getvalue()), _pixels(data))


def test_encode_png_round_trips():
    rng = np.random.default_rng(3)
    image = rng.integers(0, 256, size=(7, 11, 4), dtype=np.uint8)
    for level in (0, 1, 9):
        assert np.array_equal(_pixels(live.encode_png(image, level)), image.astype(int))


def test_attach_is_idempotent_and_new_figure_is_live():
    fig, _ax = live.new_figure(figsize=(4, 2))
    canvas = fig.canvas
    assert isinstance(canvas, live.LiveCanvas)
    assert live.attach(fig) is fig and fig.canvas is canvas


def test_fixed_titles_give_the_same_picture():
    fig = _figure()
    before = _pixels(to_png(fig))
    live.fix_titles(fig)
    assert fig.axes[0]._autotitlepos is False
    fig.axes[0].set_ylim(-100, 12_000)                             # wider tick labels: title stays on top
    after = _pixels(to_png(fig))
    fresh = _figure(live_canvas=False)
    fresh.axes[0].set_ylim(-100, 12_000)
    assert np.array_equal(after, _pixels(to_png(fresh)))
    assert before.shape == after.shape

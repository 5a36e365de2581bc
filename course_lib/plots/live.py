"""Fast redraws of a reused figure: a canvas that keeps its renderer and caches rendered text.

A widget app builds its figure once and updates artists (``set_data``, bar heights, texts) on
every control change; what is left per redraw is matplotlib drawing the figure and encoding the
PNG. Most of that is **text**: matplotlib 3.11 lays out and rasterises every tick label, title
and legend entry glyph by glyph, in Python, on every draw, and a figure saved with ``savefig``
gets a new canvas and renderer each time, so even its text-size cache starts empty.

:func:`attach` gives a figure a :class:`LiveCanvas`: ``fig.savefig`` (and so
``plots.style.to_png``) then draws with one :class:`CachedRenderer` kept across draws, which

* rasterises a string once per (text, font, size, angle, dpi, sub-pixel offset) and afterwards
  pastes the cached bitmap in one call (the cache is shared by every live figure, so a new app
  finds ``0 %``, titles and axis labels already rendered); the sub-pixel offset is kept in
  1/64 pixel, as FreeType gets it, so the picture is the same as matplotlib's own;
* caches text sizes and font height metrics for every figure (matplotlib keeps them per
  renderer only, and recomputes the font's height metrics on every layout).

Nothing else changes: same artists, same layout, same colours, same PNG. Use it for any figure a
widget redraws (and for a figure a notebook shows once: the first draw is no slower).

Example:
    >>> from course_lib.plots.style import new_figure, to_png
    >>> fig, ax = new_figure()
    >>> attach(fig) is fig
    True
    >>> _ = ax.set_title("Salg")
    >>> to_png(fig)[1:4] == to_png(fig)[1:4] == b"PNG"
    True
"""
from __future__ import annotations

import math
import struct
import zlib
from collections import OrderedDict

import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.font_manager import fontManager, get_font
from matplotlib.ft2font import RenderMode

# strings are small (a tick label is a few hundred bytes of alpha); a few thousand cover every
# figure of a course session several times over
_TEXT_CACHE_SIZE = 4000
_text_cache: OrderedDict = OrderedDict()
_metrics_cache: dict = {}
_height_cache: dict = {}


def _prop_key(prop) -> tuple:
    """A hashable snapshot of a ``FontProperties`` (it is mutable, so never a key itself)."""
    return (tuple(prop.get_family()), prop.get_slant(), prop.get_variant(), prop.get_weight(),
            prop.get_stretch(), prop.get_size_in_points(), prop.get_file(), prop.get_math_fontfamily())


def clear_caches() -> None:
    """Forget every cached text bitmap and size (e.g. after changing fonts in ``rcParams``)."""
    _text_cache.clear()
    _metrics_cache.clear()
    _height_cache.clear()


class CachedRenderer(RendererAgg):
    """``RendererAgg`` that draws each distinct piece of text from a cache (see the module doc)."""

    def get_text_width_height_descent(self, s, prop, ismath):
        if ismath:
            return super().get_text_width_height_descent(s, prop, ismath)
        key = (s, _prop_key(prop), self.dpi, mpl.rcParams["text.hinting"])
        found = _metrics_cache.get(key)
        if found is None:
            found = _metrics_cache[key] = super().get_text_width_height_descent(s, prop, ismath)
        return found

    def _get_font_height_metrics(self, prop):
        """Ascent, descent and line gap of the font (the hook ``Text._get_layout`` asks first)."""
        key = (_prop_key(prop), self.dpi)
        found = _height_cache.get(key)
        if found is None:
            found = (None, None, None)
            font = get_font(fontManager._find_fonts_by_props(prop))
            for table_name, gap_key, ascent_key, descent_key in (
                    ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                    ("hhea", "lineGap", "ascent", "descent")):
                table = font.get_sfnt_table(table_name)
                if table is None:
                    continue
                scale = prop.get_size_in_points() * self.dpi / 72 / font.get_sfnt_table("head")["unitsPerEm"]
                found = (table[ascent_key] * scale, -table[descent_key] * scale, table[gap_key] * scale)
                break
            _height_cache[key] = found
        return found

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        if ismath or features or language:
            return super().draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
        # FreeType's origin: x right, y up from the bottom of the canvas, in 1/64 pixel; the
        # bitmap depends on the fraction of a pixel only (kept exact: the same picture as matplotlib)
        ox, oy = 64 * x, 64 * (self.height - y)
        ix, iy = math.floor(x), math.floor(self.height - y)
        fx, fy = ox - 64 * ix, oy - 64 * iy
        antialiased = bool(gc.get_antialiased())
        key = (s, _prop_key(prop), angle, self.dpi, antialiased, fx, fy, mpl.rcParams["text.hinting"])
        found = _text_cache.get(key)
        if found is None:
            found = self._rasterise(s, prop, angle, antialiased, fx, fy)
            _text_cache[key] = found
            if len(_text_cache) > _TEXT_CACHE_SIZE:
                _text_cache.popitem(last=False)
        image, left, top = found
        if image is None:
            return None
        # draw_text_image's y is downwards and names the bitmap's bottom side
        self._renderer.draw_text_image(image, ix + left, int(self.height) - (iy + top) + image.shape[0], 0, gc)
        return None

    def _rasterise(self, s, prop, angle, antialiased, fx, fy):
        """The string as one alpha bitmap at offset (fx, fy)/64 (under a pixel) from a whole pixel.

        Returns ``(alpha, left, top)``: the bitmap and its top-left corner in whole pixels from
        that pixel (FreeType's y up), or ``(None, 0, 0)`` for a string with no ink.
        """
        font = self._prepare_font(prop)
        items = font._layout(s, flags=get_hinting_flag())
        size = prop.get_size_in_points()
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        matrix = (0x10000 * np.array([[cos, -sin], [sin, cos]])).round().astype(int)
        load_flags = get_hinting_flag()
        mode = RenderMode.NORMAL if antialiased else RenderMode.MONO
        glyphs = []
        for item in items:
            ft = item.ft_object
            ft.set_size(size, self.dpi)
            ft._set_transform(matrix, [round(fx + 64 * (item.x * cos - item.y * sin)),
                                       round(fy + 64 * (item.x * sin + item.y * cos))])
            bitmap = ft._render_glyph(item.glyph_index, load_flags, mode)
            buffer = np.array(bitmap.buffer, dtype=np.uint8)
            if not antialiased:
                buffer *= 0xFF
            if buffer.size:
                glyphs.append((buffer, bitmap.left, bitmap.top))
        if not glyphs:
            return None, 0, 0
        left = min(g[1] for g in glyphs)
        top = max(g[2] for g in glyphs)
        right = max(g[1] + g[0].shape[1] for g in glyphs)
        bottom = min(g[2] - g[0].shape[0] for g in glyphs)
        if len(glyphs) == 1:
            return glyphs[0][0], left, top
        # "over" compositing of one colour: 1 - (1 - a)(1 - b), as drawing the glyphs one by one
        clear = np.ones((top - bottom, right - left), dtype=np.float64)
        for buffer, g_left, g_top in glyphs:
            h, w = buffer.shape
            r0, c0 = top - g_top, g_left - left
            clear[r0:r0 + h, c0:c0 + w] *= 1.0 - buffer / 255.0
        alpha = np.rint(255.0 * (1.0 - clear)).astype(np.uint8)
        return alpha, left, top


def encode_png(rgba, compress_level: int = 1) -> bytes:
    """An RGBA image (``h x w x 4`` uint8, top row first) as PNG bytes, with zlib at ``compress_level``.

    No row filters: on a course figure (flat colours, thin lines) filtering costs more than it
    saves; this is about half the CPU time of Pillow's encoder at the same level and size.

    Example:
        >>> encode_png(np.zeros((2, 3, 4), np.uint8))[1:4]
        b'PNG'
    """
    rgba = np.asarray(rgba, dtype=np.uint8)
    h, w = rgba.shape[:2]
    raw = np.zeros((h, 4 * w + 1), dtype=np.uint8)      # each row: filter byte 0, then the pixels
    raw[:, 1:] = rgba.reshape(h, 4 * w)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return b"".join((b"\x89PNG\r\n\x1a\n",
                     chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)),
                     chunk(b"IDAT", zlib.compress(raw.tobytes(), compress_level)),
                     chunk(b"IEND", b"")))


class LiveCanvas(FigureCanvasAgg):
    """An Agg canvas whose renderer is a :class:`CachedRenderer`, kept while the size stays.

    ``print_png`` (what ``savefig(..., format="png")`` calls) encodes with :func:`encode_png`
    when it writes to a file object with no metadata; anything else goes to matplotlib's own.
    """

    def print_png(self, filename_or_obj, *, metadata=None, pil_kwargs=None, **_print_figure_options):
        # (dpi, facecolor, ... arrive here too: matplotlib filters them only for its own canvases;
        # print_figure has already applied them to the figure)
        extra = set(pil_kwargs or {}) - {"compress_level"}
        if metadata or extra or not hasattr(filename_or_obj, "write"):
            return super().print_png(filename_or_obj, metadata=metadata, pil_kwargs=pil_kwargs)
        FigureCanvasAgg.draw(self)
        level = (pil_kwargs or {}).get("compress_level", 6)
        filename_or_obj.write(encode_png(np.asarray(self.buffer_rgba()), level))
        return None

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key:
            self.renderer = CachedRenderer(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer


def attach(fig):
    """Give ``fig`` a :class:`LiveCanvas` (once) and return it; ``savefig``/``to_png`` then use it."""
    if not isinstance(fig.canvas, LiveCanvas):
        LiveCanvas(fig)
    return fig


def fix_titles(fig) -> None:
    """Stop matplotlib re-placing the axes titles on every draw where there is nothing to avoid.

    Before each draw matplotlib measures every tick label of every axes to see whether a title
    must move up clear of ticks or labels at the top of the axes (about a fifth of a redraw).
    For an axes whose x ticks and label sit at the bottom and whose y axis shows no offset text,
    the title always stays at its place on top of the axes, so the check is switched off there
    (the same picture). Call it after the layout is fixed (``style.freeze_layout``).

    Example:
        >>> fig, ax = new_figure()
        >>> fix_titles(fig)
        >>> ax._autotitlepos
        False
    """
    for ax in fig.axes:
        if (ax.xaxis.get_ticks_position() == "bottom" and ax.xaxis.get_label_position() == "bottom"
                and not ax.yaxis.offsetText.get_text() and not ax.child_axes):
            x, _y = ax.title.get_position()
            ax.title.set_position((x, 1.0))
            ax._autotitlepos = False


def new_figure(*args, **kwargs):
    """``plots.style.new_figure`` with a :class:`LiveCanvas` attached: a drop-in replacement.

    Example:
        >>> fig, ax = new_figure(figsize=(6, 3))
        >>> type(fig.canvas).__name__
        'LiveCanvas'
    """
    from .style import new_figure as style_new_figure

    fig, axes = style_new_figure(*args, **kwargs)
    attach(fig)
    return fig, axes


__all__ = ["CachedRenderer", "LiveCanvas", "attach", "clear_caches", "encode_png", "fix_titles", "new_figure"]

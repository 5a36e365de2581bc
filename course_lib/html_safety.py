"""Turning Markdown into HTML without letting anyone's text run as markup.

Every HTML page or widget the course writes goes through :func:`markdown_html`
(Markdown with raw HTML escaped, harmful link protocols such as ``javascript:``
replaced) or :func:`escape` (plain text). A learner's reflection, a saved plan's
name or a trainer's bank text can then hold ``<script>`` or
``<img src=x onerror=...>`` and it shows as text.

Example:
    >>> markdown_html("**Plan** <img src=x onerror=alert(1)>")
    '<p><strong>Plan</strong> &lt;img src=x onerror=alert(1)&gt;</p>\\n'
    >>> escape('<b>"x"</b>')
    '&lt;b&gt;&quot;x&quot;&lt;/b&gt;'
"""
from __future__ import annotations

import html
from functools import lru_cache

__all__ = ["markdown_html", "escape"]


@lru_cache(maxsize=1)
def _renderer():
    import mistune

    return mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])


def markdown_html(text: str) -> str:
    """Markdown to HTML with every piece of raw HTML shown as text (never as markup)."""
    return _renderer()(str(text))


def escape(text) -> str:
    """Plain text for HTML: ``<``, ``>``, ``&`` and both quotes escaped."""
    return html.escape(str(text), quote=True)

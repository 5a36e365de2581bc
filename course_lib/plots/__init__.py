"""Plot functions: each takes data and returns a matplotlib ``Figure``.

One module per topic (``case``, ``motivation``, ``incentives``, ``delegation``);
``style`` holds the palette and axis helpers they share.
"""
from .style import register_notebook_display as _register

_register()

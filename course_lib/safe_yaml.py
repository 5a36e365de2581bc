"""Loading YAML the course does not control (banks, content overrides) within fixed bounds.

``yaml.safe_load`` builds no Python objects, but it still expands aliases: a
300-byte file of nested aliases (a "billion laughs") can grow to millions of
nodes, take seconds, hundreds of MB, and give a 200 MB error message. The
course's YAML never needs aliases, so :func:`load` refuses them (and anchors),
refuses files over :data:`MAX_BYTES` and nesting deeper than :data:`MAX_DEPTH`,
and :func:`shorten` caps any text put into an error message.

Example:
    >>> load("a: [1, 2]")
    {'a': [1, 2]}
    >>> try:
    ...     load("a: &x [1]\\nb: *x")
    ... except yaml.YAMLError as exc:
    ...     print(exc.problem)
    anchors and aliases (&x, *x) are not allowed here
"""
from __future__ import annotations

import yaml
from yaml.composer import ComposerError
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent

MAX_BYTES = 2_000_000
MAX_DEPTH = 50
MAX_MESSAGE = 300

__all__ = ["load", "shorten", "MAX_BYTES", "MAX_DEPTH"]


class _BoundedLoader(yaml.SafeLoader):
    """A safe loader that refuses aliases and anchors and bounds the nesting depth."""

    _depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise ComposerError(None, None, f"anchors and aliases (*{event.anchor}) are not allowed here",
                                event.start_mark)
        if isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.anchor is not None:
            raise ComposerError(None, None, f"anchors and aliases (&{event.anchor}, *{event.anchor}) are not "
                                "allowed here", event.start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise ComposerError(None, None, f"nested deeper than {MAX_DEPTH} levels", event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load_trusted(text: str):
    """Parse one of the package's own YAML files: the safe loader, libyaml's when PyYAML has it (the
    same data as ``yaml.safe_load``, about ten times faster). Never for a file a user supplies: use
    :func:`load`, which bounds size, depth and aliases.

    Example:
        >>> load_trusted("a: [1, 2]")
        {'a': [1, 2]}
    """
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506


def load(text: str | bytes):
    """Parse YAML text safely and within bounds; raises ``yaml.YAMLError`` (or ``ValueError`` when too large)."""
    if len(text) > MAX_BYTES:
        raise ValueError(f"the file is {len(text):,} bytes; at most {MAX_BYTES:,} are read")
    return yaml.load(text, Loader=_BoundedLoader)  # noqa: S506 - a SafeLoader subclass


def shorten(text, limit: int = MAX_MESSAGE) -> str:
    """``text`` cut to ``limit`` characters (with an ellipsis), for error messages."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"

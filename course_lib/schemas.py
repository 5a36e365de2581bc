"""JSON Schema validation for the course's data files, without jsonschema's slow optional import.

``import jsonschema`` loads every optional package it finds for checking string formats
(``rfc3987_syntax`` for "iri", which builds a full grammar when imported: about 2 CPU-seconds;
``isoduration`` with ``arrow``, ``rfc3986_validator``, ``webcolors``, ``idna`` and others: about
0.15 s more), paid by every kernel that opens a course app or question bank (and on a hub, by 30
kernels at once at the start of a lesson). The course's schemas use no string formats and
validate without a format checker, so jsonschema is imported here with those packages hidden;
they are visible again right after, for anyone who imports them on purpose.

Example:
    >>> Validator = validator_class()
    >>> Validator({"type": "integer"}).is_valid(3)
    True
"""
from __future__ import annotations

import sys


# The optional format checkers ``jsonschema._format`` tries to import (jsonschema 4.x).
FORMAT_PACKAGES = ("rfc3987_syntax", "rfc3987", "rfc3986_validator", "rfc3339_validator", "isoduration",
                   "webcolors", "jsonpointer", "uri_template", "fqdn", "idna")


def validator_class():
    """``jsonschema.Draft202012Validator``, imported without its optional format checkers if not loaded yet."""
    if "jsonschema" not in sys.modules:
        hidden = [name for name in FORMAT_PACKAGES if name not in sys.modules]
        for name in hidden:
            sys.modules[name] = None  # `import name` raises ImportError
        try:
            import jsonschema  # noqa: F401
        finally:
            for name in hidden:
                del sys.modules[name]
    from jsonschema import Draft202012Validator

    return Draft202012Validator

"""JSON Schema validation for the course's data files, without jsonschema's slow optional import.

``import jsonschema`` loads the optional ``rfc3987_syntax`` package (to check the "iri" string
format), which builds a full grammar when imported: about 2 CPU-seconds, paid by every kernel
that opens a course app or question bank (and on a hub, by 30 kernels at once at the start of a
lesson). The course's schemas use no string formats and validate without a format checker, so
jsonschema is imported here with that one package hidden; it is visible again right after, for
anyone who imports it on purpose.

Example:
    >>> Validator = validator_class()
    >>> Validator({"type": "integer"}).is_valid(3)
    True
"""
from __future__ import annotations

import sys


def validator_class():
    """``jsonschema.Draft202012Validator``, imported without ``rfc3987_syntax`` if not loaded yet."""
    if "jsonschema" not in sys.modules and "rfc3987_syntax" not in sys.modules:
        sys.modules["rfc3987_syntax"] = None        # `import rfc3987_syntax` raises ImportError
        try:
            import jsonschema  # noqa: F401
        finally:
            del sys.modules["rfc3987_syntax"]
    from jsonschema import Draft202012Validator

    return Draft202012Validator

"""Languages, the message catalogue and number formatting.

The course speaks Norwegian bokmål (``"nb"``) and English (``"en"``). The
current language starts as ``COURSE_LANG`` (else ``"nb"``) and is changed with
:func:`set_language`. Every user-facing string lives in one catalogue, split
by topic into ``course_lib/messages/*.yaml``; each key holds both languages.

Example:
    >>> from course_lib import i18n
    >>> i18n.set_language("en")
    >>> i18n.format_money(1_200_000)
    'NOK 1,200,000'
    >>> i18n.format_percent(0.125, lang="nb")
    '12,5 %'
"""
from __future__ import annotations

import os
import string
import warnings
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

LANGUAGES = ("nb", "en")
DEFAULT_LANGUAGE = "nb"
_LANGUAGE_NAMES = {"nb": "norsk bokmål", "en": "English"}


def _language_from_env() -> str:
    value = os.environ.get("COURSE_LANG", "").strip().lower()
    if not value:
        return DEFAULT_LANGUAGE
    if value not in LANGUAGES:
        warnings.warn(
            f"COURSE_LANG={value!r} is not one of {', '.join(LANGUAGES)}; using {DEFAULT_LANGUAGE!r}.",
            stacklevel=2,
        )
        return DEFAULT_LANGUAGE
    return value


_current = _language_from_env()


def set_language(lang: str) -> None:
    """Choose the language for messages, labels, plots and formatting (``"nb"`` or ``"en"``).

    Returns nothing, so the first cell of a notebook shows no output.

    Example:
        >>> set_language("en")
        >>> get_language()
        'en'
    """
    code = str(lang).strip().lower()
    if code not in LANGUAGES:
        raise ValueError(
            f"language must be one of {', '.join(LANGUAGES)}, got {lang!r} / "
            f"språk må være ett av {', '.join(LANGUAGES)}, fikk {lang!r}"
        )
    global _current
    _current = code


def get_language() -> str:
    """Return the current language code, ``"nb"`` or ``"en"``.

    Example:
        >>> get_language() in LANGUAGES
        True
    """
    return _current


def language_name(lang: str | None = None) -> str:
    """Name of a language in that language (``"norsk bokmål"``, ``"English"``)."""
    return _LANGUAGE_NAMES[_code(lang)]


def resolve_language(lang: Any = None) -> str:
    """``lang`` checked (``None`` or ``""`` is the current language).

    Every function with a ``lang=`` parameter passes through here (via :func:`t`, :func:`pick` and the
    number formats), so an unknown language is refused once, with the translated message, instead of
    a ``KeyError`` deep inside.

    Example:
        >>> resolve_language("en"), resolve_language(None) in LANGUAGES
        ('en', True)
    """
    if lang is None or (isinstance(lang, str) and lang == ""):
        return _current
    if isinstance(lang, str) and lang in LANGUAGES:
        return lang
    shown = repr(lang)
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    raise ValueError(_MessageFormatter(_current).vformat(catalogue()["core.bad_language"][_current], (),
                                                          {"value": shown, "valid": ", ".join(LANGUAGES)}))


_code = resolve_language


# --------------------------------------------------------------------------- catalogue


@lru_cache(maxsize=1)
def catalogue() -> Mapping[str, Mapping[str, str]]:
    """All messages, ``{key: {"nb": ..., "en": ...}}``, merged from every topic file.

    Raises ``ValueError`` when a key is defined twice or a file is malformed.
    """
    from .safe_yaml import load_trusted  # deferred (imports PyYAML): keeps ``import course_lib`` fast

    merged: dict[str, dict[str, str]] = {}
    origin: dict[str, str] = {}
    folder = resources.files("course_lib") / "messages"
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".yaml"):
            continue
        # the package's own files: parsed by libyaml when PyYAML has it (same data as safe_load,
        # about 10x faster; the pure-Python parser took 1.7 CPU-seconds in every new kernel)
        data = load_trusted(entry.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise ValueError(f"messages/{entry.name}: expected a mapping of keys to {{nb, en}}")
        for key, texts in data.items():
            if key in merged:
                raise ValueError(
                    f"message key {key!r} is defined in both messages/{origin[key]} and messages/{entry.name}"
                )
            if not isinstance(texts, dict):
                raise ValueError(f"messages/{entry.name}: key {key!r} must map languages to text")
            merged[key] = {str(k): str(v) for k, v in texts.items()}
            origin[key] = entry.name
    return merged


def missing_translations() -> dict[str, list[str]]:
    """Keys that lack one of the languages, ``{key: [missing languages]}`` (empty when complete)."""
    gaps = {}
    for key, texts in catalogue().items():
        missing = [lang for lang in LANGUAGES if not texts.get(lang, "").strip()]
        if missing:
            gaps[key] = missing
    return gaps


def placeholder_mismatches() -> dict[str, dict[str, set[str]]]:
    """Keys whose ``{placeholders}`` differ between the languages (empty when consistent)."""
    out = {}
    for key, texts in catalogue().items():
        fields = {lang: _fields(texts.get(lang, "")) for lang in LANGUAGES}
        if len({frozenset(f) for f in fields.values()}) > 1:
            out[key] = fields
    return out


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def t(key: str, lang: str | None = None, **values: Any) -> str:
    """Translate ``key`` into the current (or given) language and fill in ``values``.

    Example:
        >>> t("core.language_set", lang="en", language="English")
        'Language: English'
    """
    try:
        texts = catalogue()[key]
    except KeyError:
        raise KeyError(f"no message with key {key!r} in course_lib/messages") from None
    code = _code(lang)
    template = texts[code]
    if not values:
        return template
    return _MessageFormatter(code).vformat(template, (), values)


class _MessageFormatter(string.Formatter):
    """Fills a message; numbers follow the language (``1.2`` -> ``1,2`` in nb), whatever the field says.

    ``{value}`` gets :func:`format_plain`; ``{value:.2f}`` is formatted as asked and then given the
    language's marks; ``{value!r}`` of a number shows the number, not its Python repr.
    """

    def __init__(self, lang: str):
        self.lang = lang

    @staticmethod
    def _is_number(value: Any) -> bool:
        import numbers

        return isinstance(value, numbers.Real) and not isinstance(value, bool)

    def convert_field(self, value, conversion):
        if self._is_number(value):
            return value
        return super().convert_field(value, conversion)

    def format_field(self, value, format_spec):
        if not self._is_number(value):
            return super().format_field(value, format_spec)
        if not format_spec:
            return format_plain(value, lang=self.lang)
        text = format(value, format_spec)
        if self.lang == "nb":
            text = text.replace(",", "\u00a0").replace(".", ",").replace("\u00a0", " ").replace("-", "−")
        return text


def pick(texts: Mapping[str, Any] | str, lang: str | None = None) -> Any:
    """Pick one language from a ``{"nb": ..., "en": ...}`` mapping; plain strings pass through.

    Example:
        >>> pick({"nb": "salgssjef", "en": "sales manager"}, lang="nb")
        'salgssjef'
    """
    if isinstance(texts, Mapping):
        return texts[_code(lang)]
    return texts


def invalid(key: str, **values: Any) -> ValueError:
    """A ``ValueError`` whose message is the catalogue text for ``key`` (raise it)."""
    return ValueError(t(key, **values))


def os_reason(exc: BaseException, lang: str | None = None) -> str:
    """Why the operating system refused a file, in the learner's language.

    The OS's own text (English on most systems) is kept only as a short parenthesis, so a
    helper can still search for it.

    Example:
        >>> os_reason(FileNotFoundError(2, "No such file or directory"), lang="nb")
        'finnes ikke (No such file or directory)'
    """
    import errno

    code = getattr(exc, "errno", None)
    if isinstance(exc, FileNotFoundError) or code == errno.ENOENT:
        key = "core.os.missing"
    elif isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM, errno.EROFS):
        key = "core.os.read_only" if code == errno.EROFS else "core.os.permission"
    elif isinstance(exc, IsADirectoryError):
        key = "core.os.is_folder"
    elif isinstance(exc, (NotADirectoryError, FileExistsError)):
        key = "core.os.not_folder"
    elif code == errno.ELOOP:
        key = "core.os.loop"
    elif code == errno.ENOSPC:
        key = "core.os.full"
    elif code == errno.ENAMETOOLONG:
        key = "core.os.too_long"
    else:
        key = "core.os.other"
    raw = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    raw = raw if len(raw) <= 60 else raw[:59] + "…"
    return f"{t(key, lang=lang)} ({raw})"


# --------------------------------------------------------------------------- numbers


def format_number(value: float, decimals: int = 0, lang: str | None = None) -> str:
    """Group thousands and set the decimal mark by language.

    Example:
        >>> format_number(1234567.891, 2, lang="nb")
        '1 234 567,89'
        >>> format_number(-1234.5, 1, lang="en")
        '-1,234.5'
    """
    number = float(value)
    if round(number, decimals) == 0:
        number = 0.0  # no "−0" or "-0.00"
    text = f"{number:,.{decimals}f}"
    if _code(lang) == "nb":
        text = text.replace(",", " ").replace(".", ",").replace("-", "−")
    return text


def format_plain(value: Any, lang: str | None = None, max_decimals: int = 6) -> str:
    """A number as a learner reads it, with only the decimals it needs.

    Integers keep every digit and group thousands; other values are rounded to
    ``max_decimals`` and lose trailing zeros (no float noise such as ``0.6299999999999999``).
    NaN and infinities are written out, so a message never shows ``nan`` or ``inf`` raw.

    Example:
        >>> format_plain(1.2, lang="nb"), format_plain(0.1 + 0.2, lang="en")
        ('1,2', '0.3')
        >>> format_plain(-1500, lang="nb"), format_plain(float("nan"), lang="en")
        ('−1 500', 'NaN (not a number)')
    """
    import math
    import numbers

    code = _code(lang)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return str(value)
    try:
        number = float(value)
    except OverflowError:  # an int beyond float range (10**400): show its digits
        return str(value)
    if math.isnan(number):
        return "NaN (ikke et tall)" if code == "nb" else "NaN (not a number)"
    if math.isinf(number):
        word = "uendelig" if code == "nb" else "infinity"
        return f"−{word}" if number < 0 and code == "nb" else (f"-{word}" if number < 0 else word)
    if isinstance(value, numbers.Integral) or (abs(number) < 1e15 and number == int(number)):
        return format_number(number, 0, code)
    if abs(number) >= 1e15 or abs(number) < 10 ** -max_decimals:
        text = f"{number:.3g}"
        return text.replace(".", ",").replace("-", "−") if code == "nb" else text
    text = format_number(number, max_decimals, code)
    mark = "," if code == "nb" else "."
    if mark in text:
        text = text.rstrip("0").rstrip(mark)
    return text


def format_money(amount: float, decimals: int = 0, lang: str | None = None) -> str:
    """Norwegian kroner: nb ``1 200 000 kr``, en ``NOK 1,200,000``.

    Example:
        >>> format_money(1_200_000, lang="nb")
        '1 200 000 kr'
    """
    code = _code(lang)
    number = format_number(amount, decimals, code)
    if code == "nb":
        return f"{number} kr"
    if number.startswith("-"):
        return f"-NOK {number[1:]}"
    return f"NOK {number}"


def format_percent(fraction: float, decimals: int = 1, lang: str | None = None) -> str:
    """A fraction as a percentage: nb ``12,5 %``, en ``12.5%`` (0.125 in both).

    Example:
        >>> format_percent(0.125, lang="en")
        '12.5%'
    """
    code = _code(lang)
    number = format_number(100 * float(fraction), decimals, code)
    return f"{number} %" if code == "nb" else f"{number}%"

"""Notebook 01 covers what the issue names (parity, outputs and student versions are checked for all notebooks elsewhere)."""
from pathlib import Path

import nbformat
import pytest


ROOT = Path(__file__).resolve().parents[1]


def _read(pattern, lang):
    return nbformat.read(ROOT / pattern.format(lang=lang), as_version=4)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_notebook_uses_every_motivation_app_and_cites_sources(lang):
    text = "\n".join(c.source for c in _read("notebooks/{lang}/01_motivation.ipynb", lang).cells)
    for needle in ("ProfileApp()", "ExpectancyApp(", "RewardsApp()", "reflection_module",
                   "Deci, Koestner", "Cerasoli, C. P., Nicklin, J. M. & Ford", "Herzberg", "Bandura", "Vroom"):
        assert needle in text
    if lang == "nb":
        assert "salgssjef" in text and "salgsleder" not in text

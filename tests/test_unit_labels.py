"""Axis labels in thousands: bokmål "1 000 kr" (grouped like every number), English "NOK thousands"."""
from __future__ import annotations

import re

import pytest

from course_lib.i18n import catalogue, format_money, t

#: How each language must name thousands of kroner; the nb form is the course's own money format.
NB_THOUSANDS = format_money(1000, lang="nb")          # "1 000 kr", grouped as format_number groups
EN_THOUSANDS = "NOK thousands"
NB_WRONG = re.compile(r"\b1000\s*kr\b|\btusen kr\b|\bkNOK\b")
EN_WRONG = re.compile(r"\bkNOK\b|\bNOK ?1[,.]?000\b|\bNOK thousand\b(?!s)|\(thousand NOK\)")

THOUSAND_KEYS = sorted(key for key, texts in catalogue().items()
                       if "1000" in texts.get("nb", "") or "1 000 kr" in texts.get("nb", "")
                       or "kNOK" in texts.get("en", "") or "NOK thousand" in texts.get("en", ""))


def test_are_there_axis_labels_in_thousands_to_check():
    assert len(THOUSAND_KEYS) >= 10, THOUSAND_KEYS


@pytest.mark.parametrize("key", THOUSAND_KEYS)
def test_does_each_label_in_thousands_use_the_course_form(key):
    nb, en = t(key, lang="nb"), t(key, lang="en")
    assert NB_THOUSANDS in nb and not NB_WRONG.search(nb), nb
    assert EN_THOUSANDS in en and not EN_WRONG.search(en), en


def test_does_no_message_write_thousands_the_old_way():
    bad = {key: texts for key, texts in catalogue().items()
           if NB_WRONG.search(texts.get("nb", "")) or EN_WRONG.search(texts.get("en", ""))}
    assert not bad


def test_would_the_patterns_catch_the_old_labels():
    for old in ("Nysalg per måned (1000 kr)", "1000 kr"):
        assert NB_WRONG.search(old)
    for old in ("Pay per month (kNOK)", "NPV (NOK 1000)", "New sales per month (NOK 1,000)", "Budget (NOK thousand)"):
        assert EN_WRONG.search(old)
    assert not NB_WRONG.search(f"Nysalg ({NB_THOUSANDS})") and not EN_WRONG.search("Sales (NOK thousands)")

"""Translated sentences with values in them (``portal.text.sentence``) are
written as ``{% blocktranslate %}`` writes them: a value typed by a user is
escaped, a value the portal wrote as HTML (a ``<time>``, a ``<bdi>``) is kept."""

import datetime

from django.utils import translation

from portal.text import sentence, time_element
from programmes.profile_rows import Step, partnership_history


def test_typed_values_are_escaped_and_written_html_is_kept():
    said = sentence("%(name)s, %(date)s", name="<b>A & B</b>", date=time_element(datetime.date(2026, 3, 1)))
    assert said.startswith('&lt;b&gt;A &amp; B&lt;/b&gt;, <time datetime="2026-03-01">')


def test_a_reason_for_ending_a_partnership_is_text_not_html():
    step = Step(
        recorded_at=datetime.date(2026, 5, 4),
        stage="ended",
        stage_label="Ended",
        agreement_date=None,
        end_date=datetime.date(2026, 5, 1),
        end_reason='<img src=x onerror="alert(1)">',
    )
    with translation.override("en"):
        history = partnership_history([step])
    assert "<img" not in history
    assert "&lt;img src=x" in history
    assert '<time datetime="2026-05-01">' in history

"""``get_FOO_display()`` without its per-call cost.

Django builds the whole ``{value: label}`` dictionary of a field's choices on
every call (``Model._get_FIELD_display``), hashing each label, which forces
every lazy translation of the list: some 20–30 µs a call, paid per card on
the directories and profiles (a type, a status, a stage per row). The mixin
keeps the dictionary per field, with its lazy labels, and translates only
the label asked for; the result is the same."""

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_LABELS = {}


def _labels(field):
    labels = _LABELS.get(field)
    if labels is None:
        labels = _LABELS[field] = dict(make_hashable(field.flatchoices))
    return labels


class ChoiceLabels:
    """Model mixin (before ``models.Model`` in the bases, so that the
    ``get_FOO_display`` methods Django makes for the class's fields use it)."""

    def _get_FIELD_display(self, field):  # noqa: N802 (Django's name)
        value = getattr(self, field.attname)
        return force_str(_labels(field).get(make_hashable(value), value), strings_only=True)

"""Decisions on the three batches: nominating, selecting and withdrawing schools.

Every change of a school's selection goes through ``record_decision()`` — the
admin forms and the spreadsheet import both call it — so that each change is
dated and kept in the history (``BatchDecision``: who, when, from what to what).

A school is in at most one batch at a time (``BatchSelection`` is unique per
school). A school that was *withdrawn* from one batch may later be nominated or
selected in another batch: its selection row moves to the new batch and the
history keeps both the withdrawal and the move. A school that is nominated or
selected in one batch cannot be put in another until it is withdrawn there.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Batch, BatchDecision, BatchSelection, SchoolPage, SelectionStatus


class DecisionError(Exception):
    """A decision that cannot be recorded; the message is translated and says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def record_decision(school, batch, status, decided_on=None, user=None, note=""):
    """Put ``school`` in ``batch`` with ``status``, decided on ``decided_on``.

    Returns ``(selection, changed)``. Recording the decision the school already
    has changes nothing and writes no history (so re-importing a list is a
    no-op). Raises ``DecisionError`` when the decision is not allowed."""
    if status not in SelectionStatus.values:
        raise DecisionError(_("“%(status)s” is not a selection status.") % {"status": status})
    decided_on = decided_on or timezone.localdate()
    if isinstance(decided_on, datetime.datetime):
        decided_on = decided_on.date()
    if decided_on > timezone.localdate():
        raise DecisionError(_("A decision cannot be dated in the future."))
    school_id = school.pk if isinstance(school, SchoolPage) else school
    batch_obj = batch if isinstance(batch, Batch) else Batch.objects.get(pk=batch)
    with transaction.atomic():
        selection = (
            BatchSelection.objects.select_for_update().select_related("batch").filter(school_id=school_id).first()
        )
        if selection is None:
            selection = BatchSelection.objects.create(
                school_id=school_id, batch=batch_obj, status=status, decided_on=decided_on
            )
            BatchDecision.objects.create(
                selection=selection,
                batch=batch_obj,
                from_status="",
                to_status=status,
                decided_on=decided_on,
                decided_by=user,
                note=note,
            )
            return selection, True
        if selection.batch_id == batch_obj.pk and selection.status == status:
            return selection, False
        from_status = selection.status
        if selection.batch_id != batch_obj.pk:
            if selection.status != SelectionStatus.WITHDRAWN:
                raise DecisionError(
                    _("This school is already %(status)s in %(batch)s; withdraw it there first.")
                    % {"status": selection.get_status_display().lower(), "batch": selection.batch}
                )
            moved = _("Moved from %(batch)s.") % {"batch": selection.batch}
            note = f"{moved} {note}".strip()
        selection.batch = batch_obj
        selection.status = status
        selection.decided_on = decided_on
        selection.save(update_fields=["batch", "status", "decided_on"])
        BatchDecision.objects.create(
            selection=selection,
            batch=batch_obj,
            from_status=from_status,
            to_status=status,
            decided_on=decided_on,
            decided_by=user,
            note=note[:255],
        )
        return selection, True

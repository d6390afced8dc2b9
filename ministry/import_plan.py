"""What the three imports of published lists share once a file is read: the
batch lists (``ministry.imports``), the registers of programmes
(``ministry.register``) and the lists of partners (``ministry.partner_list``)
each check their rows into a plan, the dry-run preview, and apply it only on
confirmation, all or nothing.

Here: the errors the imports raise, the rows of a plan by what applying does
to them (``PlanRows``) and the checks before applying
(``check_before_applying``). The reading of the file they share is
``ministry.imports``' (``read_table``, ``map_columns``, ``data_runs``)."""

from django.utils.translation import gettext as _


class ImportFileError(Exception):
    """The file as a whole cannot be read, or the plan cannot be applied; the message is translated."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class PlanChanged(Exception):
    """The database changed between the preview and the confirmation."""


class PlanRows:
    """The rows of a checked list (``self.rows``) by what applying does to
    them: each row's ``action`` is "match", "create", "duplicate" (a possible
    duplicate the editor decides), "skip" (its school is not in the portal) or
    "error"."""

    @property
    def errors(self):
        return [row for row in self.rows if row.action == "error"]

    @property
    def matched(self):
        return [row for row in self.rows if row.action == "match"]

    @property
    def created(self):
        return [row for row in self.rows if row.action == "create"]

    @property
    def duplicates(self):
        """Rows that look like something already in the portal, whatever the editor decided."""
        return [row for row in self.rows if row.candidates]

    @property
    def undecided(self):
        return [row for row in self.rows if row.action == "duplicate"]

    @property
    def not_in_portal(self):
        """Rows skipped because their school is not in the portal (never created)."""
        return [row for row in self.rows if row.action == "skip"]

    @property
    def can_apply(self):
        return bool(self.rows) and not self.errors and not self.undecided and not self.missing_columns

    def summary(self):
        """The counts of the preview's last line."""
        return {
            "rows": len(self.rows),
            "understood": len(self.rows) - len(self.errors),
            "matched": len(self.matched),
            "new": len(self.created),
            "duplicates": len(self.duplicates),
            "errors": len(self.errors),
        }


def check_before_applying(plan, expected_digest, *, undecided_message, errors_message):
    """Refuse to apply ``plan``: ``PlanChanged`` when it is no longer what the
    editor previewed (``expected_digest``), ``ImportFileError`` while a column
    is missing, a possible duplicate is undecided (``undecided_message``) or a
    row has an error (``errors_message``)."""
    if expected_digest is not None and plan.digest() != expected_digest:
        raise PlanChanged()
    if plan.missing_columns:
        raise ImportFileError(_("Say which column holds each field first; nothing was imported."))
    if plan.undecided:
        raise ImportFileError(undecided_message)
    if not plan.can_apply:
        raise ImportFileError(errors_message)

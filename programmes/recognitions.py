"""Recording a school's recognitions from an official list (the batch-list
import, the demo), so that a list read twice changes nothing.

A recognition is a row of the school's page (``SchoolRecognition``, edited
inline), so it is written the way the page is: through a revision, published
when the live page has no pending draft, otherwise saved as a draft beside
the school's own changes (as the import gives an English name, see
``ministry.imports.fill_english_name``). Written straight to the table
instead, it would be dropped the next time an editor publishes the page from
a revision that lacks it.

A new recognition replaces the school's recognition of the same kind and
year; for the Double High Plan, a school holds one category per round (the
year), so a list that moves it from major group to school, or changes its
tier or groups, updates that row."""

from dataclasses import dataclass

from .models import DOUBLE_HIGH_KINDS, SchoolPage, SchoolRecognition, school_name_key, split_former_names

DOUBLE_HIGH = "double-high"


@dataclass(frozen=True)
class RecognitionValues:
    """A recognition as a list gives it, without its school."""

    kind: str
    year: int
    tier: str = ""
    major_groups: str = ""
    name: str = ""

    @classmethod
    def of(cls, row):
        """The values of a ``SchoolRecognition`` or of its serialised form in a revision."""
        read = row.get if isinstance(row, dict) else lambda name: getattr(row, name, "")
        return cls(
            kind=read("kind") or "",
            year=read("year"),
            tier=read("tier") or "",
            major_groups=read("major_groups") or "",
            name=read("name") or "",
        )

    @property
    def key(self):
        """Which recognition of the school this one replaces."""
        if self.kind in DOUBLE_HIGH_KINDS:
            return (DOUBLE_HIGH, self.year, "")
        return (self.kind, self.year, school_name_key(self.name))

    def same_as(self, other):
        """Equal, whatever the separators between the major groups."""
        return (self.kind, self.year, self.tier, school_name_key(self.name)) == (
            other.kind,
            other.year,
            other.tier,
            school_name_key(other.name),
        ) and split_former_names(self.major_groups) == split_former_names(other.major_groups)

    def row(self, **fields):
        return SchoolRecognition(
            kind=self.kind, year=self.year, tier=self.tier, major_groups=self.major_groups, name=self.name, **fields
        )


def change_of(current, wanted):
    """``"add"``, ``"update"`` or ``""`` (already recorded): what recording
    ``wanted`` does to a school holding the ``current`` recognitions
    (``RecognitionValues``)."""
    match = next((values for values in current if values.key == wanted.key), None)
    if match is None:
        return "add"
    return "" if match.same_as(wanted) else "update"


def current_recognitions():
    """``{school id: [RecognitionValues]}`` as the next change of each school
    finds them: its latest revision when it has unpublished changes, else its
    rows. Two queries, whatever the number of schools."""
    current = {}
    for row in SchoolRecognition.objects.order_by("sort_order", "pk"):
        current.setdefault(row.school_id, []).append(RecognitionValues.of(row))
    pending = SchoolPage.objects.filter(has_unpublished_changes=True, latest_revision__isnull=False)
    for school_id, content in pending.values_list("pk", "latest_revision__content"):
        current[school_id] = [RecognitionValues.of(fields) for fields in (content or {}).get("recognitions", ())]
    return current


def record_recognition(school_id, wanted, user=None, skip_permission_checks=False):
    """Give a school the recognition ``wanted`` (``RecognitionValues``),
    replacing its recognition with the same key. Returns whether anything
    changed (nothing does when it is already recorded).
    ``skip_permission_checks``: the ministry's own record (a register's Luban
    Workshop), published whoever runs the import."""
    page = SchoolPage.objects.get(pk=school_id)
    # Read before the revision is saved (which sets it, on ``page`` itself
    # when it has no pending draft: it is then its own latest revision).
    publish = page.live and not page.has_unpublished_changes
    # A page saved without revisions (by a script) is its rows; any other is
    # edited from its latest revision.
    latest = page.get_latest_revision_as_object() if page.latest_revision_id else page
    rows = list(latest.recognitions.all())
    current = [RecognitionValues.of(row) for row in rows]
    change = change_of(current, wanted)
    if not change:
        return False
    if change == "update":
        index = next(index for index, values in enumerate(current) if values.key == wanted.key)
        row = rows[index] = wanted.row(pk=rows[index].pk, sort_order=rows[index].sort_order)
    else:
        orders = [row.sort_order for row in rows if row.sort_order is not None]
        row = wanted.row(sort_order=max(orders, default=-1) + 1)
        rows.append(row)
    if not page.latest_revision_id:
        row.school = page
        row.save()
        return True
    latest.recognitions = rows
    revision = latest.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user, skip_permission_checks=skip_permission_checks)
    return True

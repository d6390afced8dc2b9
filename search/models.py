"""The database engine's own full-text index.

One ``IndexedPage`` row per live, public school, programme and partner, with
its text in the search normal form (``search.text``: every language, folded,
Chinese segmented) in two columns, titles and the rest, so that a title match
weighs more. The rows are the portal's: written by ``search.engines.database``
when pages are published, unpublished, moved or deleted, never by an editor's
draft. The database answers word queries over them:

- on SQLite, through an FTS5 table over the rows (its row id is the page id),
  kept in step by triggers;
- on PostgreSQL, through a stored ``tsvector`` column (titles weighted A, the
  rest B) with a GIN index.

Both are created by this app's migrations; Django sees only the plain table.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageKind(models.TextChoices):
    SCHOOLS = "schools", _("Schools")
    PROGRAMMES = "programmes", _("Programmes")
    PARTNERS = "partners", _("Partners")


class IndexedPage(models.Model):
    """A published page's text as the database engine searches it."""

    page = models.OneToOneField("wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=PageKind.choices)
    title = models.TextField()
    body = models.TextField(blank=True)

    def __str__(self):
        return f"{self.kind} {self.page_id}"

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

import re

from django.core.exceptions import ValidationError
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


class SynonymGroup(models.Model):
    """Words and names that mean the same to a searcher (an abbreviation and
    its full name, two names of one specialty, a name in two languages).
    Ministry editors keep them under Settings → Search synonyms; a search for
    any one of them finds pages holding any other, on both engines.

    A one-way group names a broader term first and narrower ones after it
    (agriculture, then crops, tea, horticulture): a search for the broader
    term, or for any of its synonyms, finds the narrower ones too, but a
    search for tea does not find every farming programme."""

    terms = models.TextField(
        _("terms"),
        help_text=_(
            "Two or more words or names that mean the same, one per line (or separated by commas), "
            "for example 城轨 and 城市轨道交通. A search for any of them finds the others."
        ),
    )
    one_way = models.BooleanField(
        _("one-way"),
        default=False,
        help_text=_(
            "The first term is a broader term: a search for it (or for one of its synonyms) also finds the "
            "other terms, but a search for one of the other terms does not find the first."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("Why these belong together (optional)."))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("search synonyms")
        verbose_name_plural = _("search synonyms")

    def __str__(self):
        terms = self.term_list()
        if self.one_way and terms:
            return f"{terms[0]} ⇒ {', '.join(terms[1:])}"
        return " ⇄ ".join(terms)

    def term_list(self):
        """The group's terms, as written, without blanks or repeats."""
        return split_terms(self.terms)

    def clean(self):
        if len(self.term_list()) < 2:
            raise ValidationError({"terms": _("Give at least two different terms.")})


def split_terms(text):
    """The terms of a synonym group's text: one per line or comma (Chinese and
    Arabic commas too), stripped, without repeats."""
    terms = [term.strip() for term in re.split(r"[\n,，、،;；]+", text or "")]
    return list(dict.fromkeys(term for term in terms if term))

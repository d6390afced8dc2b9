"""An Atom feed of newly published programmes, one per language
(``/<lang>/programmes/feed/``), for partners who follow the portal in a feed
reader. Titles and summaries are in the feed's language, falling back to
English, then Chinese, like the pages."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from portal.languages import translated_text
from portal.seo import plain_summary

from .models import ProgrammePage, SchoolPage

FEED_LENGTH = 30
SUMMARY_LENGTH = 400


class NewProgrammesFeed(Feed):
    """The newest public programmes, newest first."""

    feed_type = Atom1Feed
    title = _("New international programmes")
    subtitle = _(
        "International programmes of Chinese vocational schools: search by field, country, type, language and level."
    )

    def get_object(self, request, *args, **kwargs):
        # Item links need the request (the site and its root paths).
        self.request = request
        return None

    def link(self):
        return reverse("search:catalogue")

    def feed_url(self):
        return reverse("programme-feed")

    def items(self):
        programmes = list(
            ProgrammePage.objects.live()
            .public()
            .filter(first_published_at__isnull=False)
            .order_by("-first_published_at", "-pk")[:FEED_LENGTH]
        )
        parent_paths = {programme.path[: -ProgrammePage.steplen] for programme in programmes}
        schools = {school.path: school for school in SchoolPage.objects.filter(path__in=parent_paths)}
        for programme in programmes:
            programme.feed_school = schools.get(programme.path[: -ProgrammePage.steplen])
        return programmes

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return plain_summary(translated_text(item, "description").text, SUMMARY_LENGTH)

    def item_link(self, item):
        return item.get_url(request=self.request)

    def item_guid(self, item):
        # Stable whatever the language or slug: the page's id on this feed.
        return f"{self.request.build_absolute_uri(reverse('programme-feed'))}#programme-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_author_name(self, item):
        return item.feed_school.title if item.feed_school else None

    def item_author_link(self, item):
        if item.feed_school is None:
            return None
        return self.request.build_absolute_uri(item.feed_school.get_url(request=self.request))

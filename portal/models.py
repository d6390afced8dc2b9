"""The home page and the site-wide settings (the national target)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page, Site

from ministry.figures import headline_figures
from portal.fragments import LazyValue
from portal.page_access import PublicPageManager
from portal.public_version import public_value
from portal.routing import LocalizedSlugRouting
from programmes.models import ProgrammePage


@register_setting(icon="target")
class PortalSettings(BaseSiteSetting):
    """Figures the ministry sets for the whole portal. Editors find them under
    Settings → Portal settings."""

    national_target = models.PositiveIntegerField(
        _("national target"),
        default=300,
        help_text=_("How many internationalized vocational schools the three batches should select in all."),
    )

    panels = [FieldPanel("national_target")]

    class Meta:
        verbose_name = _("portal settings")


class HomePage(LocalizedSlugRouting, Page):
    """The portal's front page: what it is, headline figures, the progress
    tracker and featured programmes. The root of the public page tree."""

    objects = PublicPageManager()

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["programmes.SchoolIndexPage", "partners.PartnerIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Counts of the whole catalogue and the newest programmes: they change
        # only with the public version.
        # Read only when the page's content, kept per public version
        # (portal.fragments), is written.
        site = Site.find_for_request(request)
        context["figures"] = LazyValue(
            lambda: public_value(f"headline-figures:{site.pk if site else ''}", lambda: headline_figures(request))
        )
        context["featured_programmes"] = LazyValue(
            lambda: public_value(
                "featured-programmes",
                lambda: list(ProgrammePage.objects.live().public().order_by("-first_published_at")[:6]),
            )
        )
        return context

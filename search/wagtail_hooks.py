"""The search app in the admin: the synonym groups ministry editors keep
(Settings → Search synonyms)."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import SynonymGroup


class SynonymGroupViewSet(ModelViewSet):
    """Synonyms and abbreviations for the search, kept by ministry editors."""

    model = SynonymGroup
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_settings_menu = True
    form_fields = ["terms", "one_way", "note"]
    list_display = ["__str__", "one_way", "note"]
    search_fields = ["terms", "note"]


@hooks.register("register_admin_viewset")
def register_synonym_groups():
    return SynonymGroupViewSet("search_synonyms")

"""The fixed skeleton of the page tree: the home page and the two directories.

``ensure_site_tree()`` is idempotent; ``manage.py setup_site`` and the demo
loader call it, and so do the tests."""

from django.conf import settings
from django.db import transaction

from wagtail.models import Page, Site

from modeltranslation.utils import build_localized_fieldname

from partners.models import PartnerIndexPage
from portal.models import HomePage
from programmes.models import SchoolIndexPage

HOME_TITLES = {
    "en": "Vocational Education International Portal",
    "zh-hans": "职业教育国际化门户",
    "fr": "Portail international de l'enseignement professionnel",
    "es": "Portal internacional de la formación profesional",
    "ru": "Международный портал профессионального образования",
    "ar": "البوابة الدولية للتعليم المهني",
}
SCHOOLS_TITLES = {
    "en": "Schools",
    "zh-hans": "院校",
    "fr": "Établissements",
    "es": "Centros",
    "ru": "Учебные заведения",
    "ar": "المؤسسات التعليمية",
}
PARTNERS_TITLES = {
    "en": "Partners",
    "zh-hans": "合作伙伴",
    "fr": "Partenaires",
    "es": "Socios",
    "ru": "Партнёры",
    "ar": "الشركاء",
}


def set_translations(page, field, values):
    """Set ``field_xx`` on ``page`` for each language given in ``values``."""
    for code, value in values.items():
        setattr(page, build_localized_fieldname(field, code), value)
    setattr(page, field, values.get(settings.LANGUAGE_CODE, next(iter(values.values()))))


def set_slug(page, slug):
    """The same slug in every language: URLs differ only by their language prefix."""
    set_translations(page, "slug", {code: slug for code, _name in settings.LANGUAGES})


@transaction.atomic
def ensure_site_tree():
    """Return the home page, creating the home page, the site and both
    directories where they are missing."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's own welcome page holds the slug "home"; the portal replaces it.
        for page in root.get_children().exclude(content_type__model="homepage"):
            if page.specific_class is Page:
                page.delete()
        home = HomePage()
        set_translations(home, "title", HOME_TITLES)
        set_slug(home, "home")
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=HOME_TITLES["en"]
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    for model, slug, titles in (
        (SchoolIndexPage, "schools", SCHOOLS_TITLES),
        (PartnerIndexPage, "partners", PARTNERS_TITLES),
    ):
        if not model.objects.exists():
            index = model()
            set_translations(index, "title", titles)
            set_slug(index, slug)
            home.add_child(instance=index)
            index.save_revision().publish()
    return home

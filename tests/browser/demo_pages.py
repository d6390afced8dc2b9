"""The demo pages the browser checks visit, by name, in every language: read
from the database that ``load_demo`` filled. Used by the tests' fixtures and,
through ``manage.py shell`` (``all_paths``), by `make screenshots` and `make lighthouse`."""

from django.urls import reverse
from django.utils import translation

from partners.models import PartnerPage
from programmes.models import ProgrammePage
from tests.browser.environment import ALL_LANGUAGES

# A word that finds nothing, for the search page's empty state.
NO_MATCH = "zzqxv"


def demo_pages():
    """The demo's first programme (by id), its school and the first partner."""
    programme = ProgrammePage.objects.live().order_by("pk").first()
    if programme is None:
        raise LookupError("no published programme: load the demo first (manage.py load_demo)")
    school = programme.get_parent().specific
    partner = PartnerPage.objects.live().order_by("pk").first()
    return programme, school, partner


def search_word(programme):
    return max(programme.title_en.split(), key=len)


def paths_in(language, programme, school, partner):
    """Every public page type, by name, as a path in ``language``."""
    # Two filters that the programme matches, so that chips and results show.
    filters = f"?type={programme.programme_type}&language={programme.teaching_languages.order_by('pk')[0].code}"
    with translation.override(language):
        catalogue = reverse("search:catalogue")
        return {
            "home": f"/{language}/",
            "catalogue": catalogue,
            "catalogue-filtered": catalogue + filters,
            "ranking": reverse("search:ranking"),
            "programme": programme.get_url(),
            "school": school.get_url(),
            "schools": school.get_parent().get_url(),
            "partner": partner.get_url(),
            "partners": partner.get_parent().get_url(),
            "progress": reverse("progress"),
            "search": reverse("search:search") + f"?q={search_word(programme)}",
            "search-empty": reverse("search:search") + f"?q={NO_MATCH}",
            "enquiry": reverse("partners:enquiry", args=[school.pk]),
            "not-found": f"/{language}/{NO_MATCH}/",
        }


def all_paths():
    programme, school, partner = demo_pages()
    return {language: paths_in(language, programme, school, partner) for language in ALL_LANGUAGES}

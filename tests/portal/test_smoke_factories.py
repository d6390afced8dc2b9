from django.utils import translation

from tests.factories import PartnershipFactory, ProgrammePageFactory


def test_factories_build_a_programme_reachable_in_every_language(client, home):
    programme = ProgrammePageFactory(title_fr="Programme test")
    PartnershipFactory(school=programme.get_parent().specific)
    for language in ("en", "fr", "zh-hans", "ar"):
        with translation.override(language):
            url = programme.url
        assert url.startswith(f"/{language}/")
        assert client.get(url).status_code == 200

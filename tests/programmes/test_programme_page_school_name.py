"""A programme page names its school once: the official Chinese name is added
only where it differs from the school's name in the reader's language."""

import pytest

from tests.factories import ProgrammePageFactory, SchoolPageFactory

pytestmark = pytest.mark.django_db


def test_the_official_chinese_name_is_not_repeated_on_a_chinese_page(client, home):
    school = SchoolPageFactory(
        title="Shenzhen Polytechnic University", title_zh_hans="深圳职业技术大学", official_name_zh="深圳职业技术大学"
    )
    programme = ProgrammePageFactory(parent=school, title="CNC centre", slug="cnc")
    chinese = client.get(f"/zh-hans/schools/{school.slug}/{programme.slug}/").content.decode()
    assert '<bdi lang="zh-hans">深圳职业技术大学</bdi>' not in chinese
    english = client.get(f"/en/schools/{school.slug}/{programme.slug}/").content.decode()
    assert '<bdi lang="zh-hans">深圳职业技术大学</bdi>' in english

"""A school's documents (evidence of its yearly figures, agreements) are served
only to that school's editors and to ministry editors."""

from django.core.files.base import ContentFile

from wagtail.documents.models import Document
from wagtail.models import Collection

from portal.roles import school_editors_group
from tests.editor_accounts import ministry_editor, school_editor
from tests.factories import SchoolPageFactory


def evidence_of(school):
    group = school_editors_group(school)
    collection = Collection.objects.filter(group_permissions__group=group).distinct().get()
    document = Document(title="Evidence 2025", collection=collection)
    document.file.save("evidence-2025.csv", ContentFile(b"students,40\n"), save=True)
    return document


def test_school_documents_are_served_only_to_their_school_and_the_ministry(client, home):
    school_a, school_b = SchoolPageFactory(), SchoolPageFactory()
    editor_a, editor_b = school_editor(school_a, "editor-a"), school_editor(school_b, "editor-b")
    ministry = ministry_editor()
    document = evidence_of(school_a)
    url = document.url

    response = client.get(url)
    assert response.status_code in (302, 403)  # anonymous: asked to log in, never served
    assert b"students" not in b"".join(getattr(response, "streaming_content", [response.content]))

    client.force_login(editor_b)
    assert client.get(url).status_code in (302, 403)

    for user in (editor_a, ministry):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, user
        assert b"students,40" in b"".join(response.streaming_content)

"""Documents live outside the public media root and are served only by
Wagtail's view, after its privacy checks: a web server that serves /media/
(logos, pictures) can never hand out a document. Documents kept under
/media/documents/ before move with ``move_private_documents``. Uploads over
``WAGTAILDOCS_MAX_UPLOAD_SIZE`` are refused with a translated error."""

import io
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation

from wagtail.documents.models import Document
from wagtail.models import Collection
from wagtail.users.models import UserProfile

import pytest

from portal.roles import school_editors_group
from portal.storage import move_private_documents
from tests.editor_accounts import school_editor
from tests.factories import SchoolPageFactory


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def school_collection(school):
    return Collection.objects.filter(group_permissions__group=school_editors_group(school)).distinct().get()


def test_an_uploaded_document_is_kept_outside_the_media_root_and_has_no_media_url(client, home):
    school = SchoolPageFactory()
    editor = school_editor(school, "editor-a")
    client.force_login(editor)
    upload = SimpleUploadedFile("agreement.pdf", b"%PDF-1.4 agreement", content_type="application/pdf")
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "Agreement", "file": upload, "collection": school_collection(school).pk},
    )
    assert response.status_code == 302, response.content[:2000]
    document = Document.objects.get(title="Agreement")

    path = Path(document.file.path).resolve()
    assert Path(settings.PRIVATE_MEDIA_ROOT).resolve() in path.parents
    assert Path(settings.MEDIA_ROOT).resolve() not in path.parents
    with pytest.raises(NotImplementedError):
        document.file.url  # noqa: B018 - no URL under /media/ exists for it
    assert document.url.startswith("/documents/")
    assert not document.url.startswith(settings.MEDIA_URL)

    # Served by Wagtail's view to the school's editor, asked to log in otherwise.
    assert body(client.get(document.url)) == b"%PDF-1.4 agreement"
    client.logout()
    assert client.get(document.url).status_code in (302, 403)


def test_images_stay_public_under_the_media_root(home, settings):
    from django.core.files.storage import default_storage

    name = default_storage.save("original_images/logo.png", ContentFile(b"png"))
    try:
        assert Path(settings.MEDIA_ROOT).resolve() in Path(default_storage.path(name)).resolve().parents
        assert default_storage.url(name).startswith(settings.MEDIA_URL)
        # A name that climbs out of images into documents still lands in the private root.
        tricky = default_storage.path("original_images/../documents/x.pdf")
        assert Path(settings.PRIVATE_MEDIA_ROOT).resolve() in Path(tricky).resolve().parents
    finally:
        default_storage.delete(name)


def test_documents_left_under_the_media_root_move_and_are_still_served(client, home, settings):
    school = SchoolPageFactory()
    editor = school_editor(school, "editor-a")
    # A document as the portal kept it before: a file under MEDIA_ROOT/documents/.
    old_file = Path(settings.MEDIA_ROOT) / "documents" / "legacy" / "evidence-2023.csv"
    old_file.parent.mkdir(parents=True, exist_ok=True)
    old_file.write_bytes(b"students,12\n")
    document = Document.objects.create(
        title="Evidence 2023", file="documents/legacy/evidence-2023.csv", collection=school_collection(school)
    )
    try:
        out = io.StringIO()
        call_command("move_private_documents", stdout=out)
        assert "Moved 1 document file(s)" in out.getvalue()
        assert not old_file.exists()
        assert not (Path(settings.MEDIA_ROOT) / "documents").exists()
        moved = Path(settings.PRIVATE_MEDIA_ROOT) / "documents" / "legacy" / "evidence-2023.csv"
        assert moved.read_bytes() == b"students,12\n"

        client.force_login(editor)
        assert body(client.get(document.url)) == b"students,12\n"
        # Idempotent: nothing left to move, nothing lost.
        assert move_private_documents() == 0
        assert moved.exists()
    finally:
        document.file.delete(save=False)


@pytest.mark.parametrize("language", ["en", "zh-hans", "ar"])
def test_a_too_large_document_is_refused_with_a_translated_error(client, home, settings, language):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    school = SchoolPageFactory()
    editor = school_editor(school, "editor-a")
    UserProfile.get_for_user(editor).__class__.objects.filter(user=editor).update(preferred_language=language)
    client.force_login(editor)
    big = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * 4096, content_type="application/pdf")
    with translation.override(language):
        response = client.post(
            reverse("wagtaildocs:add"),
            {"title": "Too big", "file": big, "collection": school_collection(school).pk},
            HTTP_ACCEPT_LANGUAGE=language,
        )
        expected = translation.gettext("This file is too big (%(file_size)s). Maximum filesize %(max_filesize)s.") % {
            "file_size": filesizeformat(big.size),
            "max_filesize": filesizeformat(1024),
        }
    assert response.status_code == 200
    assert not Document.objects.filter(title="Too big").exists()
    errors = response.context["form"].errors["file"]
    assert errors[0] == expected
    if language != "en":
        assert "This file is too big" not in errors[0]


def test_the_upload_limit_is_set():
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"

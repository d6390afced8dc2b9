"""School pages get ASCII URL slugs: a slug in Chinese characters (given by
the batch import to schools without an English name) becomes its pinyin
(深圳职业技术学院 → shen-zhen-zhi-ye-ji-shu-xue-yuan), in every language; the URL
paths of the school and its programmes follow, and each old public URL
(/<language>/schools/<old slug>/…) gets a permanent redirect to the page.

Backwards, nothing is undone: the redirects stay valid and the ASCII slugs
work in every language."""

import re
import unicodedata

from django.db import migrations
from django.utils.text import slugify

# Frozen here rather than read from the settings, which may change.
LANGUAGES = ["en", "zh-hans", "fr", "es", "ru", "ar"]
DEFAULT_LANGUAGE = "en"


def field(name, language):
    return f"{name}_{language.replace('-', '_')}"


def ascii_slug(text):
    from pypinyin import lazy_pinyin

    text = unicodedata.normalize("NFKC", str(text or ""))
    return slugify(" ".join(lazy_pinyin(text)))[:80].strip("-") or "school"


def is_ascii(value):
    return not value or bool(re.fullmatch(r"[\x00-\x7f]*", value))


def effective_slug(page, language):
    """The slug the page's URL uses in ``language`` (wagtail-modeltranslation's fallback)."""
    return page[field("slug", language)] or page[field("slug", DEFAULT_LANGUAGE)] or page["slug"]


def public_path(url_path, root_url_path, language):
    return f"/{language}/{url_path[len(root_url_path) :]}".rstrip("/")


SLUG_FIELDS = ["slug", *(field("slug", language) for language in LANGUAGES)]
URL_PATH_FIELDS = ["url_path", *(field("url_path", language) for language in LANGUAGES)]


def ascii_school_slugs(apps, schema_editor):
    if not apps.get_model("programmes", "SchoolPage").objects.exists():
        return  # A new database: nothing to convert (and the translated page columns come later).
    # The translated slug and URL path columns of Wagtail's page table are added
    # by wagtail-modeltranslation outside the migrations, so the historical
    # models do not have them: the project's page model reads and writes them,
    # through update() only (no save() with its side effects).
    from django.apps import apps as global_apps

    Page = global_apps.get_model("wagtailcore", "Page")
    school_type = global_apps.get_model("programmes", "SchoolPage")
    Site = apps.get_model("wagtailcore", "Site")
    Redirect = apps.get_model("wagtailredirects", "Redirect")
    site = Site.objects.filter(is_default_site=True).first()
    root = Page.objects.filter(pk=site.root_page_id).values(*URL_PATH_FIELDS).first() if site else None
    columns = ["pk", "path", "depth", *SLUG_FIELDS, *URL_PATH_FIELDS]
    for school in school_type.objects.order_by("path").values(*columns):
        if all(is_ascii(school[name]) for name in SLUG_FIELDS):
            continue
        old_effective = {language: effective_slug(school, language) for language in LANGUAGES}
        siblings = Page.objects.filter(path__startswith=school["path"][:-4], depth=school["depth"]).exclude(
            pk=school["pk"]
        )
        changes = {}
        for name in SLUG_FIELDS:
            if is_ascii(school[name]):
                continue
            taken = set(siblings.values_list(name, flat=True))
            base = ascii_slug(school[name])
            slug, number = base, 2
            while slug in taken:
                slug, number = f"{base}-{number}", number + 1
            changes[name] = school[name] = slug
        descendants = list(
            Page.objects.filter(path__startswith=school["path"], depth__gt=school["depth"]).values(
                "pk", *URL_PATH_FIELDS
            )
        )
        page_changes = {page["pk"]: {} for page in descendants}
        for language in LANGUAGES:
            url_field = field("url_path", language)
            old = school[url_field]
            if not old or effective_slug(school, language) == old_effective[language]:
                continue
            new = old[: -len(old_effective[language]) - 1] + effective_slug(school, language) + "/"
            changes[url_field] = new
            if language == DEFAULT_LANGUAGE:
                changes["url_path"] = new
            root_path = (root[url_field] or root["url_path"]) if root else "/"
            pages = [(school["pk"], old, None)] + [(page["pk"], page[url_field] or "", page) for page in descendants]
            for pk, page_old, page in pages:
                if not page_old.startswith(old):
                    continue
                page_new = new + page_old[len(old) :]
                if page is not None:
                    page_changes[pk][url_field] = page_new
                    if language == DEFAULT_LANGUAGE:
                        page_changes[pk]["url_path"] = page_new
                if page_old.startswith(root_path):
                    Redirect.objects.update_or_create(
                        site=None,
                        old_path=public_path(page_old, root_path, language),
                        defaults={"redirect_page_id": pk, "redirect_link": "", "is_permanent": True},
                    )
        Page.objects.filter(pk=school["pk"]).update(**changes)
        for pk, fields in page_changes.items():
            if fields:
                Page.objects.filter(pk=pk).update(**fields)


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0012_import_column_alias"),
        ("wagtailcore", "0001_initial"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(ascii_school_slugs, migrations.RunPython.noop)]

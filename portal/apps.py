from django.apps import AppConfig, apps


class PortalConfig(AppConfig):
    name = "portal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.routing import restore_localized_slug_routing

        restore_localized_slug_routing(apps.get_models())
        connect_public_rows()
        translate_role_names()


def translate_role_names():
    """The portal's groups, workflow and task read in the admin user's language."""
    from django.contrib.auth.models import Group

    from wagtail.models import Task, Workflow

    from portal.roles import name_in_readers_language

    name_in_readers_language(Group, Workflow, Task)


def connect_public_rows():
    """The site's own rows that every public page shows (the site settings,
    images such as school logos, documents, the sites): changing one gives
    the public pages a new version (``search.page_cache``). Renditions are
    made while pages render and change nothing."""
    from django.db.models.signals import post_delete, post_save

    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Site

    from portal.models import PortalSettings
    from search.page_cache import invalidate_catalogue_cache

    def on_public_row_changed(sender, raw=False, **kwargs):
        if not raw:
            invalidate_catalogue_cache()

    for model in (PortalSettings, get_image_model(), get_document_model(), Site):
        for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
            signal.connect(on_public_row_changed, sender=model, dispatch_uid=f"portal.{model._meta.label_lower}.{name}")

from django.apps import AppConfig, apps


class PortalConfig(AppConfig):
    name = "portal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.routing import restore_localized_slug_routing

        restore_localized_slug_routing(apps.get_models())

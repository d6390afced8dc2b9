"""Create the "Ministry editors" group, its permissions and the "Ministry
approval" workflow (one group approval task) assigned to the root of the tree."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_ministry_editors(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate); the
    # group needs them now, on a fresh database too.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    from portal.roles import ensure_ministry_editors

    ensure_ministry_editors(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("programmes", "0002_reference_data"),
        ("partners", "0002_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_ministry_editors, migrations.RunPython.noop)]

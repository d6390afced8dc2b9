from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MinistryConfig(AppConfig):
    """The ministry editors' tools: the dashboard and its exports, the batches
    and the batch-list import, enquiries by school, and the public progress
    page. No models of its own: it reads and changes those of programmes and
    partners."""

    name = "ministry"
    verbose_name = _("Ministry")
    default_auto_field = "django.db.models.BigAutoField"

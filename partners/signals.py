"""Keeps the history of partnerships: each time a school's page is published,
a partnership whose stage changed (or that is new) gets a ``PartnershipEvent``."""

from wagtail.signals import page_published

from partners.models import PartnershipEvent
from programmes.models import SchoolPage


def record_partnership_stages(school, user=None):
    """Write an event for each partnership of ``school`` whose stage differs
    from its last recorded one. Returns the events written."""
    written = []
    for partnership in school.partnerships.all():
        last = partnership.events.order_by("-recorded_at", "-pk").first()
        if last is not None and last.stage == partnership.stage:
            continue
        written.append(
            PartnershipEvent.objects.create(
                partnership=partnership,
                school_id=school.pk,
                partner_id=partnership.partner_id,
                stage=partnership.stage,
                agreement_date=partnership.agreement_date,
                end_date=partnership.end_date,
                end_reason=partnership.end_reason,
                recorded_by=user,
            )
        )
    return written


def on_page_published(sender, instance, revision=None, **kwargs):
    if isinstance(instance, SchoolPage):
        record_partnership_stages(instance, user=getattr(revision, "user", None))


def connect():
    page_published.connect(on_page_published, dispatch_uid="partners.record_partnership_stages")

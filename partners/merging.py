"""Merging a duplicate partner into the partner that stays (ministry editors)."""

from django.db import transaction

from wagtail.models import Page

from partners.models import PartnerPage, Partnership, PartnershipEvent, ProgrammePartner


def _repoint_latest_revision(page_ids, relation, duplicate, target):
    """Drafts keep the old partner in their stored content; point them at the
    target too, so that publishing a draft later does not bring the duplicate back."""
    for page in Page.objects.filter(pk__in=page_ids).select_related("latest_revision"):
        revision = page.latest_revision
        if revision is None:
            continue
        changed = False
        for row in revision.content.get(relation, []):
            if row.get("partner") == duplicate.pk:
                row["partner"] = target.pk
                changed = True
        if changed:
            revision.save(update_fields=["content"])


@transaction.atomic
def merge_partner(duplicate, target, user=None):
    """Move the duplicate's partnerships, their history and its programme links
    to ``target``; mark the duplicate as merged and unpublish it.
    Returns the number of partnerships and programme links moved."""
    if duplicate.pk == target.pk:
        raise ValueError("A partner cannot be merged into itself.")
    if target.merged_into_id:
        raise ValueError("The target has itself been merged into another partner.")
    school_ids = list(Partnership.objects.filter(partner=duplicate).values_list("school_id", flat=True))
    programme_ids = list(ProgrammePartner.objects.filter(partner=duplicate).values_list("programme_id", flat=True))
    moved_partnerships = Partnership.objects.filter(partner=duplicate).update(partner=target)
    PartnershipEvent.objects.filter(partner=duplicate).update(partner=target)
    moved_links = ProgrammePartner.objects.filter(partner=duplicate).update(partner=target)
    _repoint_latest_revision(school_ids, "partnerships", duplicate, target)
    _repoint_latest_revision(programme_ids, "partner_links", duplicate, target)
    # Earlier merges into the duplicate now point at the target.
    PartnerPage.objects.filter(merged_into=duplicate).update(merged_into=target)
    duplicate = PartnerPage.objects.get(pk=duplicate.pk)
    if duplicate.live:
        duplicate.unpublish(user=user)
        duplicate.refresh_from_db()
    duplicate.merged_into = target
    duplicate.save(update_fields=["merged_into"])
    return moved_partnerships + moved_links

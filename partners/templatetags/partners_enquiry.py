"""The enquiry form for school and programme pages."""

from functools import lru_cache

from django import template
from django.conf import settings
from django.utils.translation import get_language

from partners.forms import EnquiryForm

register = template.Library()


@register.simple_tag(takes_context=True)
def enquiry_form(context):
    """The bound form being re-shown with its errors, else ``None``: a fresh
    form's fields come from ``enquiry_fields`` without building a form."""
    return context.get("enquiry_form")


@register.simple_tag
def enquiry_fields(form):
    """The form's fields as ``<div>`` groups: the bound form's own (values and
    errors), or a fresh form's, rendered once per language per process."""
    if form is not None and form.is_bound:
        return form.as_div()
    return fresh_enquiry_fields(get_language() or settings.LANGUAGE_CODE)


@lru_cache(maxsize=len(settings.LANGUAGES) + 2)
def fresh_enquiry_fields(language):
    """An empty form's HTML depends on nothing but the reader's language (its
    labels, the countries in that language's order, the reply language
    chosen), so every school and programme page shares it: Django renders
    the seven fields through some 30 templates, the largest part of a
    programme page's time when done on every request."""
    return EnquiryForm().as_div()

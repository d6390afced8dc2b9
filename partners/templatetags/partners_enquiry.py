"""The enquiry form for school and programme pages."""

from django import template

from partners.forms import EnquiryForm

register = template.Library()


@register.simple_tag(takes_context=True)
def enquiry_form(context):
    """The bound form being re-shown with its errors, or a fresh one in the
    reader's language."""
    return context.get("enquiry_form") or EnquiryForm()

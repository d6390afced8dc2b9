"""POST data for Wagtail's page edit view, taken from the edit form itself, so
that tests drive the admin's real URLs with a complete, valid submission."""

from django import forms


def _field_items(bound_field):
    widget = bound_field.field.widget
    value = bound_field.value()
    name = bound_field.html_name
    if isinstance(widget, forms.CheckboxInput):
        return [(name, "on")] if value else []
    if isinstance(widget, forms.SelectMultiple | forms.CheckboxSelectMultiple):
        return [(name, str(item)) for item in (value or [])]
    if isinstance(widget, forms.Select):
        return [(name, "" if value is None else str(value))]
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return []
    formatted = widget.format_value(value)
    return [(name, "" if formatted is None else str(formatted))]


def edit_form_data(page, user):
    """``{name: value or [values]}`` for the page's edit form as ``user`` sees it."""
    page = page.specific.get_latest_revision_as_object()
    form_class = page.get_edit_handler().bind_to_model(type(page)).get_form_class()
    form = form_class(instance=page, for_user=user, parent_page=page.get_parent())
    items = []
    for bound_field in form:
        items += _field_items(bound_field)
    for formset in form.formsets.values():
        for bound_field in formset.management_form:
            items += _field_items(bound_field)
        for child in formset.forms:
            for bound_field in child:
                items += _field_items(bound_field)
    data = {}
    for name, value in items:
        if name in data:
            data[name] = data[name] if isinstance(data[name], list) else [data[name]]
            data[name].append(value)
        else:
            data[name] = value
    return data

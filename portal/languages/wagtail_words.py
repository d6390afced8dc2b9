"""Words of Wagtail 8's admin that its own catalogues do not translate yet into
some of the portal's languages (Chinese and Spanish above all; a few Russian and
Arabic). Listed here so that `make messages` keeps them in locale/, where Django
finds them before Wagtail's own: the Chinese admin then reads Chinese
(``tests/portal/test_admin_words.py`` looks for English on the editors' pages).
Drop a word once a Wagtail release translates it."""

from django.utils.translation import gettext_noop, ngettext_lazy

WAGTAIL_WORDS = (
    gettext_noop("Wagtail %(current_version)s editor guide"),
    gettext_noop("Saved"),
    gettext_noop("Autosave is paused"),
    gettext_noop("Edit account avatar"),
    gettext_noop("Content metrics"),
    gettext_noop("Words"),
    gettext_noop("Reading time"),
    gettext_noop("Readability"),
    gettext_noop("This data explained"),
    gettext_noop("Anyone can edit this %(model_name)s – lock it to prevent others from editing"),
    gettext_noop("Anyone can edit this %(model_name)s"),
    gettext_noop("To be created by %(user)s"),
    gettext_noop("Correct the validation errors to resume preview (saving will highlight errors)"),
    gettext_noop("Checks"),
    gettext_noop("Toggle checks"),
    gettext_noop("Search all pages…"),
    gettext_noop("Date updated"),
    gettext_noop("Edited by"),
    gettext_noop("Has child pages"),
    gettext_noop("Any"),
    gettext_noop("Page type"),
    gettext_noop("Exploring"),
    gettext_noop("Locking: "),
    gettext_noop("Is commenting action"),
    gettext_noop("Locked by"),
    gettext_noop("Anyone"),
    gettext_noop("Sort by '%(label)s' in ascending order."),
    gettext_noop("Sort by '%(label)s' in descending order."),
)

WAGTAIL_PLURAL_WORDS = (
    ngettext_lazy(
        '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>',
        "total",
    ),
    ngettext_lazy(
        '%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Images <span class="w-sr-only">created in %(site_name)s</span>',
        "total",
    ),
    ngettext_lazy(
        '%(total)s Document <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Documents <span class="w-sr-only">created in %(site_name)s</span>',
        "total",
    ),
    ngettext_lazy("Referenced %(count)s time", "Referenced %(count)s times", "count"),
)

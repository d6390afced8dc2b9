"""Pieces of public HTML written once per public version and kept in each
process's memory: a directory's cards, the parts of the base layout that are
the same for every visitor of a page (the navigation and language switcher,
the search-engine head), a profile's or the progress page's content.

A fragment is what the template wrote, from values that change only with the
public version (``portal.public_version``): a publish, an unpublish, a moved
page, a changed row a public page shows gives a new version and the fragments
are written again. It must never hold anything of one request or visitor (a
CSRF token, a nonce, a name, a message, a shortlist): only what every visitor
of that URL sees. Its name and key say everything else it depends on: the
language, and the scheme and host when it holds links (Wagtail writes a
page's link relative to the request's site, and the head's links are
absolute).

Fragments kept per URL (``fragment``) belong to the page caches and follow
``PAGE_HTML_KEPT``; what is worked out from one item's published rows alone
is kept always, per item (``keep``, ``kept_value``, ``page_value``): a
directory's cards, a page's addresses in every language, its summary,
search-engine values and structured data, a programme's key facts and
partner institutions, a site search result's link and summary, the main menu
of a language and host.

A process keeps at most ``BUDGET`` characters of fragments (then starts
again), and none longer than ``TIMEOUT`` seconds, as a safety net for
changes made behind Django's back."""

import hashlib
import threading
import time

from django.conf import settings
from django.utils.functional import SimpleLazyObject, empty

from portal.public_version import TIMEOUT, catalogue_cache_version, public_value

# Characters of fragments a process keeps at most (some 16 to 32 MB).
BUDGET = 16_000_000
# What a kept value that is not a text counts for.
OTHER_SIZE = 2_000
# Keys longer than this are kept by their digest.
LONG_KEY = 200


class _Kept:
    def __init__(self, version):
        self.version = version
        self.since = time.monotonic()
        self.size = 0
        self.names = {}


_kept = _Kept(None)
_lock = threading.Lock()


def request_version(request):
    """The public version, read once per request (``None``: read each time)."""
    if request is None:
        return catalogue_cache_version()
    version = getattr(request, "_fragments_version", None)
    if version is None:
        version = request._fragments_version = catalogue_cache_version()
    return version


def _current(request):
    global _kept
    version = request_version(request)
    kept = _kept
    if kept.version != version or kept.size > BUDGET or time.monotonic() - kept.since > TIMEOUT:
        with _lock:
            if _kept is kept:
                _kept = _Kept(version)
            kept = _kept
    return kept


def kept_fragments(request, name):
    """The process's ``{key: value}`` of ``name`` for the current public
    version (read it; add with ``keep``)."""
    return _current(request).names.get(name, {})


def keep(request, name, key, value):
    """Keep ``value`` under ``name`` and ``key`` for the current public version."""
    kept = _current(request)
    kept.names.setdefault(name, {})[key] = value
    kept.size += len(value) if isinstance(value, str) else OTHER_SIZE
    return value


def fragment(request, name, key, build):
    """``build()``, written once per public version and ``key`` in this
    process. ``name`` must say the language and host it was written for.
    Written each time when ``PAGE_HTML_KEPT`` is off (a page's HTML kept per
    URL is a page cache: off with the page caches)."""
    if not settings.PAGE_HTML_KEPT:
        return build()
    if len(key) > LONG_KEY:
        key = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return kept_value(request, name, key, build)


def kept_value(request, name, key, build):
    """``build()``, worked out once per public version, ``name`` and ``key``
    in this process, whatever ``PAGE_HTML_KEPT`` says: for what a page shows
    that is worked out from one page's published rows alone (its addresses in
    every language, its summary), as a directory's cards are."""
    value = kept_fragments(request, name).get(key)
    if value is None:
        value = keep(request, name, key, build())
    return value


def shared_value(request, name, key, build):
    """``build()``, read once per public version from the shared cache
    (``public_value``, so that one process's work serves the others) and
    then kept in this process's memory beside ``kept_value``'s, so that a
    request neither reads the cache nor unpickles the value (a tenth of a
    millisecond or more each): for the site, route and page a request is
    routed to and the rows a page's content is written from (a programme's
    lead school, links and rows, a profile's lists). The value is shared by
    the requests of the process: they must only read it. ``None`` is not
    kept (nothing found is looked for again, as ``public_value`` does:
    unknown URLs cannot fill a process's memory). Worked out each time
    without a request (a preview does not call it: it shows a draft's
    rows)."""
    if request is None:
        return build()
    value = kept_fragments(request, name).get(key)
    if value is None:
        value = public_value(f"{name}:{key}", build)
        if value is not None:
            keep(request, name, key, value)
    return value


def page_value(request, name, page, build):
    """``build()`` for ``page``: kept per public version under ``name`` and
    the page's id (``kept_value``) when it is a published page the public
    sees; worked out each time for a preview, which shows a draft, or
    without a request or a saved page."""
    if request is None or not getattr(page, "pk", None) or getattr(request, "is_preview", False):
        return build()
    return kept_value(request, name, page.pk, build)


def site_key(request):
    """What a fragment's links depend on in the request: its scheme and host."""
    return f"{request.scheme}://{request.get_host()}" if request is not None else ""


class LazyValue(SimpleLazyObject):
    """A value of ``lazy_values``, worked out on first use."""


def lazy_values(build, names):
    """``{name: value}`` of the dict ``build()`` gives, each value worked out
    on first use (``build`` runs at most once; a name it leaves out is
    ``None``): for a view whose context only the writing of a kept fragment
    needs, so that a request served from the fragment does not work it out.
    What writes from them gets the values themselves (``worked_out``): a
    count must be a number to choose a plural."""
    built = SimpleLazyObject(build)
    return {name: LazyValue(lambda name=name: built.get(name)) for name in names}


def worked_out(context):
    """``{name: value}`` of the ``lazy_values`` of a template context, worked
    out, to push on it before writing what uses them. Worked out once per
    template context: a page writes several fragments from the same values."""
    values = getattr(context, "_lazy_values_worked_out", None)
    if values is not None:
        return values
    values = {}
    for layer in context.dicts:
        for name, value in layer.items():
            # type(), not isinstance(): isinstance() would ask a lazy object of
            # another kind (the request's user) for its class, and so set it up.
            if type(value) is LazyValue:
                if value._wrapped is empty:
                    value._setup()
                values[name] = value._wrapped
    context._lazy_values_worked_out = values
    return values

"""A visitor's shortlist: the programmes they starred, kept in their session
(no account needed), and the programmes compared side by side.

The catalogue's anonymous pages come from a shared cache (``search.page_cache``),
so what a visitor starred must never be in cached HTML. A visitor who has
starred something carries the cookie ``SHORTLIST_COOKIE``; only their requests
read the session for star states, and those requests neither read nor fill the
shared cache. Everyone else sees every star off, which for them is exact.
The cookie holds no data (the ids stay in the session): a stale one only costs
a cache miss, a missing one only shows stars off."""

from django.conf import settings

SESSION_KEY = "shortlist"
SHORTLIST_COOKIE = "shortlist"
# Enough to collect candidates, small enough to keep a session light.
MAX_SHORTLIST = 20
MAX_COMPARED = 4


def has_shortlist_cookie(request):
    return SHORTLIST_COOKIE in request.COOKIES


def shortlist_ids(request):
    """The starred programme ids, oldest first; empty (without reading the
    session) for a visitor who never starred anything."""
    if not has_shortlist_cookie(request):
        return []
    ids = request.session.get(SESSION_KEY, [])
    return [pk for pk in ids if isinstance(pk, int)] if isinstance(ids, list) else []


class ShortlistFull(Exception):
    """The shortlist holds ``MAX_SHORTLIST`` programmes already."""


def add(request, pk):
    ids = shortlist_ids(request)
    if pk in ids:
        return ids
    if len(ids) >= MAX_SHORTLIST:
        raise ShortlistFull
    ids = [*ids, pk]
    request.session[SESSION_KEY] = ids
    return ids


def remove(request, pk):
    ids = [other for other in shortlist_ids(request) if other != pk]
    request.session[SESSION_KEY] = ids
    return ids


def keep_cookie_in_step(response, ids):
    """Set the marker cookie while the shortlist holds something, drop it when
    it is empty (the session's own lifetime and flags)."""
    if ids:
        response.set_cookie(
            SHORTLIST_COOKIE,
            "1",
            max_age=settings.SESSION_COOKIE_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    else:
        response.delete_cookie(SHORTLIST_COOKIE, samesite="Lax")
    return response


def parse_compare_ids(values):
    """``(ids, problems)`` from the ``ids`` parameter(s) of a comparison
    (``?ids=1,2,3`` or ``?ids=1&ids=2``): ids in order without repeats, and
    the pieces that are not a programme number. Never raises."""
    ids, problems = [], []
    for value in values:
        for piece in value.split(","):
            piece = piece.strip()
            if not piece:
                continue
            if piece.isascii() and piece.isdigit() and len(piece) <= 10:
                pk = int(piece)
                if pk not in ids:
                    ids.append(pk)
            else:
                problems.append(piece[:20])
    return ids, problems

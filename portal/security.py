"""The headers that tell browsers what a page may load and share.

Two Content-Security-Policies (django-csp): a strict one for the public site
(``CONTENT_SECURITY_POLICY``: this host only, inline scripts and styles only
with the request's nonce) and one the Wagtail admin works under
(``CONTENT_SECURITY_POLICY_ADMIN``: this host only, but inline styles allowed,
which the admin's own templates and editors write). Neither lets a page load
anything from another host. ``Permissions-Policy`` switches off the browser
features the portal never uses.

This module is imported by the settings (``inline_style_hashes``), so it
imports nothing of the portal's apps."""

import base64
import hashlib
import re

from django.conf import settings

from csp.middleware import CSPMiddleware

# Paths served under the admin's policy; page previews (framed by the admin) get it too.
ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")

_STYLE_ELEMENT = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def inline_style_hashes(template_path):
    """``'sha256-…'`` sources for each ``<style>`` of a template that is
    rendered without a request (the 500 page has no context, so no nonce)."""
    text = template_path.read_text(encoding="utf-8")
    return [
        "'sha256-{}'".format(base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii"))
        for style in _STYLE_ELEMENT.findall(text)
    ]


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy under the admin's paths."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        # Wagtail renders a preview through the whole middleware chain with a
        # dummy request for the page's public URL; the admin frames the result.
        in_admin = request.path_info.startswith(ADMIN_PATH_PREFIXES) or getattr(request, "is_dummy", False)
        if not report_only and parts.config is None and in_admin:
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts


class PermissionsPolicyMiddleware:
    """Sends ``Permissions-Policy`` (``PERMISSIONS_POLICY``): the browser
    features no page of the portal uses are refused to every page and frame."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DISABLED)

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response

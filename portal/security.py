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
import http.client
import re
from dataclasses import asdict

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy

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


# Stands for the response's nonce in a policy written once (``_WRITTEN``).
_NONCE_PLACEHOLDER = "NONCE-OF-THIS-RESPONSE"
# The policies of the settings, by (report only, admin's, with a nonce),
# written once per process with the placeholder for the nonce.
_WRITTEN = {}
_OWN_POLICY = {
    False: ("_csp_config", "_csp_update", "_csp_replace"),
    True: ("_csp_config_ro", "_csp_update_ro", "_csp_replace_ro"),
}
_EXEMPT = {False: "_csp_exempt", True: "_csp_exempt_ro"}
_SETTING = {False: "CONTENT_SECURITY_POLICY", True: "CONTENT_SECURITY_POLICY_REPORT_ONLY"}


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy under the admin's
    paths, and each policy of the settings written once per process: django-csp
    writes it out of the settings for every response (some 50 microseconds,
    a fifth of serving a page from the cache). Only the nonce differs between
    responses; a view's own policy (django-csp's decorators) is written for
    its response as django-csp writes it. The headers are the same."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        # Wagtail renders a preview through the whole middleware chain with a
        # dummy request for the page's public URL; the admin frames the result.
        in_admin = request.path_info.startswith(ADMIN_PATH_PREFIXES) or getattr(request, "is_dummy", False)
        if not report_only and parts.config is None and in_admin:
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts

    def process_response(self, request, response):
        # As django-csp's process_response, with the policies from _policy.
        if response.status_code in (http.client.INTERNAL_SERVER_ERROR, http.client.NOT_FOUND) and settings.DEBUG:
            return response
        for header, report_only in ((HEADER, False), (HEADER_REPORT_ONLY, True)):
            policy = self._policy(request, response, report_only)
            excluded = (getattr(settings, _SETTING[report_only], None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if (
                policy
                and header not in response
                and getattr(response, _EXEMPT[report_only], False) is False
                and not request.path_info.startswith(tuple(excluded))
            ):
                response[header] = policy
        # A nonce asked for after the header is written would be refused by browsers.
        if getattr(request, "_csp_nonce", None) is None:
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def _policy(self, request, response, report_only):
        parts = self.get_policy_parts(request=request, response=response, report_only=report_only)
        if any(getattr(response, name, None) is not None for name in _OWN_POLICY[report_only]):
            return build_policy(**asdict(parts), report_only=report_only)
        key = (report_only, parts.config is not None, parts.nonce is not None)
        policy = _WRITTEN.get(key)
        if policy is None:
            nonce = _NONCE_PLACEHOLDER if parts.nonce is not None else None
            policy = _WRITTEN[key] = build_policy(config=parts.config, nonce=nonce, report_only=report_only)
        return policy.replace(_NONCE_PLACEHOLDER, parts.nonce) if parts.nonce is not None else policy


@receiver(setting_changed)
def _write_policies_again(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _WRITTEN.clear()


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

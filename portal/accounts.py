"""The admin's password reset, made safe to leave on the internet.

Wagtail's form looks the account up and sends the mail inside the request, so
its answer came faster for an unknown address (54 ms against 5.8 ms) and
anyone could mail an inbox without end. Here the request does the same work
for every address: it counts the request against two shared limits (per
client address and per address typed) and queues one task; the mail worker
looks the account up and sends the link, or finds nothing and sends nothing.
Over a limit, nothing is queued and the answer is still the same page.
"""

from django.conf import settings
from django.utils.translation import get_language

from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from partners.throttling import RateLimit, address_bucket, client_address
from portal.tasks import queue_password_reset_mail

HOUR = 3600


def password_reset_limits(request, email):
    return (
        RateLimit(
            "password-reset-address",
            address_bucket(client_address(request)),
            settings.PASSWORD_RESET_RATE_LIMIT,
            HOUR,
        ),
        RateLimit("password-reset-account", email.strip().casefold(), settings.PASSWORD_RESET_ACCOUNT_RATE_LIMIT, HOUR),
    )


class PasswordResetForm(WagtailPasswordResetForm):
    """``WAGTAILADMIN_USER_PASSWORD_RESET_FORM``: queues the reset instead of sending it."""

    def save(self, domain_override=None, use_https=False, request=None, **kwargs):
        email = self.cleaned_data["email"]
        # Both limits are counted every time, whatever the first one says.
        within = [limit.hit() for limit in password_reset_limits(request, email)]
        if all(within):
            queue_password_reset_mail(
                email=email,
                domain=domain_override or request.get_host(),
                use_https=use_https,
                language=get_language() or settings.LANGUAGE_CODE,
            )

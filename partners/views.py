"""Public views of the partners app: the enquiry form's target."""

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views import View

from partners.forms import HONEYPOT_FIELD, EnquiryForm
from partners.mail import send_enquiry_mail
from programmes.models import ProgrammePage, SchoolPage

ENQUIRY_MESSAGE_TAG = "enquiry"


def client_address(request):
    """The sender's address. Behind ``TRUSTED_PROXY_COUNT`` proxies (the load
    balancer), the address the nearest trusted proxy saw in X-Forwarded-For."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


class EnquiryRateLimit:
    """At most ``ENQUIRY_RATE_LIMIT`` enquiries per client address per
    ``ENQUIRY_RATE_WINDOW`` seconds, counted in the shared cache."""

    def __init__(self, request):
        self.key = f"enquiry-rate:{client_address(request)}"
        self.limit = getattr(settings, "ENQUIRY_RATE_LIMIT", 5)
        self.window = getattr(settings, "ENQUIRY_RATE_WINDOW", 3600)

    def exceeded(self):
        return (cache.get(self.key) or 0) >= self.limit

    def record(self):
        cache.add(self.key, 0, timeout=self.window)
        try:
            cache.incr(self.key)
        except ValueError:  # expired between add and incr
            cache.set(self.key, 1, timeout=self.window)


class EnquiryView(View):
    """Receives the enquiry form of a school or programme page. Valid: stores
    the enquiry, then mails the school and the sender, and returns to the page
    with a thank-you. Invalid: shows the form again with its errors on a page of
    its own (works without JavaScript). GET shows that page with an empty form."""

    template_name = "partners/enquiry_page.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.school = get_object_or_404(SchoolPage.objects.live().public(), pk=kwargs["school_id"])
        self.programme = None
        programme_id = request.POST.get("programme") or request.GET.get("programme")
        # At most 18 digits: a bigger number is no page id, and SQLite cannot bind it (a 500, found by fuzzing).
        if programme_id and str(programme_id).isdigit() and len(str(programme_id)) <= 18:
            self.programme = (
                ProgrammePage.objects.live().public().child_of(self.school).filter(pk=int(programme_id)).first()
            )

    @property
    def page(self):
        return self.programme or self.school

    def render_form(self, form, status=200, error=None):
        context = {
            "school": self.school,
            "programme": self.programme,
            "target_page": self.page,
            "enquiry_form": form,
            "enquiry_error": error,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(EnquiryForm())

    def post(self, request, *args, **kwargs):
        rate_limit = EnquiryRateLimit(request)
        if rate_limit.exceeded():
            error = _("You have sent several messages in a short time. Please wait an hour and try again.")
            return self.render_form(EnquiryForm(request.POST), status=429, error=error)
        if request.POST.get(HONEYPOT_FIELD):
            # A bot filled the hidden field: look successful, store nothing.
            rate_limit.record()
            return self.thank_you(None)
        form = EnquiryForm(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        with transaction.atomic():
            enquiry = form.save(commit=False)
            enquiry.school = self.school
            enquiry.programme = self.programme
            enquiry.save()
        # Committed: whatever happens to the mail now, the enquiry is kept.
        rate_limit.record()
        send_enquiry_mail(enquiry)
        return self.thank_you(enquiry)

    def thank_you(self, enquiry):
        messages.success(
            self.request,
            _("Thank you. Your message has been sent to %(school)s. We have emailed you a confirmation.")
            % {"school": self.school.title},
            extra_tags=ENQUIRY_MESSAGE_TAG,
        )
        return HttpResponseRedirect(self.page.get_url(request=self.request) + "#enquiry")

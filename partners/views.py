"""Public views of the partners app: the enquiry form's target."""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views import View

from partners.forms import HONEYPOT_FIELD, EnquiryForm
from partners.tasks import queue_enquiry_mail
from partners.throttling import RateLimit, address_bucket, client_address
from programmes.models import ProgrammePage, SchoolPage

ENQUIRY_MESSAGE_TAG = "enquiry"


def enquiry_limits(request, school):
    """The limits an enquiry counts against: per client address (or IPv6 /64)
    and per school, each per ``ENQUIRY_RATE_WINDOW``."""
    window = settings.ENQUIRY_RATE_WINDOW
    return (
        RateLimit("enquiry-address", address_bucket(client_address(request)), settings.ENQUIRY_RATE_LIMIT, window),
        RateLimit("enquiry-school", school.pk, settings.ENQUIRY_SCHOOL_RATE_LIMIT, window),
    )


def confirmation_limit(email):
    """Confirmations one address may receive per day, whoever typed it in."""
    return RateLimit("enquiry-confirmation", email.strip().casefold(), settings.ENQUIRY_CONFIRMATION_LIMIT, 86400)


class EnquiryView(View):
    """Receives the enquiry form of a school or programme page. Valid: stores
    the enquiry, queues its mail to the school and the sender for the mail
    worker, and returns to the page with a thank-you (the mail has not gone yet,
    and the thank-you says so). Invalid: shows the form again with its errors on a page of
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
        by_address, by_school = enquiry_limits(request, self.school)
        if by_address.reached():
            return self.refuse(self.TOO_MANY_FROM_YOU)
        if request.POST.get(HONEYPOT_FIELD):
            # A bot filled the hidden field: look successful, store nothing.
            by_address.hit()
            return self.thank_you(confirmation=True)
        form = EnquiryForm(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        # Counted only now, each in one atomic step: two requests in two
        # processes never both take the last place.
        if not by_address.hit():
            return self.refuse(self.TOO_MANY_FROM_YOU, form)
        if not by_school.hit():
            return self.refuse(self.TOO_MANY_FOR_SCHOOL, form)
        with transaction.atomic():
            enquiry = form.save(commit=False)
            enquiry.school = self.school
            enquiry.programme = self.programme
            enquiry.send_confirmation = confirmation_limit(enquiry.email).hit()
            enquiry.save()
            queue_enquiry_mail(enquiry)
        return self.thank_you(confirmation=enquiry.send_confirmation)

    TOO_MANY_FROM_YOU = "address"
    TOO_MANY_FOR_SCHOOL = "school"

    def refuse(self, reason, form=None):
        if reason == self.TOO_MANY_FOR_SCHOOL:
            error = _("This school has received many messages in the last hour. Please try again later.")
        else:
            error = _("You have sent several messages in a short time. Please wait an hour and try again.")
        return self.render_form(form or EnquiryForm(self.request.POST), status=429, error=error)

    def thank_you(self, confirmation):
        # The mail is queued, not sent: say what will happen, not what has.
        if confirmation:
            text = _(
                "Thank you. We have received your message and will forward it to %(school)s. "
                "We will email you a confirmation."
            )
        else:
            text = _("Thank you. We have received your message and will forward it to %(school)s.")
        messages.success(self.request, text % {"school": self.school.title}, extra_tags=ENQUIRY_MESSAGE_TAG)
        return HttpResponseRedirect(self.page.get_url(request=self.request) + "#enquiry")

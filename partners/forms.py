"""Forms of the partners app: the public enquiry form and the admin's merge form."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from partners.models import Enquiry, EnquiryReply, EnquiryStatus, PartnerPage
from partners.tasks import queue_reply_mail
from portal.forms import LongSelect

# The honeypot: a field people never see (hidden by the template) and bots fill in.
HONEYPOT_FIELD = "homepage"
MESSAGE_MAX_LENGTH = 5000


class EnquiryForm(forms.ModelForm):
    """What a foreign partner sends to a school: who they are and their message.
    Stored as an ``Enquiry`` before any mail is sent."""

    consent = forms.BooleanField(
        label=_("I agree that the portal stores my message and forwards it to the school, who may answer me by email."),
        required=True,
        error_messages={"required": _("Please tick the box to agree that we store and forward your message.")},
    )

    class Meta:
        model = Enquiry
        fields = ["name", "institution", "country", "email", "language", "message", "consent"]
        labels = {
            "name": _("Your name"),
            "institution": _("Your institution"),
            "country": _("Country"),
            "email": _("Your email"),
            "language": _("Language for our reply"),
            "message": _("Your message"),
        }
        help_texts = {
            "message": _("At most 5,000 characters."),
            "email": _("The school answers you at this address."),
        }
        widgets = {
            "country": LongSelect,
            "message": forms.Textarea(attrs={"rows": 6, "maxlength": MESSAGE_MAX_LENGTH}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "institution": forms.TextInput(attrs={"autocomplete": "organization"}),
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("language", get_language() or settings.LANGUAGE_CODE)
        super().__init__(*args, **kwargs)
        self.fields["message"].max_length = MESSAGE_MAX_LENGTH
        self.fields["language"].choices = settings.LANGUAGES

    def clean_message(self):
        message = self.cleaned_data["message"]
        if not message.strip():
            raise forms.ValidationError(_("Please write a message."))
        return message


class PartnerMergeForm(forms.Form):
    """Choose the partner that a duplicate is merged into."""

    target = forms.ModelChoiceField(
        queryset=PartnerPage.objects.none(),
        label=_("Merge into"),
        help_text=_("The partner that keeps the partnerships and programme links. The duplicate is unpublished."),
    )

    def __init__(self, *args, duplicate, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = (
            PartnerPage.objects.exclude(pk=duplicate.pk).filter(merged_into__isnull=True).order_by("title")
        )


class EnquiryAdminForm(WagtailAdminModelForm):
    """The admin's enquiry form, with a box to answer the sender: the answer
    is stored, queued for the mail worker (sent from the portal's address), and
    marks the enquiry answered."""

    answer = forms.CharField(
        label=_("Answer the sender"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Sent by email in the sender's language setting, from the portal's address; yours stays hidden."),
    )

    def save(self, commit=True):
        enquiry = super().save(commit=commit)
        text = self.cleaned_data.get("answer", "").strip()
        if commit and text:
            reply = EnquiryReply.objects.create(enquiry=enquiry, message=text, written_by=self.for_user)
            if enquiry.status == EnquiryStatus.NEW:
                enquiry.status = EnquiryStatus.ANSWERED
            if enquiry.answered_at is None:
                enquiry.answered_at = reply.created_at
            enquiry.save(update_fields=["status", "answered_at"])
            queue_reply_mail(reply)
        return enquiry

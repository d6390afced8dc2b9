"""Forms of the ministry editors' batch tools: batches, decisions, the import."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ministry.imports import ImportFileError, read_table, title_year
from programmes.models import Batch, SchoolPage, SelectionStatus


class BatchForm(forms.ModelForm):
    """Create or edit a batch: its number (1–3), name, year and quota."""

    class Meta:
        model = Batch
        fields = ["number", "name_en", "name_zh_hans", "year", "quota"]
        labels = {"name_en": _("name (English)"), "name_zh_hans": _("name (Chinese)")}
        help_texts = {"number": _("1, 2 or 3: the order of the batch.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_en"].required = True

    def save(self, commit=True):
        self.instance.name = self.cleaned_data["name_en"]
        return super().save(commit)


class SchoolChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.official_name_zh} — {obj.title}" if obj.official_name_zh != obj.title else obj.title


class DecisionForm(forms.Form):
    """Nominate, select or withdraw one school in a batch, on a given date."""

    school = SchoolChoiceField(label=_("school"), queryset=SchoolPage.objects.order_by("official_name_zh"))
    status = forms.ChoiceField(label=_("decision"), choices=SelectionStatus.choices)
    decided_on = forms.DateField(
        label=_("date of the decision"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The date the ministry decided, as published."),
    )
    note = forms.CharField(label=_("note"), max_length=200, required=False)

    def clean_decided_on(self):
        value = self.cleaned_data["decided_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("A decision cannot be dated in the future."))
        return value


class ImportForm(forms.Form):
    """Upload a batch's published list (CSV or XLSX) for a dry-run preview, or
    a list of recognitions (the Double High Plan's own list) that selects no
    school into a batch."""

    recognitions_only = forms.BooleanField(
        label=_("recognitions only"),
        required=False,
        help_text=_(
            "The file is a list of recognitions, such as the Double High Plan's list: record the recognitions "
            "and English names of the schools in the portal, select no school into a batch and create no school."
        ),
    )
    batch = forms.ModelChoiceField(
        label=_("batch"),
        queryset=Batch.objects.order_by("number"),
        required=False,
        help_text=_("Required, unless the file is a list of recognitions only."),
    )
    year = forms.IntegerField(
        label=_("year of the recognitions"),
        required=False,
        min_value=1990,
        max_value=2100,
        help_text=_(
            "When the file has no year column: the year the list was announced (default: the year its title "
            "names, else the batch's year)."
        ),
    )
    decided_on = forms.DateField(
        label=_("date of the decisions"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The date the list was published; every decision in the file gets this date."),
    )
    file = forms.FileField(
        label=_("file"),
        help_text=_("CSV (UTF-8 or GB18030) or XLSX, as published; the headings it may use are listed above."),
    )

    def clean_decided_on(self):
        value = self.cleaned_data["decided_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("A decision cannot be dated in the future."))
        return value

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("recognitions_only") and not cleaned.get("batch"):
            self.add_error("batch", _("Choose the batch the list selects schools into."))
        elif cleaned.get("recognitions_only") and not cleaned.get("batch") and not cleaned.get("year"):
            if cleaned.get("file") and not self._title_gives_year(cleaned["file"]):
                self.add_error(
                    "year",
                    _(
                        "Give the year of the recognitions: the file's title names none "
                        "(or choose a batch, for its year)."
                    ),
                )
        return cleaned

    @staticmethod
    def _title_gives_year(upload):
        """Whether the list's title rows name its year (…名单（2019年）), so that
        no year need be given with it (``ministry.imports.title_year``)."""
        try:
            table = read_table(upload.read(), upload.name)
        except ImportFileError:
            # The view says what is wrong with the file.
            return True
        finally:
            upload.seek(0)
        return title_year(table)[0] is not None


class ListImportForm(forms.Form):
    """Upload a register of programmes or a list of partners (CSV or XLSX) for a dry-run preview."""

    file = forms.FileField(
        label=_("file"),
        help_text=_("CSV (UTF-8 or GB18030) or XLSX, as published; the headings it may use are listed above."),
    )

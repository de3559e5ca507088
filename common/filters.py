"""Filter pieces shared by every list: slugs, years and the folded text search."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError

from common.dates import validate_year
from common.models import exceeds_max_length
from common.text import MAX_QUERY_LENGTH, text_search


class SlugField(django_filters.fields.ModelChoiceField):
    """A related entry by its slug; a value longer than any slug is refused without a query."""

    def to_python(self, value):
        if value not in self.empty_values and exceeds_max_length(self.queryset.model, self.to_field_name, value):
            max_length = self.queryset.model._meta.get_field(self.to_field_name).max_length
            raise ValidationError(self.error_messages["too_long"], code="too_long", params={"max": max_length})
        return super().to_python(value)


class SlugFilter(django_filters.ModelChoiceFilter):
    """A filter by the slug of a related entry; an unknown slug is a form error.

    ``choice_label(entry)`` names an entry in the select (its ``str`` by default).
    """

    field_class = SlugField

    def __init__(self, *args, choice_label=str, **kwargs):
        self.choice_label = choice_label
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault(
            "error_messages",
            {
                "invalid_choice": "There is no entry with the slug “%(value)s”.",
                "too_long": "There is no entry with a slug this long: a slug has at most %(max)s characters.",
            },
        )
        super().__init__(*args, **kwargs)


class YearInput(forms.TextInput):
    """A text box for one year that hands the field every value given for it, so that
    ``year_from=0&year_from=1950`` is an error rather than a silent choice of one of them.

    A text box: a number input would make a mistyped value ("abc") invalid HTML when the
    form is shown again with its error.
    """

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "size": 6, "autocomplete": "off", **(attrs or {})})

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else []
        return values if len(values) > 1 else super().value_from_datadict(data, files, name)

    def format_value(self, value):
        return ", ".join(value) if isinstance(value, list) else super().format_value(value)


class YearField(forms.IntegerField):
    """A year in the range every page can draw (``dates.MIN_YEAR``–``dates.MAX_YEAR``)."""

    widget = YearInput
    default_validators = [validate_year]

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", {"invalid": "Enter a year as a whole number, e.g. 1950."})
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, list):
            raise ValidationError("Give one year, not several.", code="several")
        return super().to_python(value)


class YearFilter(django_filters.NumberFilter):
    """A year in the one range of years; anything else is a form error, never a server error."""

    field_class = YearField


class YearRangeForm(forms.Form):
    """The form of a list filtered by ``year_from`` and ``year_to``: the range must run forwards."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("year_from"), cleaned.get("year_to")
        if start and end and start > end:
            raise forms.ValidationError("“From year” is after “to year”.")
        return cleaned


class SearchInput(forms.TextInput):
    input_type = "search"


class SearchFilter(django_filters.CharFilter):
    """Folded text search: every word must be in the entry's ``search_name`` or
    ``search_text`` (or satisfy ``extra(word)``, e.g. a designation code)."""

    def __init__(self, fields=("search_name", "search_text"), extra=None, **kwargs):
        self.search_fields = list(fields)
        self.word_match = extra  # (django-filter keeps the form field's options in .extra)
        kwargs.setdefault("label", "Words")
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        kwargs.setdefault("widget", SearchInput)
        super().__init__(**kwargs)

    def filter(self, qs, value):
        return text_search(qs, value, self.search_fields, self.word_match) if value else qs


MAX_OPTIONS = 100


class ShortChoicesMixin:
    """Selects that list at most ``MAX_OPTIONS`` choices, the most useful first.

    Any entry's slug is still accepted in the URL (links from entry pages use them); only
    the drop-down is shortened, so a page stays light with thousands of actors.
    ``short_choices`` maps a filter name to a function giving a queryset of entries,
    best first.
    """

    short_choices = {}

    def shorten_choices(self):
        """Give the form's selects their short lists; only pages call this, not exports."""
        form = self.form
        # The entries chosen, as the form found them: a raw value is never looked up again.
        chosen_entries = getattr(form, "cleaned_data", {})
        for name, entries in self.short_choices.items():
            field = form.fields[name]
            options = list(entries()[:MAX_OPTIONS])
            chosen = chosen_entries.get(name)
            if chosen is not None and chosen not in options:
                options.insert(0, chosen)
            field.widget.choices = [("", field.empty_label), *((o.slug, str(o)) for o in options)]

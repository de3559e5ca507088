"""Filter pieces shared by every list: slugs, years and the folded text search."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from common.dates import validate_year
from common.models import exceeds_max_length
from common.text import MAX_QUERY_LENGTH, text_search


class RepeatableSelect(forms.Select):
    """A select for a parameter that may be repeated (``actor=a&actor=b``: either).

    It shows the first value chosen in the select and each further one as a ticked box
    beside it, which unticking removes: a reader can keep, change or drop every value
    without JavaScript. An empty choice ("Any…") adds no value.
    """

    template_name = "common/widgets/repeatable_select.html"

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return [value for value in values if value not in (None, "")]

    def format_value(self, value):
        if value is None:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        return [str(getattr(v, "slug", v)) for v in values]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        also = self.format_value(value)[1:]
        labels = {str(key): label for key, label in self.choices if str(key) in also} if also else {}
        context["widget"]["also"] = [(value, labels.get(value, value)) for value in also]
        return context

    def optgroups(self, name, value, attrs=None):
        return super().optgroups(name, self.format_value(value)[:1], attrs)


def given(value):
    """Whether a cleaned filter value asks for anything (an empty list of values does not)."""
    if value is None or value == "":
        return False
    if isinstance(value, list | tuple | QuerySet):
        return len(value) > 0
    return True


def filter_by_values(filter_, queryset, values):
    """The rows with any of ``values``: through the FilterSet's method named by the filter
    (given the list of values), or by the field. (django-filter's own ``method`` would be
    handed an empty list of entries as a value to filter by.)"""
    values = list(values or [])
    if not values:
        return queryset
    if filter_.list_method is not None:
        return getattr(filter_.parent, filter_.list_method)(queryset, filter_.field_name, values)
    return queryset.filter(**{f"{filter_.field_name}__in": values})


class SlugsField(django_filters.fields.ModelMultipleChoiceField):
    """Related entries by their slugs; a value longer than any slug is refused without a query."""

    widget = RepeatableSelect

    def clean(self, value):
        model, name = self.queryset.model, self.to_field_name
        for item in value or []:
            if exceeds_max_length(model, name, item):
                max_length = model._meta.get_field(name).max_length
                raise ValidationError(self.error_messages["too_long"], code="too_long", params={"max": max_length})
        return super().clean(value)


class SlugFilter(django_filters.ModelMultipleChoiceFilter):
    """A filter by the slugs of related entries, repeatable (OR); an unknown slug is a form error.

    ``choice_label(entry)`` names an entry in the select (its ``str`` by default). A
    ``method`` receives the list of entries chosen.
    """

    field_class = SlugsField

    def __init__(self, *args, choice_label=str, empty_label=None, method=None, **kwargs):
        self.choice_label = choice_label
        self.empty_label = empty_label
        self.list_method = method
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault(
            "error_messages",
            {
                "invalid_choice": "There is no entry with the slug “%(value)s”.",
                "too_long": "There is no entry with a slug this long: a slug has at most %(max)s characters.",
            },
        )
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        field = super().field
        # The select's first option, "Any…", which adds no value (see RepeatableSelect).
        field.empty_label = self.empty_label or "Any"
        return field

    def filter(self, qs, value):
        return filter_by_values(self, qs, value)


class ChoicesFilter(django_filters.MultipleChoiceFilter):
    """A filter by codes of a choice (a kind, a category), repeatable (OR); an unknown code is
    a form error. A ``method`` receives the list of codes chosen."""

    def __init__(self, *args, empty_label=None, method=None, **kwargs):
        self.empty_label = empty_label
        self.list_method = method
        kwargs.setdefault("widget", RepeatableSelect)
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        if not hasattr(self, "_field"):
            field = super().field
            # The select's first option, "Any…", which adds no value (see RepeatableSelect).
            field.widget.choices = [("", self.empty_label or "Any"), *field.choices]
        return self._field

    def filter(self, qs, value):
        return filter_by_values(self, qs, value)


class SortFilter(django_filters.ChoiceFilter):
    """The ``sort`` of a list: one of ``orders`` (a code -> (label, order_by fields)), each
    ending in a unique field; the list's own order when not given. An unknown code is a
    form error (a 400 on an export)."""

    def __init__(self, orders, **kwargs):
        self.orders = orders
        kwargs.setdefault("label", "Sort by")
        kwargs.setdefault("empty_label", None)
        kwargs.setdefault("null_label", None)
        super().__init__(choices=[(code, label) for code, (label, _fields) in orders.items()], **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.order_by(*self.orders[value][1])


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
            for chosen in reversed(list(chosen_entries.get(name) or [])):
                if chosen not in options:
                    options.insert(0, chosen)
            empty_label = self.filters[name].empty_label or "Any"
            field.widget.choices = [("", empty_label), *((o.slug, str(o)) for o in options)]

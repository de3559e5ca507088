"""Filter pieces shared by every list: slugs, years and the folded text search."""

import django_filters
from django import forms

from dprk_kb.dates import validate_year
from dprk_kb.search import MAX_QUERY_LENGTH, text_search


class SlugFilter(django_filters.ModelChoiceFilter):
    """A filter by the slug of a related entry; an unknown slug is a form error."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("error_messages", {"invalid_choice": "There is no entry with the slug “%(value)s”."})
        super().__init__(*args, **kwargs)


class YearField(forms.IntegerField):
    """A year in the range every page can draw (``dates.MIN_YEAR``–``dates.MAX_YEAR``)."""

    # A text box: a number input would make a mistyped value ("abc") invalid HTML when
    # the form is shown again with its error.
    widget = forms.TextInput(attrs={"inputmode": "numeric", "size": 6, "autocomplete": "off"})
    default_validators = [validate_year]

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", {"invalid": "Enter a year as a whole number, e.g. 1950."})
        super().__init__(**kwargs)


class YearFilter(django_filters.NumberFilter):
    """A year in the one range of years; anything else is a form error, never a server error."""

    field_class = YearField


class SearchFilter(django_filters.CharFilter):
    """Folded text search: every word must be in the entry's ``search_name`` or
    ``search_text`` (or satisfy ``extra(word)``, e.g. a designation code)."""

    def __init__(self, fields=("search_name", "search_text"), extra=None, **kwargs):
        self.search_fields = list(fields)
        self.word_match = extra  # (django-filter keeps the form field's options in .extra)
        kwargs.setdefault("label", "Words")
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
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
        for name, entries in self.short_choices.items():
            field = form.fields[name]
            options = list(entries()[:MAX_OPTIONS])
            chosen = self.data.get(name) if self.data else None
            if chosen and chosen not in {o.slug for o in options}:
                options[:0] = field.queryset.filter(slug=chosen)[:1]
            field.widget.choices = [("", field.empty_label), *((o.slug, str(o)) for o in options)]

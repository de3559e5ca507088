"""Pieces the admins of every app share: the base admin, the CSV action and links to related entries."""

from urllib.parse import urlencode

from concurrency.exceptions import RecordModifiedError
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import flatten_fieldsets, lookup_spawns_duplicates, unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html_join
from simple_history.admin import SimpleHistoryAdmin

from common.editing import VersionedForm
from common.exports import export_response
from common.history import FullChanges
from common.text import MAX_QUERY_LENGTH, matches, tokens
from common.transactions import reading

# The form field of an edit's reason, kept as its history record's change reason.
REASON = "change_reason"
REASON_LENGTH = 100  # django-simple-history's column


def csv_export_action(export_view):
    """An action exporting the selected rows as CSV, as the public ``export_view`` does:
    its columns, and its list's rows in their order, narrowed to the selection."""

    @admin.action(description="Download the selected rows as CSV (the public export’s columns)")
    def export_selected_as_csv(modeladmin, request, queryset):
        view = export_view(request=request)
        rows = view.get_queryset().filter(pk__in=queryset.values("pk"))
        return export_response(view.export(rows), "csv", f"{view.basename}-selected")

    return export_selected_as_csv


def changelist_links(links):
    """Links to admin change lists narrowed to one entry's relatives.

    ``links``: (label, "app_model", {"lookup": value}) triples.
    """
    rendered = (
        (reverse(f"admin:{model}_changelist") + "?" + urlencode(lookups), label) for label, model, lookups in links
    )
    return format_html_join(" · ", '<a href="{}">{}</a>', rendered)


class FoldedSearch:
    """The admin's search box matches as the site's search does: every word of the
    query, folded (no case, accents or apostrophes: "kusong" finds Kusŏng, "chuche"
    Chuch’e), occurs in one of ``folded_search_fields`` (the models' folded
    ``search_name``/``search_text`` columns, or those of related entries), or in one of
    the plain ``search_fields`` (slugs, codes, locators). An admin without folded
    columns searches as Django does. The matching is ``common.text``'s, shared with the
    site.
    """

    folded_search_fields = []

    def get_search_results(self, request, queryset, search_term):
        if not self.folded_search_fields:
            return super().get_search_results(request, queryset, search_term)
        words = tokens(search_term)
        if not words:
            return queryset, False
        plain = self.get_search_fields(request)

        def in_plain_fields(word):
            found = Q()
            for name in plain:
                found |= Q(**{f"{name}__icontains": word})
            return found

        condition = matches(self.folded_search_fields, words, in_plain_fields if plain else None)
        fields = [*self.folded_search_fields, *plain]
        duplicates = any(lookup_spawns_duplicates(self.opts, name) for name in fields)
        return queryset.filter(condition), duplicates


class EditorAdmin(FoldedSearch, SimpleHistoryAdmin):
    """What every admin of the knowledge base shares.

    - No silent overwrite: its forms carry the version they were loaded with and refuse a
      save made from an older one, showing both versions (``common.editing``).
    - History and revert: a revert restores the entry's fields and its many-to-many
      relations as they were in that version (``CitedAdmin`` adds its citations).
    - A reason for each change: the change form asks for it (optional; an addition is
      its own reason), and the entry's history record keeps it, and so do those of the
      inline rows saved with it (its citations). The history shows it beside every
      change in full, long texts word by word (``common.diffs``).
    - The search box folds as the site's search does (``FoldedSearch``).
    - Bad input in the history views' URLs is a 404, an over-long search is refused with
      a message, and a date drill-down into the year 9999 is an invalid lookup: never a
      server error.
    """

    form = VersionedForm
    change_form_template = "admin/kb/change_form.html"
    object_history_form_template = "admin/kb/history_form.html"
    object_history_list_template = "admin/kb/history_list.html"
    max_search_words = 20

    def get_changelist(self, request, **kwargs):
        return BoundedChangeList

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        names = flatten_fieldsets(fieldsets)
        if obj is not None and REASON not in names:
            fieldsets = [*fieldsets, ("Why", {"fields": [REASON]})]
        if "version" in names:
            return fieldsets
        return [*fieldsets, (None, {"fields": ["version"], "classes": ["hidden"]})]

    def save_model(self, request, obj, form, change):
        request.change_reason = form.cleaned_data.get(REASON) or None
        obj._change_reason = request.change_reason
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        # The inline rows saved with the entry (its citations) keep the entry's reason.
        for inline_form in formset.forms:
            inline_form.instance._change_reason = getattr(request, "change_reason", None)
        super().save_formset(request, form, formset, change)

    def get_historical_record_context_helper(self, request, historical_record):
        return FullChanges(self.model, historical_record)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method in ("GET", "HEAD"):
            # Only showing the form: a reader, not a writer holding up every save (SQLite).
            with reading(router.db_for_write(self.model)):
                return super().changeform_view(request, object_id, form_url, extra_context)
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except RecordModifiedError:
            # Saved by someone else between the form's check and its own save (the check
            # locks the row, so only a deletion gets here): run the view again, which now
            # shows the conflict. The failed attempt was rolled back.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_search_results(self, request, queryset, search_term):
        if len(search_term) > MAX_QUERY_LENGTH or len(search_term.split()) > self.max_search_words:
            self.message_user(
                request,
                f"Search for at most {self.max_search_words} words and {MAX_QUERY_LENGTH} characters.",
                messages.ERROR,
            )
            return queryset.none(), False
        return super().get_search_results(request, queryset, search_term)

    def history_view(self, request, object_id, extra_context=None):
        self._entry_pk(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """The form of one past version: saving it reverts the entry to that version."""
        record = self._version(object_id, version_id)
        request.reverting = record
        context = {
            "restored": self.restored_with(record),
            "record": record,
            "changes": self.changes_made(request, record),
            **(extra_context or {}),
        }
        alias = router.db_for_write(self.model)
        with transaction.atomic(using=alias) if request.method == "POST" else reading(alias):
            return super().history_form_view(request, object_id, version_id, context)

    def changes_made(self, request, record):
        """What ``record`` changed from the version before it, every word (None: the first)."""
        previous = record.prev_record
        if previous is None:
            return None
        return FullChanges(self.model, record).context_for_delta_changes(record.diff_against(previous))

    def restored_with(self, record):
        """What else a revert to ``record`` restores, for the revert page (see CitedAdmin)."""
        return {}

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            # The reason is the form's own field, not the model's.
            if "fields" not in kwargs:
                kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
            if kwargs["fields"] is not None:
                kwargs["fields"] = [name for name in kwargs["fields"] if name != REASON]
        form_class = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            form_class = type(form_class.__name__, (form_class,), {REASON: reason_field()})
        record = getattr(request, "reverting", None)
        if record is None:
            return form_class
        initial = {field.name: past_related_pks(record, field) for field in record._history_m2m_fields}
        initial[REASON] = f"Reverted to the version of {formats.date_format(record.history_date, 'j F Y, H:i')}"
        current = type(obj)._base_manager.filter(pk=obj.pk).values_list("version", flat=True).first()
        # The revert is an edit of the entry as it is now: it starts from today's version.
        initial["version"] = current

        class RevertForm(form_class):
            def __init__(self, *args, **form_kwargs):
                form_kwargs["initial"] = {**initial, **form_kwargs.get("initial", {})}
                super().__init__(*args, **form_kwargs)

        return RevertForm

    def _entry_pk(self, object_id):
        try:
            return self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError as error:
            raise Http404(f"There is no {self.model._meta.verbose_name} “{object_id}”.") from error

    def _version(self, object_id, version_id):
        pk = self._entry_pk(object_id)
        if not str(version_id).isdigit() or len(str(version_id)) > 18:
            raise Http404(f"There is no version “{version_id}”.")
        history = self.model.history.model
        return get_object_or_404(history, **{self.model._meta.pk.attname: pk, "history_id": int(version_id)})


def reason_field():
    return forms.CharField(
        label="Reason for this change",
        required=False,
        max_length=REASON_LENGTH,
        help_text="Optional, and kept in the entry’s history beside the change: what you corrected and "
        "from which source, e.g. “Date corrected from the Cold War article”. Citations saved with it keep it too.",
    )


class BoundedChangeList(ChangeList):
    """A change list whose date drill-down past the last day Python can hold (9999) is
    an invalid lookup, as Django treats other bad filters, instead of a server error."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error


def past_related_pks(record, field):
    """The primary keys a historical ``record`` held in its many-to-many ``field``."""
    column = f"{field.m2m_reverse_field_name()}_id"
    return [getattr(row, column) for row in getattr(record, field.name).all()]

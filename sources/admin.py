"""The editors' workplace for sources and citations, and the citation inline every
citable entry uses: quotes are checked against the archived text, and an entry cannot
be saved without at least one citation.

The quote picker: beside a citation's quote box, the archived text of the source chosen
(``static/js/quote-picker.js`` asks ``SourceAdmin.passages_view`` for it); selecting a
passage there fills the quote with the selected words and the locator with where they
are (``sources.locators``). Without JavaScript the form is the same, typed by hand, and
the quote is checked on save in either case.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import BooleanField, Count, ExpressionWrapper, Q
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.urls import path, reverse, reverse_lazy
from django.utils.html import format_html

from common.admin_tools import EditorAdmin, csv_export_action
from common.editing import VersionedForm, VersionedInlineFormSet
from sources.attributes import FIELDS, Attribute, allowed
from sources.kinds import kinds
from sources.locators import paragraph_locators
from sources.models import TARGET_FIELDS, Citation, Source
from sources.provenance import CONTRADICTED, check_value, many_to_many, stored_values
from sources.quotes import in_text, misquote, source_words
from sources.revert import citations_as_of, restore_citations
from sources.views import SourceExportView


class CitationForm(VersionedForm):
    """Refuses a quote that is not in the source's archived text, showing the closest passage."""

    class Meta:
        model = Citation
        fields = ["source", "quote", "locator", "attribute", "value", "reading", "via", "note", "version"]
        widgets = {
            # The quote picker finds the source's text at this address (see the module's docstring).
            "quote": forms.Textarea(
                attrs={"rows": 3, "data-passages-url": reverse_lazy("admin:sources_source_passages")}
            ),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    class Media:
        js = ["admin/js/jquery.init.js", "js/quote-picker.js"]

    def clean(self):
        cleaned = super().clean()
        source, quote = cleaned.get("source"), cleaned.get("quote")
        if source and (error := misquote(quote, source)):
            self.add_error("quote", error)
        elif source and source.text and quote:
            cleaned["quote"] = source_words(quote, source.text)  # the source's own quote marks
        if cleaned.get("via") and cleaned.get("via") == source:
            self.add_error("via", "A source cannot relay its own words: leave “via” empty.")
        if cleaned.get("value") and not cleaned.get("attribute"):
            self.add_error("attribute", "Name the attribute this value is for, e.g. “quantity”.")
        kind, attribute = self.target_kind(), cleaned.get("attribute")
        if kind and attribute and not allowed(kind, attribute):
            self.add_error(
                "attribute",
                f"“{Attribute(attribute).label}” is not among the attributes of this kind of entry ({kind}): "
                "choose one from its list, or leave it empty for the entry as a whole.",
            )
        return cleaned

    def target_kind(self):
        """The kind of entry this citation supports: its inline's, or the target chosen."""
        return getattr(self, "inline_kind", None) or next(
            (name for name in TARGET_FIELDS if self.cleaned_data.get(name)), None
        )


class CitationInlineFormSet(VersionedInlineFormSet):
    """At least one citation must remain: the knowledge base holds only sourced entries."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.inline_kind = self.fk.name
        return form

    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.has_changed() or form.instance.pk
            if not (self.can_delete and self._should_delete_form(form))
        ]
        if not kept:
            raise forms.ValidationError(
                "Every entry must cite at least one source: add a citation with a quote copied "
                "from the source before saving."
            )
        if errors := contradicted_changes(self.fk.name, self.instance, [form.instance for form in kept]):
            raise forms.ValidationError(errors)


def contradicted_changes(kind, entry, citations):
    """Messages for the changed fields of ``entry`` whose new value every one of its
    ``citations`` of that field contradicts (a change that comes with a citation for the
    new value is accepted)."""
    before = type(entry)._base_manager.filter(pk=entry.pk).first() if entry.pk else None
    errors = []
    for attribute in FIELDS[kind]:
        if many_to_many(type(entry), attribute):
            continue  # the entry form's new links are not on the entry before it is saved
        new = stored_values(kind, entry, attribute)
        if before is not None and new == stored_values(kind, before, attribute):
            continue
        for stored in new:
            finding = check_value(kind, entry, attribute, stored, citations)
            if finding.status == CONTRADICTED:
                cited = "; ".join(f"“{c.value}” ({c.source})" for c in finding.citations)
                errors.append(
                    f"The {finding.label} “{stored.text}” contradicts every citation of it: {cited}. Keep the "
                    f"cited value, or add a citation of the {finding.label} whose quote gives the new one."
                )
    return errors


class CitationInline(admin.StackedInline):
    model = Citation
    form = CitationForm
    formset = CitationInlineFormSet
    extra = 1
    autocomplete_fields = ["source", "via"]
    classes = ["citations"]
    verbose_name = "citation"
    verbose_name_plural = "citations (at least one: every fact needs its source’s exact words)"


class CitedAdmin(EditorAdmin):
    """An admin for an entry that must cite its sources: the citation inline comes first.

    Reverting such an entry to a past version restores its citations as they were then.
    """

    inlines = [CitationInline]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Citation:
            warn_unchecked(self, request, [f.instance for f in formset.forms if f.has_changed() and f.instance.pk])

    def restored_with(self, record):
        entry = self.model._base_manager.filter(pk=record.id).first() or record.instance
        return {"citations": sorted(citations_as_of(entry, record).values(), key=lambda row: row.id)}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        record = getattr(request, "reverting", None)
        if record is None:
            return
        restored, removed, kept = restore_citations(obj, record, user=request.user, reason=request.change_reason)
        if restored or removed:
            self.message_user(
                request, f"Citations as in that version: {len(restored)} restored, {len(removed)} removed."
            )
        for citation in kept:
            self.message_user(
                request,
                f"Citation {citation.pk} now supports “{citation.target}” and is its only citation, "
                "so it was left there: add a citation to that entry first, then revert again.",
                messages.WARNING,
            )


def warn_unchecked(model_admin, request, citations):
    """Tell the editor which of the citations just saved no archived text can check."""
    for citation in citations:
        if not citation.source.text:
            model_admin.message_user(
                request,
                f"The quote from “{citation.source}” cannot be checked: that source has no archived text. "
                "Readers and exports show it as not checked; cite a source with its text where there is one.",
                messages.WARNING,
            )


class SourceForm(VersionedForm):
    """A change to a source's archived text may not take away a quote that cites it."""

    class Meta:
        model = Source
        fields = ["text"]  # the admin's fieldsets give the rest

    def clean_text(self):
        text = self.cleaned_data.get("text", "")
        source = self.instance
        if source.pk is None or text == source.text:
            return text
        citations = list(source.citations.select_related(*TARGET_FIELDS).order_by("pk"))
        if not text and citations:
            raise forms.ValidationError(
                f"{len(citations)} citation{'s' if len(citations) != 1 else ''} quote this text: without it "
                "their quotes could no longer be checked. Keep the text, or move those citations first."
            )
        broken = [c for c in citations if not in_text(c.quote, text)]
        if broken:
            listed = "; ".join(f"citation {c.pk} of “{c.target}”: “{c.quote[:80]}”" for c in broken[:10])
            more = f"; and {len(broken) - 10} more" if len(broken) > 10 else ""
            raise forms.ValidationError(
                f"The new text no longer holds {len(broken)} quote{'s' if len(broken) != 1 else ''} that cite "
                f"this source: {listed}{more}. Correct the text, or those citations first."
            )
        return text


@admin.register(Source)
class SourceAdmin(EditorAdmin):
    list_display = ["title", "slug", "kind", "publisher", "published", "reliability", "archived", "citations_link"]
    list_filter = ["kind", "reliability", "language"]
    search_fields = ["slug"]
    folded_search_fields = ["search_name", "search_text"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["cites"]
    readonly_fields = ["cited_entries"]
    actions = [csv_export_action(SourceExportView)]
    form = SourceForm
    # An address typed without a scheme is taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "publisher", "authors", ("published", "published_precision")]}),
        ("Where and how far to trust it", {"fields": ["url", "language", "reliability", "notes"]}),
        ("Text and bibliography", {"fields": ["text", "cites", "cited_entries"]}),
    ]

    def get_urls(self):
        passages = path("passages/", self.admin_site.admin_view(self.passages_view), name="sources_source_passages")
        return [passages, *super().get_urls()]

    def passages_view(self, request):
        """The archived text of ``?source=<id>`` as JSON, paragraph by paragraph with each
        one's locator, for the quote picker; staff who may view sources only."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        pk = request.GET.get("source", "")
        if not pk.isdigit() or len(pk) > 18:
            raise Http404("Choose a source.")
        source = Source.objects.filter(pk=int(pk)).only("pk", "title", "text").first()
        if source is None:
            raise Http404("There is no such source.")
        paragraphs = [
            {"number": number, "text": text, "kind": kind, "locator": locator}
            for number, (text, kind, locator) in enumerate(paragraph_locators(source.text), start=1)
        ]
        return JsonResponse({"title": source.title, "paragraphs": paragraphs})

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer("text")
            .annotate(citation_count=Count("citations"), has_text=ExpressionWrapper(~Q(text=""), BooleanField()))
            .order_by("title", "slug")
        )

    def get_search_results(self, request, queryset, search_term):
        found, duplicates = super().get_search_results(request, queryset, search_term)
        if "/autocomplete/" in request.path:  # choosing a citation's source: quotable texts first
            found = found.order_by("-has_text", "title", "slug")
        return found, duplicates

    @admin.display(description="archived text", boolean=True)
    def archived(self, source):
        return source.has_text

    @admin.display(description="citations", ordering="citation_count")
    def citations_link(self, source):
        url = reverse("admin:sources_citation_changelist") + f"?source__id__exact={source.pk}"
        return format_html('<a href="{}">{}</a>', url, source.citation_count)

    @admin.display(description="what cites it")
    def cited_entries(self, source):
        if not source.pk:
            return "—"
        url = reverse("admin:sources_citation_changelist") + f"?source__id__exact={source.pk}"
        count = source.citations.count()
        return format_html('<a href="{}">{} citation{}</a>', url, count, "" if count == 1 else "s")


class TargetFilter(admin.SimpleListFilter):
    title = "kind of entry"
    parameter_name = "target"

    def lookups(self, request, model_admin):
        return [(kind.name, kind.label) for kind in kinds()]

    def queryset(self, request, queryset):
        if self.value() in TARGET_FIELDS:
            return queryset.filter(**{f"{self.value()}__isnull": False})
        return queryset


class StandaloneCitationForm(CitationForm):
    class Meta(CitationForm.Meta):
        fields = [*CitationForm.Meta.fields, *TARGET_FIELDS]

    def clean(self):
        cleaned = super().clean()
        targets = [name for name in TARGET_FIELDS if cleaned.get(name)]
        if len(targets) != 1:
            raise forms.ValidationError("A citation supports exactly one entry: choose one, and only one, target.")
        citation = self.instance
        moved = citation.pk and (citation.target_field, citation.target_id) != (targets[0], cleaned[targets[0]].pk)
        if (
            moved
            and not Citation.objects.filter(**{citation.target_field: citation.target_id})
            .exclude(pk=citation.pk)
            .exists()
        ):
            raise forms.ValidationError(
                f"This is the only citation of the {citation.target._meta.verbose_name} “{citation.target}”: moving "
                "it would leave that entry without a source. Add another citation to it first."
            )
        return cleaned


@admin.register(Citation)
class CitationAdmin(EditorAdmin):
    form = StandaloneCitationForm
    list_display = ["pk", "source", "target_link", "attribute", "value", "locator", "short_quote"]
    list_filter = [TargetFilter, "source", "attribute"]
    search_fields = ["value", "locator", "attribute"]
    folded_search_fields = ["search_text"]
    list_select_related = ["source", *TARGET_FIELDS]
    autocomplete_fields = ["source", "via", *TARGET_FIELDS]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("source__text")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        warn_unchecked(self, request, [obj])

    @admin.display(description="supports")
    def target_link(self, citation):
        target = citation.target
        if target is None:
            return "—"
        opts = target._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[target.pk])
        return format_html('<a href="{}">{}: {}</a>', url, opts.verbose_name, target)

    @admin.display(description="quote")
    def short_quote(self, citation):
        return citation.quote[:90] + ("…" if len(citation.quote) > 90 else "")

    def delete_view(self, request, object_id, extra_context=None):
        citation = self.get_object(request, object_id)
        if request.method == "POST" and citation and last_citations(Citation.objects.filter(pk=citation.pk)):
            self.message_user(request, refusal(citation), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:sources_citation_change", args=[citation.pk]))
        return super().delete_view(request, object_id, extra_context)

    def delete_queryset(self, request, queryset):
        kept = last_citations(queryset)
        for citation in kept:
            self.message_user(request, refusal(citation), messages.ERROR)
        super().delete_queryset(request, queryset.exclude(pk__in=[c.pk for c in kept]))


def refusal(citation):
    return (
        f"Citation {citation.pk} was not deleted: it is the last source of {citation.target_field} "
        f"“{citation.target}”, and every entry must cite at least one source."
    )


def last_citations(queryset):
    """The citations of ``queryset`` whose entry would be left with no citation without them."""
    chosen = list(queryset.select_related(*TARGET_FIELDS))
    ids = [c.pk for c in chosen]
    kept = []
    for name in TARGET_FIELDS:
        targets = {getattr(c, f"{name}_id") for c in chosen} - {None}
        if not targets:
            continue
        still_cited = set(
            Citation.objects.filter(**{f"{name}__in": targets}).exclude(pk__in=ids).values_list(f"{name}_id", flat=True)
        )
        kept += [c for c in chosen if getattr(c, f"{name}_id") in targets - still_cited]
    return kept

"""The editors' workplace for equipment, designations, transfers and images."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html, format_html_join

from common.admin_tools import EditorAdmin, changelist_links, csv_export_action
from common.editing import VersionedForm, VersionedInlineFormSet
from equipment.images import MAX_BYTES, PIXEL_LIMITS, STORED_SIDE, clean_upload
from equipment.models import Designation, Equipment, Image, Transfer
from equipment.views import EquipmentExportView, TransferExportView
from sources.admin import CitationInline, CitedAdmin
from sources.models import Citation, Source
from sources.quotes import misquote


class ImageForm(VersionedForm):
    """Accepts only real JPEG, PNG and WebP images; stores them re-encoded with a thumbnail."""

    # A plain file field: every check, with its own message, is clean_upload's.
    image = forms.FileField(
        help_text=f"A JPEG, PNG or WebP image of at most {MAX_BYTES // 2**20} MB and at most {PIXEL_LIMITS}. "
        f"It is stored at most {STORED_SIDE:,} pixels on its longer side, scaled down if larger."
    )

    class Meta:
        model = Image
        fields = ["image", "alt_text", "caption", "credit", "source", "equipment", "event", "version"]

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            self.clean_image_result = clean_upload(upload)
        return upload

    def save(self, commit=True):
        image = super().save(commit=False)
        result = getattr(self, "clean_image_result", None)
        if result is not None:
            image.image = result.image
            image.thumbnail = result.thumbnail
            image.width, image.height = result.width, result.height
        if commit:
            image.save()
        return image


class ImageInline(admin.StackedInline):
    model = Image
    form = ImageForm
    formset = VersionedInlineFormSet
    extra = 0
    fields = ["image", "alt_text", "caption", "credit", "source", "preview", "version"]
    readonly_fields = ["preview"]
    autocomplete_fields = ["source"]

    @admin.display(description="thumbnail")
    def preview(self, image):
        if not image.thumbnail:
            return "—"
        return format_html('<img src="{}" alt="{}" width="200">', image.thumbnail.url, image.alt_text)


class DesignationInlineForm(VersionedForm):
    """A designation added beside its equipment brings its own citation: source and quote."""

    cite_source = forms.ModelChoiceField(
        queryset=Source.objects.defer("text"), required=False, label="source of this designation"
    )
    cite_quote = forms.CharField(
        required=False, label="quote", widget=forms.Textarea(attrs={"rows": 2}), help_text="The source’s exact words."
    )
    cite_locator = forms.CharField(required=False, label="locator")

    class Meta:
        model = Designation
        fields = ["code", "scheme", "note", "version"]

    def clean(self):
        cleaned = super().clean()
        source, quote = cleaned.get("cite_source"), cleaned.get("cite_quote")
        is_new = self.instance.pk is None
        if (is_new and not cleaned.get("DELETE")) and not (source and quote):
            raise forms.ValidationError("A new designation needs its source and the quote that gives the code.")
        if source and (error := misquote(quote, source)):
            self.add_error("cite_quote", error)
        return cleaned

    def save(self, commit=True):
        designation = super().save(commit=commit)
        if commit:
            self.save_citation(designation)
        return designation

    def save_citation(self, designation):
        source, quote = self.cleaned_data.get("cite_source"), self.cleaned_data.get("cite_quote")
        if source and quote:
            citation = Citation(
                designation=designation, source=source, quote=quote, locator=self.cleaned_data.get("cite_locator", "")
            )
            # Its history keeps the reason of the change it was saved with (EditorAdmin.save_formset).
            citation._change_reason = getattr(self.instance, "_change_reason", None)
            citation.save()


class DesignationInline(admin.TabularInline):
    model = Designation
    form = DesignationInlineForm
    formset = VersionedInlineFormSet
    extra = 0
    fields = ["code", "scheme", "note", "cite_source", "cite_quote", "cite_locator", "citations", "version"]
    readonly_fields = ["citations"]
    show_change_link = True

    @admin.display(description="cited by")
    def citations(self, designation):
        if not designation.pk:
            return "—"
        return format_html_join(", ", "{}", ((c.source.slug,) for c in designation.citations.all()))


@admin.register(Equipment)
class EquipmentAdmin(CitedAdmin):
    list_display = ["name", "slug", "category", "origin", "based_on", "first_observed"]
    list_filter = ["category", "origin"]
    search_fields = ["slug"]
    folded_search_fields = ["search_name", "search_text", "designations__search_name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["origin", "producer", "based_on"]
    list_select_related = ["origin", "based_on"]
    readonly_fields = ["related"]
    inlines = [DesignationInline, ImageInline, CitationInline]
    actions = [csv_export_action(EquipmentExportView)]
    fieldsets = [
        (None, {"fields": ["name", "slug", "aliases", "category", "summary"]}),
        (
            "Origin and lineage",
            {"fields": ["origin", "producer", "based_on", "first_observed", "first_observed_qualifier"]},
        ),
        ("Specifications", {"fields": [("caliber_mm", "weight_t"), ("crew", "range_km")]}),
        ("Related entries", {"fields": ["related"]}),
    ]

    @admin.display(description="linked from")
    def related(self, equipment):
        if not equipment.pk:
            return "—"
        return changelist_links(
            [
                ("events", "events_event", {"equipment__id__exact": equipment.pk}),
                ("transfers", "equipment_transfer", {"equipment__id__exact": equipment.pk}),
                ("derived designs", "equipment_equipment", {"based_on__id__exact": equipment.pk}),
                ("designations", "equipment_designation", {"equipment__id__exact": equipment.pk}),
            ]
        )


@admin.register(Designation)
class DesignationAdmin(CitedAdmin):
    list_display = ["code", "scheme", "equipment"]
    list_filter = ["scheme"]
    search_fields = ["code"]
    folded_search_fields = ["search_name", "search_text", "equipment__search_name"]
    autocomplete_fields = ["equipment"]
    list_select_related = ["equipment"]


@admin.register(Transfer)
class TransferAdmin(CitedAdmin):
    list_display = ["slug", "supplier", "recipient", "what", "quantity_display", "delivery_display", "status"]
    list_filter = ["status", "supplier", "recipient"]
    search_fields = ["slug"]
    folded_search_fields = [
        "search_name",
        "search_text",
        "supplier__search_name",
        "recipient__search_name",
        "equipment__search_name",
    ]
    autocomplete_fields = ["supplier", "recipient", "equipment"]
    list_select_related = ["supplier", "recipient", "equipment"]
    actions = [csv_export_action(TransferExportView)]
    fieldsets = [
        (None, {"fields": ["slug", "supplier", "recipient", "equipment", "item", "status"]}),
        ("Quantity, as the source words it", {"fields": [("quantity_low", "quantity_high"), "quantity_wording"]}),
        ("Years", {"fields": ["order_year", ("delivery_start", "delivery_end")]}),
        (None, {"fields": ["comments"]}),
    ]


@admin.register(Image)
class ImageAdmin(EditorAdmin):
    form = ImageForm
    list_display = ["pk", "alt_text", "caption", "equipment", "event"]
    search_fields = ["caption", "alt_text", "credit"]
    autocomplete_fields = ["equipment", "event", "source"]
    list_select_related = ["equipment", "event"]

    def get_fields(self, request, obj=None):
        return ["image", "alt_text", "caption", "credit", "source", "equipment", "event", "version"]

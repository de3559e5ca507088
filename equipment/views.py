"""Equipment, designation and transfer pages, and the equipment's and transfers' exports."""

from collections import defaultdict

from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import TemplateView

from common.folding import fold
from common.listing import ExportView, FilteredListView, absolute_url_builder
from common.models import exceeds_max_length
from equipment.exports import equipment_columns, transfer_columns
from equipment.filters import EquipmentFilter, TransferFilter
from equipment.lineage import lineage, tree_size
from equipment.models import Designation, Equipment, Scheme, Transfer
from events.models import Event
from sources.models import citations_prefetch
from sources.views import CitedDetailView

SPECIFICATIONS = [
    ("category", "Category"),
    ("origin", "Origin"),
    ("producer", "Producer"),
    ("based_on", "Based on"),
    ("caliber_mm", "Calibre (mm)"),
    ("weight_t", "Weight (t)"),
    ("crew", "Crew"),
    ("range_km", "Range (km)"),
    ("first_observed", "First observed"),
]


def number(value):
    """170.0 -> "170", 40.50 -> "40.5"."""
    if value is None:
        return None
    return format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)


class EquipmentList:
    filterset_class = EquipmentFilter

    def get_queryset(self):
        return Equipment.objects.for_list()


class EquipmentListView(EquipmentList, FilteredListView):
    template_name = "equipment/equipment_filter.html"


class EquipmentExportView(EquipmentList, ExportView):
    basename = "equipment"

    def columns(self):
        return equipment_columns(absolute_url_builder(self.request, "equipment:equipment-detail"))


class EquipmentDetailView(CitedDetailView):
    model = Equipment

    def get_queryset(self):
        return Equipment.objects.select_related("origin", "producer", "based_on").prefetch_related(
            Prefetch(
                "designations",
                queryset=Designation.objects.prefetch_related(citations_prefetch()).order_by("scheme", "code"),
            ),
            Prefetch("transfers", queryset=Transfer.objects.for_list()),
            Prefetch("events", queryset=Event.objects.chronological().select_related("place")),
            citations_prefetch(),
            "images__source",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        equipment = self.object
        disputed = {d.attribute: d for d in context["disputes"]}
        specs = []
        for attribute, label in SPECIFICATIONS:
            value = getattr(equipment, attribute)
            if attribute == "category":
                value = equipment.get_category_display()
            elif attribute in ("caliber_mm", "weight_t", "range_km"):
                value = number(value)
            elif attribute == "first_observed" and value and equipment.first_observed_qualifier:
                value = f"{equipment.first_observed_qualifier} {value}"  # "by 1992"
            specs.append({"attribute": attribute, "label": label, "value": value, "dispute": disputed.get(attribute)})
        context["specs"] = specs
        context["ancestors"], context["tree"] = lineage(equipment)
        context["tree_width"], context["tree_height"] = tree_size(context["tree"])
        # Other equipment sharing a code with this one: a designation is ambiguous.
        codes = [d.code for d in equipment.designations.all()]
        shared = (
            Designation.objects.filter(code__in=codes)
            .exclude(equipment=equipment)
            .values_list("code")
            .annotate(n=Count("equipment", distinct=True))
        )
        context["shared_codes"] = dict(shared)
        return context


class DesignationIndexView(TemplateView):
    """Every code, grouped by naming scheme, with the equipment each names; codes that
    name more than one equipment type (under any scheme) are marked ambiguous."""

    template_name = "equipment/designation_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        named = defaultdict(list)  # (scheme, code) -> the equipment it names there
        everywhere = defaultdict(set)  # code -> every equipment it names, under any scheme
        for designation in Designation.objects.for_index():
            named[designation.scheme, designation.code].append(designation.equipment)
            everywhere[designation.code].add(designation.equipment_id)
        rows = defaultdict(list)  # scheme -> its codes, each with what it names
        for (scheme, code), equipment in named.items():
            equipment.sort(key=lambda item: fold(item.name))
            rows[scheme].append({"code": code, "equipment": equipment, "names": len(everywhere[code])})
        context["schemes"] = [
            {"scheme": scheme, "codes": sorted(rows[scheme], key=lambda row: (fold(row["code"]), row["code"]))}
            for scheme in Scheme
            if rows[scheme]
        ]
        context["code_count"] = len(everywhere)
        context["ambiguous_count"] = sum(1 for ids in everywhere.values() if len(ids) > 1)
        return context


class DesignationDetailView(TemplateView):
    """Every equipment known by one code, under every naming scheme. A code written
    otherwise (another case, no accents, a straight apostrophe) redirects to its page."""

    template_name = "equipment/designation_detail.html"

    def get(self, request, *args, **kwargs):
        code = self.kwargs["code"]
        # Refused before any query: no code is this long or holds a NUL character.
        if "\x00" in code or exceeds_max_length(Designation, "code", code) or not fold(code):
            raise Http404("No equipment is known by this designation.")
        designations = list(
            Designation.objects.written_like(code)
            .select_related("equipment__origin")
            .prefetch_related(citations_prefetch())
            .order_by("equipment__name", "scheme")
        )
        if not designations:
            raise Http404(f"No equipment is known by the designation {code!r}.")
        codes = sorted({d.code for d in designations})
        if len(codes) == 1 and codes[0] != code:
            return redirect(designations[0], permanent=True)
        context = self.get_context_data(
            code=" / ".join(codes),  # several codes written alike are shown together
            designations=designations,
            equipment_count=len({d.equipment_id for d in designations}),
        )
        return self.render_to_response(context)


class TransferList:
    filterset_class = TransferFilter

    def get_queryset(self):
        return Transfer.objects.for_list()


class TransferListView(TransferList, FilteredListView):
    template_name = "equipment/transfer_filter.html"


class TransferExportView(TransferList, ExportView):
    basename = "transfers"

    def columns(self):
        return transfer_columns(absolute_url_builder(self.request, "equipment:transfer-detail"))


class TransferDetailView(CitedDetailView):
    model = Transfer

    def get_queryset(self):
        return Transfer.objects.select_related("supplier", "recipient", "equipment").prefetch_related(
            citations_prefetch()
        )

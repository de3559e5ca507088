"""/data/: the whole knowledge base as one Frictionless Data Package, and its data dictionary."""

import datetime

from django.http import FileResponse
from django.views import View
from django.views.generic import TemplateView

from dprk_kb.datapackage import FILENAME, LICENSE, LICENSE_NOTE, cached_package, tables
from dprk_kb.version import current_version


class DataView(TemplateView):
    """What the package holds (rows per table, version, licence, size), its download, and
    the data dictionary: every table, every column, every code with its label."""

    template_name = "data.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        built = cached_package(current_version())
        rows = {resource["name"]: resource["rows"] for resource in built.package["resources"]}
        context.update(
            package=built.package,
            size=built.size,
            tables=[(table, rows[table.name]) for table in tables()],
            license=LICENSE,
            license_note=LICENSE_NOTE,
            filename=FILENAME,
            created=datetime.datetime.fromisoformat(built.package["created"]),
            data_changed=datetime.datetime.fromisoformat(built.package["dataChanged"])
            if built.package["dataChanged"]
            else None,
        )
        return context


class DataPackageView(View):
    """The package of the data as it is now, built once per version and then served from its file."""

    def get(self, request):
        built = cached_package(current_version())
        response = FileResponse(
            built.path.open("rb"),
            as_attachment=True,
            filename=f"dprk-kb-{built.package['version']}.zip",
            content_type="application/zip",
        )
        response["ETag"] = f'"{built.path.stem}"'
        return response

"""“Cite this page”: a reference to an entry's page, for readers and reference managers.

Every entry page shows a formatted reference (``templates/includes/cite.html``) and links
to the same reference as CSL-JSON (``cite.json`` beside the page), the format Zotero, Mendeley and
other reference managers import. Both carry the knowledge base's version
(``dprk_kb.version``), so that a reader can tell which state of the data was cited.
"""

import json
from dataclasses import dataclass

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views import View

from common.models import exceeds_max_length
from dprk_kb.datapackage import LICENSE
from dprk_kb.version import TITLE, Version, current_version
from equipment.models import Designation

CSL_JSON = "application/vnd.citationstyles.csl+json"


def entry_title(entry):
    """The title an entry's page is cited by: a designation's page is its code's."""
    if isinstance(entry, Designation):
        return f"Designation {entry.code}"
    return str(entry)


@dataclass(frozen=True)
class Reference:
    """A reference to the page at ``path`` as it is on ``accessed``, in ``version``."""

    title: str
    url: str  # the page's absolute address
    path: str
    csl_url: str  # the address of its CSL-JSON
    version: Version
    accessed: object  # a date

    @property
    def csl_filename(self):
        return "-".join(self.path.strip("/").split("/")) + ".json"

    def csl(self):
        """The reference as one CSL-JSON item."""
        item = {
            "id": "dprk-kb" + self.path.rstrip("/"),
            "type": "webpage",
            "title": self.title,
            "container-title": TITLE,
            "publisher": TITLE,
            "URL": self.url,
            "accessed": _date_parts(self.accessed),
            "version": self.version.number,
            "language": "en",
            "note": f"Knowledge base version {self.version.number}; {LICENSE['title']} ({LICENSE['name']}).",
        }
        if self.version.date:
            item["issued"] = _date_parts(self.version.date)
        return item


def _date_parts(day):
    return {"date-parts": [[day.year, day.month, day.day]]}


def reference(request, entry, version=None):
    """The reference to ``entry``'s page, as seen by ``request``."""
    path = entry.get_absolute_url()
    key = "code" if isinstance(entry, Designation) else "slug"
    return Reference(
        title=entry_title(entry),
        url=request.build_absolute_uri(path),
        path=path,
        csl_url=reverse(f"{entry._meta.model_name}-cite", args=[getattr(entry, key)]),
        version=version or current_version(),
        accessed=timezone.localdate(),
    )


class CiteView(View):
    """The CSL-JSON of one entry's page: a list of one item, as reference managers import it."""

    model = None
    key = "slug"

    def get(self, request, **kwargs):
        value = kwargs[self.key]
        if "\x00" in value or exceeds_max_length(self.model, self.key, value):
            raise Http404("No entry has this address.")
        lookup = {f"{self.key}__iexact": value} if self.key == "code" else {self.key: value}
        entry = self.model._default_manager.filter(**lookup).order_by("pk").first()
        if entry is None:
            raise Http404("No entry has this address.")
        text = json.dumps([reference(request, entry).csl()], ensure_ascii=False, indent=2)
        return HttpResponse(text + "\n", content_type=f"{CSL_JSON}; charset=utf-8")

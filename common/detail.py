"""What the page of every entry shares: finding it by the slug in its address."""

from django.http import Http404
from django.views.generic import DetailView

from common.listing import KeptPage
from common.models import exceeds_max_length


class SlugDetailView(KeptPage, DetailView):
    """The page of one entry, by its slug; a slug longer than any entry's is a 404
    before any query. Kept under the data's stamp (``KeptPage``)."""

    slug_field = "slug"

    @property
    def kept_model(self):
        return self.model

    def get_object(self, queryset=None):
        slug = self.kwargs.get(self.slug_url_kwarg)
        if slug is not None and exceeds_max_length(self.model, self.slug_field, slug):
            raise Http404("No entry has a slug this long.")
        return super().get_object(queryset)

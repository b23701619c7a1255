"""The ceiling for benchmarks/scale.py: Sinergi's URLs plus a bare django-filter FilterView over the same table,
with the same page size and order, a plain template, and the same search index and bounded count."""

import django_filters
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.template import engines
from django.urls import path
from django_filters.views import FilterView

from agreements.models import Agreement
from agreements.search import tsquery
from sinergi.pagination import BoundedCountPaginator
from sinergi.urls import urlpatterns as sinergi_urlpatterns

TEMPLATE = engines["django"].from_string(
    "<table>{% for agreement in page_obj %}<tr><td>{{ agreement.subject }}</td><td>{{ agreement.number }}</td>"
    "<td>{{ agreement.signed_on }}</td><td>{{ agreement.ends_on }}</td></tr>{% endfor %}</table>"
    "{{ page_obj.paginator.count }}"
)


class BareFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search")

    class Meta:
        model = Agreement
        fields = []

    def search(self, queryset, name, value):
        matches = RawSQL(
            "agreements_agreement.search_document @@ to_tsquery('simple', %s)",
            [tsquery(value)],
            output_field=BooleanField(),
        )
        return queryset.alias(search_matches=matches).filter(search_matches=True)


class BareList(FilterView):
    filterset_class = BareFilter
    queryset = Agreement.objects.order_by("-signed_on", "-pk")
    paginate_by = 25

    def get_paginator(self, queryset, per_page, **kwargs):
        if self.request.GET.get("q"):
            return BoundedCountPaginator(queryset, per_page)
        return super().get_paginator(queryset, per_page, **kwargs)

    def get_template_names(self):
        return []

    def render_to_response(self, context, **kwargs):
        from django.http import HttpResponse

        return HttpResponse(TEMPLATE.render(context, self.request))


urlpatterns = [path("bare/", BareList.as_view()), *sinergi_urlpatterns]

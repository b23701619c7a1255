"""Filter pieces every list uses: ordering labels in the reader's language, and choices scoped to the user."""

import django_filters
from django.db.models import F
from django.utils.functional import lazy
from django.utils.translation import gettext as _


def _descending_label(label):
    return _("%(field)s, urutan menurun") % {"field": label}


descending_label = lazy(_descending_label, str)


class TranslatedDescendingMixin:
    """django-filter writes "<label> (descending)" once, when the module is imported: in whatever language is
    active then, with a suffix it has no Indonesian for. These are worded like the register's ordering line
    and translated each time the form is shown."""

    def build_choices(self, fields, labels):
        descending = {f"-{param}": descending_label(labels.get(field, param)) for field, param in fields.items()}
        return super().build_choices(fields, {**descending, **labels})


class NullsLastOrderingFilter(TranslatedDescendingMixin, django_filters.OrderingFilter):
    """Ordering where rows without a value always come last, on every database, and ties fall back to
    `tie_breakers` (default: the primary key) so that pages never repeat or skip a row."""

    def __init__(self, *args, tie_breakers=("pk",), **kwargs):
        self.tie_breakers = tie_breakers
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        ordering = []
        for param in value:
            field = self.get_ordering_value(param)
            expression = F(field.lstrip("-"))
            ordering.append(
                expression.desc(nulls_last=True) if field.startswith("-") else expression.asc(nulls_last=True)
            )
        return qs.order_by(*ordering, *self.tie_breakers)


class ScopedModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A choice of records offered and accepted only within what the user may read:
    `model.objects.<queryset_method>(user)` for the filterset's `user` (after readthedocs'
    FilteredModelChoiceFilter). An id outside it is refused like any invalid choice."""

    def __init__(self, *args, model, queryset_method="for_user", **kwargs):
        self.scoped_model = model
        self.queryset_method = queryset_method
        super().__init__(*args, **kwargs)

    def get_queryset(self, request):
        return getattr(self.scoped_model.objects, self.queryset_method)(self.parent.user)

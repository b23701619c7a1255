"""The read API: the same records as the pages, scoped by the same `for_user` querysets and filtered by the
same FilterSets, for the user whose token (or session) asks."""

import django_filters
from django.db.models import Prefetch
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets

from agreements.filters import AgreementFilter
from agreements.models import Agreement, FollowUp, FollowUpState
from exchange.api import serializers
from monitoring.filters import PartnerFilter
from partners.models import Partner
from programs.filters import ActivityFilter
from programs.models import Activity, AgreementProgram, Program


class ScopedFilterBackend(DjangoFilterBackend):
    """The list pages' FilterSets take the user, so that every choice (unit, program) is scoped to them."""

    def get_filterset_kwargs(self, request, queryset, view):
        return {**super().get_filterset_kwargs(request, queryset, view), "user": request.user}


class ScopedViewSet(viewsets.ReadOnlyModelViewSet):
    filter_backends = [ScopedFilterBackend]

    def filter_queryset(self, queryset):
        # A list's default filters (e.g. activities carried out only) must not hide one record asked for by id.
        if self.action == "retrieve":
            return queryset
        return super().filter_queryset(queryset)


class AgreementViewSet(ScopedViewSet):
    """Agreements the user may read (as on the agreements page), with their parties, programs and status today.
    The filters are the agreements page's."""

    serializer_class = serializers.AgreementSerializer
    filterset_class = AgreementFilter

    def get_queryset(self):
        programs = Prefetch("programs", queryset=AgreementProgram.objects.select_related("program").order_by("pk"))
        return (
            Agreement.objects.for_user(self.request.user)
            .with_status()
            .select_related("unit")
            .prefetch_related("parties__partner", programs)
            .order_by("-signed_on", "-pk")
        )


class PartnerViewSet(ScopedViewSet):
    """The national partner directory. The filters are the directory page's."""

    serializer_class = serializers.PartnerSerializer
    filterset_class = PartnerFilter

    def get_queryset(self):
        return Partner.objects.for_user(self.request.user).order_by("name", "pk")


class FixedChoicesFilterSet(django_filters.FilterSet):
    """A FilterSet whose choices are the same for everyone: it takes the user ScopedFilterBackend passes and
    needs nothing of it."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)


class ProgramFilter(FixedChoicesFilterSet):
    class Meta:
        model = Program
        fields = ["category", "is_active"]


class ProgramViewSet(ScopedViewSet):
    """The national program catalogue."""

    serializer_class = serializers.ProgramSerializer
    filterset_class = ProgramFilter

    def get_queryset(self):
        return Program.objects.for_user(self.request.user).select_related("category").order_by("pk")


class ActivityViewSet(ScopedViewSet):
    """Activities under the agreements the user may read. As on the activities page, cancelled activities are
    left out unless `cancelled=true`."""

    serializer_class = serializers.ActivitySerializer
    filterset_class = ActivityFilter

    def get_queryset(self):
        return (
            Activity.objects.for_user(self.request.user)
            .select_related("agreement_program__program")
            .order_by("-starts_on", "-pk")
        )


class FollowUpFilter(FixedChoicesFilterSet):
    """As the coverage matrix reads them: per national agreement, per unit, per state. Ids are numbers, not
    choices, so asking for another unit's record finds nothing rather than saying it exists."""

    agreement = django_filters.NumberFilter()
    unit = django_filters.NumberFilter()
    state = django_filters.ChoiceFilter(choices=FollowUpState.choices)

    class Meta:
        model = FollowUp
        fields = ["agreement", "unit", "state"]


class FollowUpViewSet(ScopedViewSet):
    """How each unit follows up the national and regional agreements: a UPT reads its own, a Kanwil its
    region's, Ditjenpas all."""

    serializer_class = serializers.FollowUpSerializer
    filterset_class = FollowUpFilter

    def get_queryset(self):
        return (
            FollowUp.objects.for_user(self.request.user)
            .select_related("agreement", "unit")
            .order_by("agreement_id", "unit__name", "pk")
        )

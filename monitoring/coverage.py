"""How far national agreements have been followed up: the coverage matrix (national agreements × Kanwil, down to
the UPT of one Kanwil), its printed version, and the home page's list of what waits for the user's unit.

Every figure comes from one grouped query over the follow-ups, so the page costs the same number of queries for
3 units as for 700."""

from collections import defaultdict

import django_filters
from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Exists, F, OuterRef, Q, When
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.cascade import FOLLOWED_UP_STATES, FollowUpState
from agreements.cascade_forms import UPT_KINDS, FollowUpStepForm
from agreements.models import Agreement, AgreementParty, FollowUp
from partners.models import Partner
from sinergi.printing import pdf_response, print_context, printed_by, render_pdf
from units.models import Unit

# The Kanwil a follow-up counts under: its unit's parent, or for a Cabang Rutan its parent's parent.
KANWIL_OF_UNIT = Case(
    When(unit__parent__kind=Unit.Kind.KANWIL, then=F("unit__parent_id")), default=F("unit__parent__parent_id")
)
WAITING_STATES = (FollowUpState.NOT_STARTED, FollowUpState.PLANNED)


class CoverageFilter(django_filters.FilterSet):
    sector = django_filters.ChoiceFilter(
        label=_("Sektor mitra"), choices=Partner.Sector.choices, method="filter_sector", empty_label=_("Semua sektor")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Jenis unit"),
        field_name="unit__kind",
        choices=[(kind.value, kind.label) for kind in UPT_KINDS],
        empty_label=_("Semua jenis"),
    )
    state = django_filters.ChoiceFilter(label=_("Tahap"), choices=FollowUpState.choices, empty_label=_("Semua tahap"))
    kanwil = django_filters.NumberFilter(label=_("Kanwil"), method="filter_kanwil", widget=forms.HiddenInput)

    class Meta:
        model = FollowUp
        fields = []

    def filter_sector(self, queryset, name, value):
        parties = AgreementParty.objects.filter(agreement=OuterRef("agreement_id"), partner__sector=value)
        return queryset.filter(Exists(parties))

    def filter_kanwil(self, queryset, name, value):
        return queryset.alias(kanwil_id=KANWIL_OF_UNIT).filter(kanwil_id=value)


def coverage(user, data):
    """The matrix as `data` filters it, within what `user` reads: rows of national agreements, each with one cell
    per column (a Kanwil, or with `kanwil` chosen, a UPT of it) and its totals."""
    filterset = CoverageFilter(data or None, queryset=FollowUp.objects.for_user(user))
    follow_ups = filterset.qs.order_by()
    kanwil_id = filterset.form.cleaned_data.get("kanwil") if filterset.is_valid() else None
    kanwil = Unit.objects.filter(pk=kanwil_id, kind=Unit.Kind.KANWIL).first() if kanwil_id else None
    column = "unit_id" if kanwil else "kanwil_id"
    counts = (
        follow_ups.annotate(kanwil_id=KANWIL_OF_UNIT)
        .values("agreement_id", column)
        .annotate(**{state.value: Count("pk", filter=Q(state=state.value)) for state in FollowUpState})
    )
    cells, agreement_ids, column_ids = defaultdict(dict), set(), set()
    for row in counts:
        cells[row["agreement_id"]][row[column]] = {state: row[state.value] for state in FollowUpState}
        agreement_ids.add(row["agreement_id"])
        column_ids.add(row[column])
    columns = list(Unit.objects.filter(pk__in=column_ids).only("pk", "name", "kind").order_by("name"))
    agreements = (
        Agreement.objects.for_user(user)
        .filter(pk__in=agreement_ids)
        .select_related("unit")
        .prefetch_related("parties__partner")
        .order_by("-signed_on", "pk")
    )
    rows = [matrix_row(agreement, cells[agreement.pk], columns) for agreement in agreements]
    return {"filter": filterset, "kanwil": kanwil, "columns": columns, "rows": rows, "states": list(FollowUpState)}


def matrix_row(agreement, cells, columns):
    per_column = []
    for unit in columns:
        counts = cells.get(unit.pk, {})
        total = sum(counts.values())
        done = sum(counts.get(state, 0) for state in FOLLOWED_UP_STATES)
        # Drilled down to one Kanwil, a column is one UPT: its single follow-up's state.
        state = next((s for s, n in counts.items() if n), None) if total == 1 else None
        # Said once here rather than in nested template loops: 1,650 cells at national size.
        parts = ", ".join(f"{each.label} {intcomma(count)}" for each, count in counts.items() if count)
        ratio = f"{intcomma(done)}/{intcomma(total)}"
        cell = {"unit": unit, "parts": parts, "ratio": ratio, "total": total, "done": done, "state": state}
        per_column.append({**cell, "counts": counts})
    return {
        "agreement": agreement,
        "cells": per_column,
        "total": sum(cell["total"] for cell in per_column),
        "done": sum(cell["done"] for cell in per_column),
    }


def may_see_coverage(user):
    return user.is_authenticated and (user.sees_everything or (user.unit and user.unit.kind == Unit.Kind.KANWIL))


@login_required
def coverage_matrix(request):
    if not may_see_coverage(request.user):
        raise PermissionDenied
    return render(request, "monitoring/coverage.html", coverage(request.user, request.GET))


@login_required
def coverage_pdf(request):
    user = request.user
    if not may_see_coverage(user):
        raise PermissionDenied
    context = {
        **coverage(user, request.GET),
        # The QR code leads to the page itself, with the same filters, for today's figures.
        **print_context(letterhead=Unit.objects.letterhead_for(user.unit), path=page_path(request)),
        "printed_by": printed_by(user),
        "today": timezone.localdate(),
    }
    pdf = render_pdf("monitoring/pdf/coverage.html", context)
    return pdf_response(pdf, f"cakupan-tindak-lanjut-{timezone.localdate():%Y%m%d}.pdf")


def page_path(request):
    query = request.GET.urlencode()
    return reverse("agreements:coverage") + (f"?{query}" if query else "")


def pending_follow_ups(user):
    """The home page's "Perjanjian nasional menunggu tindak lanjut": what waits for the user's own unit."""
    if not user.unit_id:
        return {"pending_follow_ups": []}
    waiting = (
        FollowUp.objects.filter(unit_id=user.unit_id, state__in=WAITING_STATES)
        .select_related("agreement__unit")
        .prefetch_related("agreement__parties__partner")
        .order_by("-agreement__signed_on", "pk")
    )
    can_edit = user.can_edit_unit_records(user.unit_id)
    items = list(waiting[:20])
    for item in items:
        item.step_form = FollowUpStepForm(instance=item, auto_id=f"step-{item.pk}-%s") if can_edit else None
    return {"pending_follow_ups": items, "pending_can_edit": can_edit}

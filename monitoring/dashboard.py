"""What a head reads at a glance, for one side of the unit tree (a unit and the units below it, or every unit):
the home page and a unit's page show the same figures. Each figure is one query, grouped where it is per unit,
per category or per month, so the number of queries never grows with the data."""

import datetime
from collections import Counter
from urllib.parse import urlencode

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.urls import reverse
from django.utils.formats import date_format

from agreements.filters import RUNNING
from agreements.models import Agreement, AgreementParty, Status
from monitoring.charts import bar_chart, column_chart
from monitoring.filters import PartnerStatusFilter
from monitoring.snapshots import computes
from partners.models import Partner
from programs.models import Activity, participants_sum
from units.models import Unit

ENDING_SOONEST = 10
DORMANT_SHOWN = 10
MONTHS_CHARTED = 12


def list_link(name, **query):
    return f"{reverse(name)}?{urlencode(query)}"


def dashboard(user, agreements, activities, list_query, today, figures=None):
    """The figures of `agreements` and `activities` (one side of the tree, already scoped to what `user` may
    read). `list_query` narrows the agreements list to the same agreements, so every count links to a list of
    exactly as many rows. `figures` are `dashboard_figures` read from a snapshot (wide sides), else counted now."""
    figures = figures or dashboard_figures(agreements, activities, today)
    counts = {status: figures["status_counts"][status.value] for status in Status}
    ending = (
        agreements.in_force(today)
        .select_related("unit")
        .prefetch_related("parties__partner")
        .order_by("ends_on", "pk")[:ENDING_SOONEST]
    )
    dormant = agreements.dormant(today).with_last_activity().select_related("unit").order_by("ends_on", "pk")
    months = [(date_format(datetime.date.fromisoformat(month), "M y"), count) for month, count in figures["months"]]
    return {
        "status_counts": [
            (status, count, list_link("agreements:list", status=status.value, **list_query))
            for status, count in counts.items()
        ],
        "total": sum(counts.values()),
        "ending": [(agreement, user.can_edit_unit_records(agreement.unit_id)) for agreement in ending],
        "running_count": counts[Status.IN_FORCE] + counts[Status.ENDING_SOON],
        "running_url": list_link("agreements:list", status=RUNNING, **list_query, o="ends_on"),
        "dormant": list(dormant[:DORMANT_SHOWN]),
        "dormant_count": figures["dormant_count"],
        "dormant_url": list_link("agreements:list", dormant="on", **list_query),
        "per_category": figures["per_category"],
        "sector_chart": bar_chart([(Partner.Sector(sector).label, count) for sector, count in figures["sectors"]]),
        "month_chart": column_chart(months),
        "today": today,
    }


def dashboard_figures(agreements, activities, today):
    """The counted part of the dashboard, as plain data (a snapshot keeps it as JSON): a query per figure."""
    return {
        "status_counts": {status.value: count for status, count in agreements.status_counts(today).items()},
        "dormant_count": agreements.dormant(today).count(),
        "per_category": activities_per_category(activities, today),
        "sectors": agreements_per_sector(agreements, today),
        "months": [(month.isoformat(), count) for month, count in activities_per_month(activities, today)],
    }


def activities_per_category(activities, today):
    """Activities carried out and their participants this month and this year, per program category, with a
    total row: [(category name, figures)], in the catalogue's order."""
    this_month = Q(starts_on__gte=today.replace(day=1))
    rows = (
        activities.carried_out()
        .filter(starts_on__year=today.year, starts_on__lte=today)
        .values("agreement_program__program__category__name", "agreement_program__program__category__order")
        .annotate(
            month_activities=Count("pk", filter=this_month),
            month_participants=Coalesce(Sum(participants_sum(), filter=this_month), 0),
            year_activities=Count("pk"),
            year_participants=Coalesce(Sum(participants_sum()), 0),
        )
        .order_by("agreement_program__program__category__order", "agreement_program__program__category__name")
    )
    rows = [(row.pop("agreement_program__program__category__name"), row) for row in rows]
    keys = ("month_activities", "month_participants", "year_activities", "year_participants")
    total = {key: sum(row[key] for _, row in rows) for key in keys}
    return {"rows": rows, "total": total}


def agreements_per_sector(agreements, today):
    """[(sector, agreements in force with a partner of that sector)], largest first. An agreement with
    partners of two sectors counts in both."""
    rows = (
        AgreementParty.objects.filter(agreement__in=agreements.in_force(today).values("pk"))
        .values("partner__sector")
        .annotate(count=Count("agreement_id", distinct=True))
        .order_by("-count", "partner__sector")
    )
    return [(row["partner__sector"], row["count"]) for row in rows]


def activities_per_month(activities, today):
    """[(first day of the month, activities carried out)] for the last MONTHS_CHARTED months, this one included,
    months without activities at 0."""
    months = [month_start(today, back) for back in range(MONTHS_CHARTED - 1, -1, -1)]
    rows = (
        activities.carried_out()
        .filter(starts_on__gte=months[0], starts_on__lte=today)
        .annotate(month=TruncMonth("starts_on"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = {row["month"]: row["count"] for row in rows}
    return [(month, counts.get(month, 0)) for month in months]


def month_start(today, back):
    """The first day of the month `back` months before today's."""
    index = today.year * 12 + today.month - 1 - back
    return datetime.date(index // 12, index % 12 + 1, 1)


# The units below -------------------------------------------------------------------------------------------------

UNIT_COLUMNS = ("name", "in_force", "ending_soon", "dormant", "activities")


def unit_figures(agreements, activities, today):
    """{unit id (as text, for JSON): {"in_force", "ending_soon", "dormant", "activities"}} for every unit owning
    some of `agreements` or `activities` (activities carried out this year): two grouped queries, whatever the
    number of units or agreements."""
    figures = {}
    for unit_id, row in agreements.figures_per_unit(today).items():
        figures[str(unit_id)] = {**row, "activities": 0}
    per_unit = (
        activities.carried_out()
        .filter(starts_on__year=today.year, starts_on__lte=today)
        .values_list("agreement_program__agreement__unit_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for unit_id, count in per_unit:
        figures.setdefault(str(unit_id), {"in_force": 0, "ending_soon": 0, "dormant": 0})["activities"] = count
    return figures


def units_below(unit, figures, order="name"):
    """One row per unit directly below `unit` (every Kanwil below Ditjenpas, every UPT below a Kanwil; for
    `unit` None, the units at the top), each counting its whole side of the tree as its own page does: in
    force, ending soon, dormant, activities this year, summed up the tree from `unit_figures`."""
    tree = dict(Unit.objects.values_list("pk", "parent_id"))
    names = dict(Unit.objects.values_list("pk", "name"))
    children = [pk for pk, parent in tree.items() if parent == (unit.pk if unit else None)]
    if unit is None and len(children) == 1:
        return units_below(Unit.objects.get(pk=children[0]), figures, order)
    top_of = {pk: top_below(pk, tree, set(children)) for pk in tree}
    rows = {pk: {"unit_id": pk, "name": names[pk], **dict.fromkeys(UNIT_COLUMNS[1:], 0)} for pk in children}
    for unit_id, row in figures.items():
        top = top_of.get(int(unit_id))
        if top in rows:
            for key, value in row.items():
                rows[top][key] += value
    key = order.lstrip("-")
    key = key if key in UNIT_COLUMNS else "name"
    return sorted(rows.values(), key=lambda row: (row[key], row["name"]), reverse=order.startswith("-"))


def top_below(pk, tree, tops):
    """The unit among `tops` that `pk` is, or is under; None when it is under none of them."""
    seen = 0
    while pk is not None and pk not in tops and seen < 10:
        pk, seen = tree.get(pk), seen + 1
    return pk if pk in tops else None


def side_activities(user, unit):
    """The activities of `unit`'s side of the tree that `user` may read."""
    return Activity.objects.for_user(user).filter(
        agreement_program__agreement__unit_id__in=Unit.objects.descendant_ids(unit)
    )


# Figures of a whole side, snapshotted when it is wide (monitoring/snapshots.py) ---------------------------------


@computes("home", version=2)
def home_figures(user, today):
    """What the home page counts for `user`: its side's dashboard and, when units stand below it, their table."""
    own = Agreement.objects.own_side(user)
    figures = {
        **dashboard_figures(own, Activity.objects.own_side(user), today),
        "unverified_count": own.unverified().count(),
    }
    if user.unit is None or user.unit.children.exists():
        figures["units"] = unit_figures(Agreement.objects.for_user(user), Activity.objects.for_user(user), today)
    return figures, sum(figures["status_counts"].values())


@computes("partner_status")
def partner_status_figures(user, today):
    """How many partners of `user`'s side stand at each status of their latest agreement, and in all."""
    partners = PartnerStatusFilter(
        None, queryset=Partner.objects.for_user(user), user=user, today=today, counting=True
    ).qs
    counts = Counter(partners.order_by().values_list("latest_status", flat=True))
    return {"counts": dict(counts), "total": sum(counts.values())}, Agreement.objects.own_side(user).count()

"""Questions asked of many agreements at once: scope, status, dormancy, links."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from agreements.models.status import (
    IN_FORCE_STATUSES,
    Status,
    last_day_in_force_by,
    last_day_in_force_expression,
    status_condition,
)
from agreements.verification import VerificationState
from programs.models import Activity
from units.models import Unit


class AgreementQuerySet(models.QuerySet):
    def for_user(self, user):
        """Agreements the user may read: its own unit's, those above it and, for a Kanwil or Ditjenpas,
        those of every unit below it."""
        if not user.is_authenticated:
            return self.none()
        unit_ids = user.visible_unit_ids
        if unit_ids is None:
            return self
        return self.filter(unit_id__in=unit_ids)

    def editable_by(self, user):
        """Agreements the user may change (`User.editable_unit_ids`)."""
        if not user.is_authenticated:
            return self.none()
        unit_ids = user.editable_unit_ids
        return self if unit_ids is None else self.filter(unit_id__in=unit_ids)

    def possible_parents_for(self, kind, unit):
        """The agreements that may hold an agreement of `kind` owned by `unit`: a PKS stands under an MoU of its
        own unit or of a unit above it (a national or regional MoU), or under a PKS of a unit above it (an
        implementing agreement); an addendum changes its own unit's MoU or PKS; an MoU stands under nothing.
        The one place this rule lives: `Agreement.clean()`, the forms, the admin and the pickers all ask it.
        Combine with `for_user()` for what a user is offered."""
        if unit is None:
            return self.none()
        if kind == self.model.Kind.PKS:
            above = {unit.pk for unit in unit.ancestors()}
            # Under a PKS of a unit above: an implementing agreement of a national or regional PKS.
            under_mou = Q(kind=self.model.Kind.MOU, unit_id__in={unit.pk, *above})
            return self.filter(under_mou | Q(kind=self.model.Kind.PKS, unit_id__in=above))
        if kind == self.model.Kind.ADENDUM:
            return self.filter(kind__in=[self.model.Kind.MOU, self.model.Kind.PKS], unit_id=unit.pk)
        return self.none()

    def possible_renewals_for(self, kind, unit):
        """The agreements an agreement of `kind` owned by `unit` may continue: the same kind, the same unit."""
        if unit is None or not kind:
            return self.none()
        return self.filter(kind=kind, unit_id=unit.pk)

    def under_unit(self, unit):
        """Agreements owned by `unit` or by any unit below it."""
        return self.filter(unit_id__in=Unit.objects.descendant_ids(unit))

    def own_side(self, user):
        """The agreements of the user's own side of the tree: its unit's and those of the units below it (a
        Kanwil's region). National and regional agreements above the unit are readable (`for_user`) but are not
        "ours" when counting what a unit has; Ditjenpas and administrators have every unit as their side."""
        agreements = self.for_user(user)
        if user.is_authenticated and user.unit is not None and not user.sees_everything:
            agreements = agreements.under_unit(user.unit)
        return agreements

    def spans_units_besides(self, unit_id):
        """Whether any of these agreements belongs to a unit other than `unit_id`: lists then say whose each
        row is. One indexed EXISTS, whatever the number of rows."""
        return unit_id is None or self.exclude(unit_id=unit_id).exists()

    def with_status(self, today=None):
        """Annotate `current_status` (a `Status` value), computed by the database from `status_condition`."""
        today = today or timezone.localdate()
        return self.annotate(
            current_status=Case(
                *[When(status_condition(status, today), then=Value(status.value)) for status in Status],
                output_field=models.CharField(),
            ),
        )

    def having_status(self, *statuses, today=None):
        """Agreements whose status is one of `statuses` today: the same rule as `with_status`, written as plain
        date comparisons so that the (unit, ends_on) and (unit, signed_on) indexes can serve it on large units."""
        today = today or timezone.localdate()
        condition = Q(pk__in=[])
        for status in statuses:
            condition |= status_condition(Status(status), today)
        return self.filter(condition)

    def status_counts(self, today=None):
        """{Status: number of these agreements with it today}, every status present, in one query: a
        `count(*) FILTER (WHERE …)` per status, with the same conditions as `having_status`, so a count and
        the list filtered to that status always agree."""
        today = today or timezone.localdate()
        counts = self.order_by().aggregate(
            **{status.value: models.Count("pk", filter=status_condition(status, today)) for status in Status}
        )
        return {status: counts[status.value] for status in Status}

    def figures_per_unit(self, today=None):
        """{unit id: {"in_force", "ending_soon", "dormant"}} for the units owning these agreements, in one grouped
        query (a `count(*) FILTER (WHERE …)` per figure, with the rules of `in_force`, `ending_soon` and
        `dormant`), whatever the number of units or agreements."""
        today = today or timezone.localdate()
        in_force = status_condition(Status.IN_FORCE, today) | status_condition(Status.ENDING_SOON, today)
        rows = (
            self.order_by()
            .values("unit_id")
            .annotate(
                in_force=models.Count("pk", filter=in_force),
                ending_soon=models.Count("pk", filter=status_condition(Status.ENDING_SOON, today)),
                dormant=models.Count("pk", filter=self._dormant_condition(today, None)),
            )
        )
        return {row.pop("unit_id"): row for row in rows}

    def in_force(self, today=None):
        return self.having_status(*IN_FORCE_STATUSES, today=today)

    def ending_soon(self, today=None):
        return self.having_status(Status.ENDING_SOON, today=today)

    def expiring_within(self, days, today=None):
        """In force today, with a last day in force at most `days` days from today."""
        today = today or timezone.localdate()
        return self.in_force(today).filter(last_day_in_force_by(today + timedelta(days=days)))

    def latest_with_partner(self, partner, today=None):
        """The latest of these agreements (by signing date, drafts last) with `partner` (a partner or an
        `OuterRef` to one), annotated with `current_status` and `running_until`: its last day in force while it
        runs, else None. For a `Subquery` per partner, e.g. on the partner status page."""
        today = today or timezone.localdate()
        running = status_condition(Status.IN_FORCE, today) | status_condition(Status.ENDING_SOON, today)
        return (
            self.with_status(today)
            .annotate(running_until=Case(When(running, then=last_day_in_force_expression())))
            .filter(parties__partner=partner)
            .order_by(F("signed_on").desc(nulls_last=True), "-pk")
        )

    def unverified(self):
        """Not yet vouched for by the unit's head: never submitted, waiting, or returned for correction."""
        return self.exclude(verification_state=VerificationState.VERIFIED)

    def awaiting_verification_by(self, user):
        """What waits for `user` to verify: submitted agreements of the unit `user` heads."""
        if not (user.is_authenticated and user.can_verify_unit_records(user.unit_id)):
            return self.none()
        return self.filter(unit_id=user.unit_id, verification_state=VerificationState.SUBMITTED)

    def with_last_activity(self):
        """Annotate `last_activity_on`: the last day of the latest activity carried out (cancelled ones not
        counted), or None when there is none."""
        latest = Activity.objects.carried_out().latest_of(agreement_program__agreement=models.OuterRef("pk"))
        return self.annotate(last_activity_on=latest)

    def _dormant_condition(self, today, days):
        today = today or timezone.localdate()
        days = settings.SINERGI_DORMANT_DAYS if days is None else days
        since = today - timedelta(days=days)
        recent = Activity.objects.carried_out().filter(
            Q(starts_on__gte=since) | Q(ends_on__gte=since), agreement_program__agreement=models.OuterRef("pk")
        )
        in_force = status_condition(Status.IN_FORCE, today) | status_condition(Status.ENDING_SOON, today)
        # An agreement in force for fewer than `days` days has not had the chance to be idle that long.
        in_force_long_enough = Q(starts_on__lte=since) | Q(starts_on__isnull=True, signed_on__lte=since)
        return in_force & in_force_long_enough & ~models.Exists(recent)

    def dormant(self, today=None, days=None):
        """In force (the rule of `having_status`) for at least `days` days (default SINERGI_DORMANT_DAYS) and
        with no activity carried out in the last `days` days: a partnership that exists only on paper."""
        return self.filter(self._dormant_condition(today, days))

    def mark_dormancy(self, agreements, today=None, days=None):
        """Set `is_dormant` on each of `agreements` (a page of a list) by the rule of `dormant()`, in one query
        over their ids: annotating a whole list instead made PostgreSQL gather every recent activity first."""
        ids = [agreement.pk for agreement in agreements]
        dormant = set(self.filter(pk__in=ids).dormant(today, days).values_list("pk", flat=True))
        for agreement in agreements:
            agreement.is_dormant = agreement.pk in dormant
        return agreements

    def with_dormancy(self, today=None, days=None):
        """Annotate `is_dormant`, the same rule as `dormant()`, computed by the database."""
        return self.annotate(
            is_dormant=models.ExpressionWrapper(
                self._dormant_condition(today, days), output_field=models.BooleanField()
            )
        )

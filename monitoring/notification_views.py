"""The heads' loop pages: notifications under the bell, a user's notification choices and calendar feed, and
the head's renewal evaluation of an agreement nearing its end."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements.models import Agreement
from monitoring.calendar import calendar_for
from monitoring.forms import NotificationChoicesForm, RenewalDecisionForm
from monitoring.models import CalendarToken, Notification, RenewalDecision
from monitoring.notifications import notify, unit_people
from units.models import User

PAGE_SIZE = 25


@login_required
def notification_list(request):
    notifications = Notification.objects.for_user(request.user).select_related("agreement")
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "monitoring/notifications.html", {"page_obj": page})


@require_POST
@login_required
def notification_read(request, pk=None):
    """Mark one notification (or, without `pk`, every one) as read."""
    unread = Notification.objects.for_user(request.user).unread()
    if pk is not None:
        unread = unread.filter(pk=get_object_or_404(Notification.objects.for_user(request.user), pk=pk).pk)
    unread.update(read_at=timezone.now())
    return redirect("notifications:list")


@login_required
def notification_settings(request):
    form = NotificationChoicesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Pilihan pemberitahuan tersimpan."))
        return redirect("notifications:settings")
    token = CalendarToken.objects.filter(user=request.user, revoked_at__isnull=True).first()
    feed_url = request.build_absolute_uri(reverse("calendar_feed", args=[token.key])) if token else ""
    return render(request, "monitoring/notification_settings.html", {"form": form, "feed_url": feed_url})


@require_POST
@login_required
def calendar_token(request):
    """Issue a new calendar address, revoking the old one (the old address then answers 404)."""
    with transaction.atomic():
        CalendarToken.objects.filter(user=request.user, revoked_at__isnull=True).update(revoked_at=timezone.now())
        if request.POST.get("action") != "revoke":
            CalendarToken.objects.create(user=request.user)
    return redirect(reverse("notifications:settings") + "#kalender")


def calendar_feed(request, key):
    """No sign-in: calendar apps cannot log in. The secret key is the permission; revoked is 404."""
    token = CalendarToken.objects.filter(key=key, revoked_at__isnull=True, user__is_active=True).first()
    if token is None:
        raise Http404
    return HttpResponse(calendar_for(token.user), content_type="text/calendar; charset=utf-8")


@login_required
def renewal_evaluation(request, pk):
    """The head decides what happens to an agreement nearing its end; the operators are told, with the renewal
    or termination form one click away. Reminders stop once the decision exists."""
    agreement = get_object_or_404(Agreement.objects.for_user(request.user).select_related("unit"), pk=pk)
    if not request.user.can_verify_unit_records(agreement.unit_id):
        raise PermissionDenied
    existing = RenewalDecision.objects.filter(agreement=agreement).first()
    form = RenewalDecisionForm(request.POST or None, instance=existing or RenewalDecision(agreement=agreement))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            decision = form.save(commit=False)
            decision.decided_by = request.user
            decision.save()
            tell_operators(agreement, decision, request.user)
        messages.success(request, _("Evaluasi perpanjangan tersimpan; operator unit diberi tahu."))
        return redirect(next_step_url(agreement, decision, request.user))
    return render(request, "monitoring/renewal_evaluation.html", {"agreement": agreement, "form": form})


def next_step_url(agreement, decision, user):
    """Perpanjang opens the renewal form, akhiri lebih awal the termination form, for whoever may fill them."""
    step = {RenewalDecision.Decision.RENEW: "renew", RenewalDecision.Decision.TERMINATE: "terminate"}
    if decision.decision in step and user.can_edit_unit_records(agreement.unit_id):
        return reverse(f"agreements:{step[decision.decision]}", args=[agreement.pk])
    return agreement.get_absolute_url()


def tell_operators(agreement, decision, head):
    step = {RenewalDecision.Decision.RENEW: "renew", RenewalDecision.Decision.TERMINATE: "terminate"}
    link = agreement.get_absolute_url()
    if decision.decision in step:
        link = reverse(f"agreements:{step[decision.decision]}", args=[agreement.pk])

    def write():
        return _("Evaluasi perpanjangan: %(subject)s") % {"subject": agreement.subject}, _(
            "%(who)s memutuskan “%(decision)s” untuk perjanjian “%(subject)s”. %(note)s"
        ) % {
            "who": head.get_full_name() or head.username,
            "decision": decision.get_decision_display(),
            "subject": agreement.subject,
            "note": decision.note,
        }

    operators = unit_people(agreement.unit_id, User.Role.OPERATOR)
    notify(operators, kind=Notification.Kind.RENEWAL_DECISION, agreement=agreement, link=link, write=write)

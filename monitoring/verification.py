"""The home page's verification section: what waits for the head, what came back to the operators."""

from urllib.parse import urlencode

from django.urls import reverse

from agreements.models import Agreement
from agreements.verification import VerificationState

SHOWN = 10


def home_verification(user, unverified_count):
    """Context for monitoring/_home_verification.html: for a head, the unit's agreements waiting for
    verification; for an operator, those returned for correction; for both, how many of the unit's side are not
    verified yet (`unverified_count`, one of the home page's figures), with a link to the list filtered to them."""
    own = Agreement.objects.own_side(user)
    waiting = Agreement.objects.awaiting_verification_by(user).select_related("created_by").order_by("updated_at")
    returned = Agreement.objects.none()
    if user.unit_id and user.can_edit_unit_records(user.unit_id):
        returned = own.filter(unit_id=user.unit_id, verification_state=VerificationState.RETURNED)
    query = {"verification": "unverified", **({"scope": "own"} if user.has_units_above else {})}
    return {
        "verification_waiting": list(waiting[:SHOWN]),
        "verification_waiting_count": waiting.count(),
        "verification_returned": list(returned.order_by("updated_at")[:SHOWN]),
        "unverified_count": unverified_count,
        "unverified_url": f"{reverse('agreements:list')}?{urlencode(query)}",
    }

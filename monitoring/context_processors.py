from monitoring.models import Notification


def unread_notifications(request):
    """The bell's count: a callable, so the one COUNT runs only on pages that draw the bell."""
    user = getattr(request, "user", None)

    def count():
        return Notification.objects.for_user(user).unread().count() if user is not None else 0

    return {"unread_notifications": count}

"""Database sessions that remember whose they are (SESSION_ENGINE = "units.sessions").

Logging out ends every session of the account, on every computer: shared office PCs are often left signed in,
and a person who signs out expects to be signed out everywhere. Django's own table stores the account only
inside the signed, encoded session data, so finding one account's sessions would mean decoding every live
session on each logout; here the account is a column with an index.
"""

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.signals import user_logged_out
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.dispatch import receiver


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls):
        from units.models import UserSession

        return UserSession

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        try:
            session.user_id = int(data.get(SESSION_KEY))
        except (TypeError, ValueError):
            session.user_id = None
        return session


@receiver(user_logged_out)
def end_every_session_of_the_account(sender, request, user, **kwargs):
    if user is not None:
        SessionStore.get_model_class().objects.filter(user=user).delete()

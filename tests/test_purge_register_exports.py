import datetime
from io import StringIO

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.management import call_command

from monitoring.models import RegisterExport

pytestmark = pytest.mark.django_db


def test_old_printed_registers_are_removed_with_their_files(operator_blora):
    with time_machine.travel(datetime.datetime(2026, 9, 1, 9, tzinfo=datetime.UTC), tick=False):
        old = RegisterExport.objects.create(requested_by=operator_blora, status=RegisterExport.State.DONE)
        old.file.save("x.pdf", ContentFile(b"%PDF-1.4 lama"))
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC), tick=False):
        recent = RegisterExport.objects.create(requested_by=operator_blora, status=RegisterExport.State.DONE)
        recent.file.save("y.pdf", ContentFile(b"%PDF-1.4 baru"))
    old_name = old.file.name

    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, tzinfo=datetime.UTC), tick=False):
        out = StringIO()
        call_command("purge_register_exports", "--days", "30", stdout=out)

    assert list(RegisterExport.objects.all()) == [recent]
    assert recent.file.storage.exists(recent.file.name)
    assert not recent.file.storage.exists(old_name)
    assert "1 cetakan daftar" in out.getvalue()

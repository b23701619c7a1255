"""Filter pieces about our own units, for every list that spans several."""

from django.utils.translation import gettext_lazy as _

from sinergi.filters import ScopedModelChoiceFilter
from units.models import Unit


class UnitChoiceFilter(ScopedModelChoiceFilter):
    """The owning unit, chosen among the units whose records the user may read."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Unit pemilik"))
        kwargs.setdefault("empty_label", _("Semua unit"))
        super().__init__(*args, model=Unit, **kwargs)

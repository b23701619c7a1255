"""Typed pickers: a text box that suggests records as the user types (static/js/picker.js), where a <select>
would list every record in the country.

The suggestions come from a small JSON endpoint scoped like every read; they are a convenience. The server
checks what was typed against the field's queryset, so a record outside it is refused however it was sent."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# What a suggestion puts in the box ends in "(#123)"; a bare "123" (a form posted without the script) works too.
RECORD_ID = re.compile(r"(?:^|\(#)(\d+)\)?$")


class PickerInput(forms.TextInput):
    """The text box. `url` answers {"results": [{"name", "label"}]} for `?q=`; the values of the form fields
    named in `params` go along (e.g. the agreement's kind), so the suggestions fit what is being filled in."""

    template_name = "widgets/picker.html"

    def __init__(self, attrs=None, *, url="", params=(), min_length=2):
        super().__init__({"autocomplete": "off", **(attrs or {})})
        self.url, self.params, self.min_length = url, tuple(params), min_length

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["list"] = f"{widget_attrs.get('id', name)}_options"
        if self.url:
            widget_attrs["data-autocomplete-url"] = self.url
            widget_attrs["data-autocomplete-min"] = str(self.min_length)
        if self.params:
            widget_attrs["data-autocomplete-params"] = " ".join(self.params)
        return context


class PickerField(forms.ModelChoiceField):
    """A record of `queryset` chosen by typing. The box holds the record's label, ending in "(#id)" when
    `show_id` (labels that can repeat, such as agreement subjects); `lookup_fields` are also matched exactly,
    case aside (a unit's name, an agreement's number)."""

    widget = PickerInput
    default_error_messages = {
        "ambiguous": _("Lebih dari satu data cocok dengan “%(value)s”; pilih salah satu dari saran yang muncul."),
    }

    def __init__(self, queryset, *, lookup_fields=(), show_id=True, **kwargs):
        super().__init__(queryset, empty_label=None, **kwargs)
        self.lookup_fields, self.show_id = tuple(lookup_fields), show_id

    def picker_label(self, obj):
        label = self.label_from_instance(obj)
        return f"{label} (#{obj.pk})" if self.show_id else label

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, models.Model):
            value = value.pk
        text = " ".join(str(value).split())
        match = RECORD_ID.search(text)
        if match:
            found = self.queryset.filter(pk=int(match[1])).first()
            if found is not None:
                return found
        for name in self.lookup_fields:
            found = list(self.queryset.filter(**{f"{name}__iexact": text})[:2])
            if len(found) > 1:
                raise ValidationError(self.error_messages["ambiguous"], code="ambiguous", params={"value": text})
            if found:
                return found[0]
        raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text})

    def prepare_value(self, value):
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            value = self.queryset.filter(pk=int(value)).first() or value
        if isinstance(value, models.Model):
            return self.picker_label(value)
        return value

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        initial_value = self.prepare_value(initial) if initial not in self.empty_values else ""
        return str(initial_value) != str(self.prepare_value(data) if data not in self.empty_values else "")


def suggestions(records, label, detail=lambda record: ""):
    """The JSON answer of a picker's endpoint: {"results": [{"id", "name", "label"}]}, where `name` is what
    goes in the box and `label` what the list shows beside it."""
    results = []
    for record in records:
        name = label(record)
        extra = detail(record)
        results.append({"id": record.pk, "name": name, "label": f"{name} — {extra}" if extra else name})
    return {"results": results}

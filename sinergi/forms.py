"""Form pieces every app uses."""

import unicodedata

from django import forms


def date_input():
    """A native date picker; the value is written the way the browser's picker reads it."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# Kept: line breaks and tabs are how people lay out a long text.
KEPT_CONTROLS = {"\n", "\r", "\t"}


def strip_invisible(text):
    """`text` without control characters (Unicode category Cc, line breaks and tabs kept) and format characters
    (Cf: right-to-left overrides such as U+202E, marks U+200E/U+200F, isolates U+2066–U+2069, zero-width
    spaces). Nobody types them on purpose; pasted into a number or a name they change how it prints and reads
    ("B-12/2024" shown as "4202/21-B") or make two equal names differ."""
    return "".join(char for char in text if char in KEPT_CONTROLS or unicodedata.category(char) not in ("Cc", "Cf"))


class CleanTextMixin:
    """For every ModelForm: invisible characters (`strip_invisible`) are taken out of every text field's input
    before any check sees it, so "required", uniqueness and the model's rules judge what is visible, and a form
    shown again holds the text without them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            return
        keys = [self.add_prefix(name) for name, field in self.fields.items() if isinstance(field, forms.CharField)]
        data = self.data.copy()
        for key in keys:
            if hasattr(data, "setlist"):
                data.setlist(key, [strip_invisible(value) for value in data.getlist(key)])
            elif isinstance(data.get(key), str):
                data[key] = strip_invisible(data[key])
        self.data = data

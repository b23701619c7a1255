"""What every import shares: reading a row's cells by header, and turning model validation into sentences."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from exchange.columns import LINE_BREAK
from exchange.spreadsheets import BadDate, parse_date


class Row:
    """One data row of a file: its cells by header, with the problems found so far."""

    def __init__(self, cells, columns, line):
        self.cells, self.columns, self.line = cells, columns, line
        self.errors = []

    def raw(self, header):
        position = self.columns.get(header)
        if position is None or position >= len(self.cells):
            return None
        return self.cells[position]

    def text(self, header):
        value = self.raw(header)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    def lines(self, header):
        """A cell holding one value per line (an agreement's parties and programs)."""
        text = self.text(header).replace("\r\n", LINE_BREAK).replace("\r", LINE_BREAK)
        return [line.strip() for line in text.split(LINE_BREAK)] if text else []

    def date(self, header, value=None):
        try:
            return parse_date(self.raw(header) if value is None else value)
        except BadDate as error:
            self.errors.append(f"{_(header)}: {error}")
            return None

    @property
    def ok(self):
        return not self.errors


def choice_value(text, choices):
    """The stored value of a choice written as its value or its label, in any case; None if it is neither."""
    wanted = " ".join(text.casefold().split())
    for value, label in choices:
        if wanted in (str(value).casefold(), " ".join(str(label).casefold().split())):
            return value
    return None


def validation_messages(instance, exclude=()):
    """Every problem `clean_fields()` and `clean()` find on an unsaved instance, as "field: message"."""
    messages = []
    for check in (lambda: instance.clean_fields(exclude=list(exclude)), instance.clean):
        try:
            check()
        except ValidationError as error:
            for field, field_messages in error.message_dict.items():
                label = instance._meta.get_field(field).verbose_name if field != "__all__" else ""
                messages += [
                    f"{str(label).capitalize()}: {message}" if label else message for message in field_messages
                ]
    return messages

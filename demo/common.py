"""What every part of the demo shares: the sample marker and a few helpers for names and dates."""

from datetime import date, timedelta

SAMPLE = "(contoh)"


def sample(text):
    return f"{text} {SAMPLE}"


def unmarked(text):
    return text.removesuffix(" " + SAMPLE)


def kanwil_name(province):
    return f"Kantor Wilayah Direktorat Jenderal Pemasyarakatan {province}"


def short_place(regency):
    return regency.removeprefix("Kota Administrasi ").removeprefix("Kabupaten ").removeprefix("Kota ")


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day, months):
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


def term_end(start, years):
    """The last day of a term of `years` years starting on `start`."""
    return add_years(start, years) - timedelta(days=1)

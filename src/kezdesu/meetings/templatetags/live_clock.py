"""Durations as a clock shows them (12:05, 1:02:05, −3:10), for the timekeeper, the official and the record."""

from django import template

register = template.Library()


@register.filter
def clock(seconds: int | None) -> str:
    if seconds is None:
        return ""
    sign = "−" if seconds < 0 else ""
    seconds = abs(int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{seconds:02d}"
    return f"{sign}{minutes}:{seconds:02d}"

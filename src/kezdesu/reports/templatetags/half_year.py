"""Template filters for the half-year results: the word and the CSS class of a state."""

from django import template

from kezdesu.reports.interfaces.half_year_docx import meetings_held_text, meetings_met_text
from kezdesu.reports.interfaces.half_year_labels import (
    INSTRUCTION_STATES,
    OBLIGATION_STATES,
    PROBLEM_STATES,
    QUARTER_SOURCES,
    QUARTER_STATES,
    STATE_CLASSES,
    label,
)

register = template.Library()
KINDS = {
    "quarter": QUARTER_STATES,
    "source": QUARTER_SOURCES,
    "instruction": INSTRUCTION_STATES,
    "obligation": OBLIGATION_STATES,
    "problem": PROBLEM_STATES,
}


@register.filter
def state_label(value: str, kind: str) -> str:
    return label(KINDS[kind], value or "")


@register.filter
def state_class(value: str) -> str:
    return f"state--{STATE_CLASSES.get(value or '', 'open')}"


@register.filter
def meetings_met(counts: dict[str, int]) -> str:
    """The first heads' required meetings met / required, with those held outside Kezdesu."""
    return meetings_met_text(counts)


@register.filter
def meetings_held(counts: dict[str, int]) -> str:
    """Meetings held: by first heads · by deputies and committee chairs (R5)."""
    return meetings_held_text(counts)

"""Automatic checks of a question's text. They only SUGGEST: the moderator reads the reasons and decides.

- personal data inside the text (an IIN, a phone number, an e-mail address, a card-like number), with a
  proposed text where each is replaced by "[personal data removed]" in the question's language;
- spam (links, long runs of one character, advertising words);
- abusive language (a short list of insults per language in `questions/data/moderation_words.yaml`).
"""

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from django.utils import translation
from django.utils.translation import gettext as _

from kezdesu.questions.models import Question

WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "moderation_words.yaml"

# Order matters: an e-mail before the digits inside it, a phone or a card before a bare 12-digit IIN.
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\d+])(?:\+7|8)[\s(-]*7\d{2}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)")
CARD = re.compile(r"(?<!\d)\d{4}(?:[ -]?\d{4}){2}[ -]?\d{4,7}(?!\d)")
IIN = re.compile(r"(?<!\d)\d{12}(?!\d)")
LINK = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:kz|ru|com|net|org|info|me|io)(?:/\S*)?\b|\bt\.me/\S+", re.I)
REPEATED = re.compile(r"([^\s\d])\1{5,}")  # digits repeat in numbers, which are checked above


@dataclass(frozen=True)
class Suggestion:
    """One reason the checks found; `reason` is the HiddenReason a moderator would choose for it."""

    reason: str
    message: str


@dataclass(frozen=True)
class TextCheck:
    suggestions: list[Suggestion] = field(default_factory=list)
    proposed_text: str = ""  # the text with the personal data replaced; equal to the text when none was found

    @property
    def reasons(self) -> set[str]:
        return {suggestion.reason for suggestion in self.suggestions}

    @property
    def has_personal_data(self) -> bool:
        return Question.HiddenReason.PERSONAL_DATA in self.reasons


@cache
def _word_patterns() -> dict[str, re.Pattern[str]]:
    data = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    patterns = {}
    for kind in ("spam", "abuse"):
        stems = sorted({stem.casefold() for words in data[kind].values() for stem in words}, key=len, reverse=True)
        patterns[kind] = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(stem) for stem in stems) + r")", re.I)
    return patterns


def removed_marker(language: str) -> str:
    """The marker that replaces personal data, in the question's language (or the active one)."""
    with translation.override(language or translation.get_language()):
        return _("[personal data removed]")


def check_text(text: str, *, language: str = "") -> TextCheck:
    """What the checks suggest about `text`; nothing is changed."""
    suggestions: list[Suggestion] = []
    marker = removed_marker(language)
    proposed = text
    found: list[str] = []
    for pattern, message in (
        (EMAIL, _("The text contains an e-mail address.")),
        (PHONE, _("The text contains a phone number.")),
        (CARD, _("The text contains a number that looks like a bank card.")),
        (IIN, _("The text contains a 12-digit number that looks like an IIN.")),
    ):
        proposed, count = pattern.subn(marker, proposed)
        if count:
            found.append(str(message))
    if found:
        suggestions.extend(Suggestion(Question.HiddenReason.PERSONAL_DATA, message) for message in found)
    if LINK.search(proposed):  # an e-mail address is personal data, not a link
        suggestions.append(Suggestion(Question.HiddenReason.SPAM, _("The text contains a link.")))
    if REPEATED.search(text):
        suggestions.append(Suggestion(Question.HiddenReason.SPAM, _("The text repeats one character many times.")))
    words = _word_patterns()
    if words["spam"].search(text):
        suggestions.append(Suggestion(Question.HiddenReason.SPAM, _("The text contains advertising words.")))
    if words["abuse"].search(text):
        suggestions.append(Suggestion(Question.HiddenReason.ABUSE, _("The text contains insulting words.")))
    return TextCheck(suggestions=suggestions, proposed_text=proposed)


def check_question(question: Question) -> TextCheck:
    return check_text(question.text, language=question.language)

"""A question's fingerprint: its words, without case, punctuation or spacing. Equal fingerprints, equal questions."""

import hashlib
import re
import unicodedata

_NOT_WORD = re.compile(r"[^\w]+|_+")


def normalised_text(text: str) -> str:
    """The text reduced to its words: casefolded, punctuation dropped, spaces collapsed."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def question_fingerprint(text: str) -> str:
    """The sha256 of the normalised text (64 hex digits, the length of `Question.fingerprint`)."""
    return hashlib.sha256(normalised_text(text).encode("utf-8")).hexdigest()

"""What changed between two texts, paragraph by paragraph, with word-level marks inside a changed paragraph.

Texts are plain, paragraphs separated by blank lines (how the library stores a version's body). The result
is a structure templates render with <ins>/<del>, and the counts of paragraphs added, removed and changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

# Two paragraphs at least this similar are one paragraph changed; less similar, one removed and one added.
SIMILAR = 0.5
_BLANK_LINES = re.compile(r"\n\s*\n")
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class Segment:
    kind: str  # "same", "ins" or "del"
    text: str


@dataclass(frozen=True)
class Block:
    kind: str  # "same", "added", "removed" or "changed"
    text: str = ""  # for same, added and removed
    segments: list[Segment] = field(default_factory=list)  # for changed


@dataclass(frozen=True)
class TextDiff:
    blocks: list[Block]
    added: int
    removed: int
    changed: int

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed)


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs, each with its inner line breaks and spaces collapsed to one space."""
    return [" ".join(part.split()) for part in _BLANK_LINES.split(text.replace("\r\n", "\n")) if part.strip()]


def word_segments(old: str, new: str) -> list[Segment]:
    """`old` turned into `new`, word by word: what stayed, what was deleted and what was inserted."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    segments: list[Segment] = []

    def add(kind: str, tokens: list[str]) -> None:
        if not tokens:
            return
        text = "".join(tokens)
        if segments and segments[-1].kind == kind:
            segments[-1] = Segment(kind, segments[-1].text + text)
        else:
            segments.append(Segment(kind, text))

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("same", a[i1:i2])
        else:
            add("del", a[i1:i2])
            add("ins", b[j1:j2])
    return _absorb_spaces(segments)


def _absorb_spaces(segments: list[Segment]) -> list[Segment]:
    """A lone space kept between two changes reads as noise: fold it into both sides, then make each run of
    changes one deletion followed by one insertion (the run's old text, then its new text)."""
    folded: list[Segment] = []
    for index, segment in enumerate(segments):
        between = 0 < index < len(segments) - 1 and "same" not in (segments[index - 1].kind, segments[index + 1].kind)
        if segment.kind == "same" and between and not segment.text.strip():
            folded += [Segment("del", segment.text), Segment("ins", segment.text)]
        else:
            folded.append(segment)
    result: list[Segment] = []
    run: list[Segment] = []
    for segment in [*folded, Segment("same", "")]:
        if segment.kind != "same":
            run.append(segment)
            continue
        for kind in ("del", "ins"):
            text = "".join(part.text for part in run if part.kind == kind)
            if text:
                result.append(Segment(kind, text))
        run = []
        if segment.text:
            result.append(segment)
    return result


def _similarity(old: str, new: str) -> float:
    return SequenceMatcher(None, old.split(), new.split(), autojunk=False).ratio()


def diff_texts(old: str, new: str) -> TextDiff:
    before, after = paragraphs(old), paragraphs(new)
    blocks: list[Block] = []
    counts = {"added": 0, "removed": 0, "changed": 0}

    def emit(kind: str, text: str = "", segments: list[Segment] | None = None) -> None:
        blocks.append(Block(kind=kind, text=text, segments=segments or []))
        if kind in counts:
            counts[kind] += 1

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            for text in before[i1:i2]:
                emit("same", text)
            continue
        old_part, new_part = before[i1:i2], after[j1:j2]
        # Pair the paragraphs of a replaced run in order; a pair alike enough is one changed paragraph.
        while old_part or new_part:
            if old_part and new_part and _similarity(old_part[0], new_part[0]) >= SIMILAR:
                emit("changed", segments=word_segments(old_part.pop(0), new_part.pop(0)))
            elif old_part and (not new_part or _best_later(old_part[0], new_part)):
                emit("removed", old_part.pop(0))
            else:
                emit("added", new_part.pop(0))
    return TextDiff(blocks=blocks, **counts)


def _best_later(old: str, new_part: list[str]) -> bool:
    """True when `old` matches nothing ahead well, so it was removed (rather than the new paragraph added)."""
    return all(_similarity(old, candidate) < SIMILAR for candidate in new_part[1:])

"""The kk, ru and en catalogues stay complete (S1): no string left untranslated or fuzzy."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "kezdesu" / "locale"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_interface_string_is_translated(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert (missing, fuzzy) == ([], [])
    assert len(catalogue) > 300


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_placeholders_survive_translation(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    for entry in catalogue.translated_entries():
        if "python-format" in entry.flags and not entry.msgid_plural:
            assert sorted(_placeholders(entry.msgid)) == sorted(_placeholders(entry.msgstr)), entry.msgid


def _placeholders(text: str) -> list[str]:
    import re

    return re.findall(r"%\([a-z_]+\)[sd]", text)


def test_every_translated_string_is_found_by_makemessages():
    """makemessages finds only gettext's own names (`_`, gettext_lazy, ...): a string marked through another
    alias (`gettext_lazy as _lazy`) would never reach the catalogues and show in English to everyone."""
    import re

    source = LOCALE.parent
    alias = re.compile(r"from django\.utils\.translation import .*\b\w*gettext\w* as (?!_\b)\w+")
    aliased = [
        f"{path.relative_to(source)}: {line.strip()}"
        for path in source.rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if alias.search(line)
    ]
    assert aliased == []

"""Profiles are checked when loaded (issue 13, point 9): an unknown period, event, role or party is refused with
the file and the line; a profile can say "at least N" and "within N working days", carry its amendments and the
stages the authorized body is told of; bodies owe only what falls in the time they existed, under the names
they bore then (point 8)."""

import datetime
import shutil
from pathlib import Path

import pytest
from django.utils import translation

from kezdesu.regulations.domain.obligations import find_obligation, obligations_between
from kezdesu.regulations.domain.profile_loading import PROFILES_DIRECTORY, ProfileDataError, load_profiles
from kezdesu.regulations.models import ObligationRule, RegulationProfile
from tests.factories.organisations import OrganisationFactory
from tests.factories.planning_profiles import load_real_profiles

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def profiles(tmp_path, exempt_ministries):
    """A copy of the shipped profiles to edit."""
    for path in PROFILES_DIRECTORY.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def edit(directory: Path, name: str, old: str, new: str) -> int:
    """Replace `old` by `new` in the file; returns the line `new` starts on."""
    path = directory / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text[: text.index(new)].count("\n") + 1


def rule_start(directory: Path, name: str, line: int) -> int:
    """The line the rule holding `line` starts on (the loader names the rule's mapping)."""
    lines = (directory / name).read_text(encoding="utf-8").splitlines()
    return next(number for number in range(line, 0, -1) if lines[number - 1].startswith("  - code: "))


def rule_line(directory: Path, name: str, code: str) -> int:
    text = (directory / name).read_text(encoding="utf-8")
    return text[: text.index(f"  - code: {code}\n")].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "known"),
    [
        ("    role: visit-results\n", "    role: visit-published\n", "first-head-meetings"),
        ("    event: visit-ended\n", "    event: visit-over\n", "risk-flag-assigned"),
        ("    period: quarter\n", "    period: month\n", "half_year"),
        ("    debtor: ministries\n", "    debtor: ministers\n", "authorized-body"),
    ],
)
def test_an_unknown_word_is_refused_with_the_file_the_line_and_what_is_known(profiles, old, new, known):
    """The loader speaks the site's language (Kazakh by default); the file, the line, the word and what is
    known are named in any language."""
    name = "REG-2024.yaml"
    line = edit(profiles, name, old, new)
    with pytest.raises(ProfileDataError) as refused:
        load_profiles(directory=profiles)
    message = str(refused.value.message)
    word = new.split(":")[1].strip()
    assert message.startswith("REG-2024.yaml, ")
    assert str(rule_start(profiles, name, line)) in message
    assert f"«{word}»" in message or f"“{word}”" in message
    assert known in message
    assert not RegulationProfile.objects.exists()  # nothing is half-loaded


def test_the_line_named_is_the_rules_and_in_english_the_message_reads_so(profiles, settings):
    settings.MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
    name = "REG-2024.yaml"
    line = rule_line(profiles, name, "visit-results")
    edit(profiles, name, "    role: visit-results\n", "    role: nonsense\n")
    with pytest.raises(ProfileDataError) as refused:
        load_profiles(directory=profiles)
    assert str(refused.value.message).startswith(
        f"REG-2024.yaml, line {line}: rule visit-results: the role “nonsense” is not one the system knows; use one of:"
    )


def test_an_unknown_stage_is_refused(profiles):
    edit(profiles, "REG-2022.yaml", "stages: [announced,", "stages: [whispered,")
    with pytest.raises(ProfileDataError) as refused:
        load_profiles(directory=profiles)
    assert "whispered" in str(refused.value.message)
    assert "record-closed" in str(refused.value.message)


def test_roles_stages_and_amendments_are_loaded(exempt_ministries):
    load_profiles()
    reg_2022 = RegulationProfile.objects.get(code="REG-2022")
    reg_2024 = RegulationProfile.objects.get(code="REG-2024")

    assert {rule.code: rule.role for rule in reg_2024.rules.all()}["first-head-meeting"] == "first-head-meetings"
    assert all(rule.role for rule in ObligationRule.objects.all())
    assert (reg_2024.informs_source, len(reg_2024.informs)) == ("G3.2 (P3.4)", 6)
    [amendment] = reg_2022.amendments.all()
    assert (amendment.act_date, amendment.effective_from, amendment.clauses) == (D(2023, 4, 13), D(2023, 4, 13), "P2")
    assert amendment.act_ru == "Указ Президента Республики Казахстан от 13 апреля 2023 года № 195"
    assert load_profiles() == {"created": 0, "updated": 0, "unchanged": 2}


def test_at_least_n_meetings_and_within_n_working_days(profiles):
    """A future act may ask for two meetings a quarter, and results within five working days."""
    name = "REG-2024.yaml"
    edit(profiles, name, "    role: first-head-meetings\n", "    role: first-head-meetings\n    at_least: 2\n")
    edit(
        profiles,
        name,
        "    days: 10\n    roll: next_working_day\n",
        "    days: 5\n    day_unit: working\n    roll: none\n",
    )
    load_profiles(directory=profiles)
    OrganisationFactory(code="ministry-a", name_en="Ministry A")

    first_head = ObligationRule.objects.get(profile__code="REG-2024", code="first-head-meeting")
    results = ObligationRule.objects.get(profile__code="REG-2024", code="visit-results")
    assert (first_head.min_count, results.days, results.day_unit) == (2, 5, "working")
    # Friday 20 March 2026: five working days on, past Nauryz (21–23 March, and the 24th observed) and a weekend.
    from kezdesu.regulations.domain.calendar import WorkingCalendar
    from kezdesu.regulations.domain.deadlines import compute_due

    deadline = compute_due(
        results,
        period_start=D(2026, 3, 20),
        period_end=D(2026, 3, 20),
        event_date=D(2026, 3, 20),
        calendar=WorkingCalendar.for_range(D(2026, 3, 1), D(2026, 4, 30)),
    )
    assert (deadline.due, deadline.moved) == (D(2026, 4, 1), False)


def test_a_body_owes_only_what_falls_in_its_time_and_is_named_as_it_was_then(exempt_ministries):
    """Point 8: obligations of 2022 are not owed by a ministry formed in 2025; a renamed one keeps its old name."""
    load_real_profiles()
    new = OrganisationFactory(code="ai", name_en="Ministry of Artificial Intelligence", existed_from=D(2025, 9, 18))
    renamed = OrganisationFactory(code="culture-information", name_en="Ministry of Culture and Information")
    renamed.former_names.create(
        name_en="Ministry of Information and Social Development",
        name_kk="Ақпарат және қоғамдық даму министрлігі",
        name_ru="Министерство информации и общественного развития",
        used_until=D(2023, 8, 31),
    )
    gone = OrganisationFactory(code="gone", name_en="Abolished ministry", existed_to=D(2022, 6, 10), is_active=False)

    with translation.override("en"):
        year_2022 = obligations_between(start=D(2022, 12, 31), end=D(2022, 12, 31), profile=None, today=D(2023, 1, 5))
        debtors = {obligation.debtor.code: obligation.debtor.name for obligation in year_2022}
    assert "ai" not in debtors
    assert "gone" not in debtors  # abolished before the year ended: its successor owes the year
    assert debtors["culture-information"] == "Ministry of Information and Social Development"
    assert find_obligation("REG-2022:first-head-meeting:ai:2022-01-01") is None
    later = find_obligation("REG-2024:first-head-meeting:ai:2025-07-01", today=D(2025, 10, 1))
    assert later is not None  # formed in September 2025, it owes the quarter it was formed in
    assert new.existed_on(D(2025, 9, 18))
    assert not gone.existed_on(D(2022, 6, 11))

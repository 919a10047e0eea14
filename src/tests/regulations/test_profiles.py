"""The regulation profiles: loading the data files, and which profile is in force on a date."""

import shutil
from datetime import date
from decimal import Decimal

import pytest

from kezdesu.core.models import AuditLog
from kezdesu.regulations.domain.profile_loading import PROFILES_DIRECTORY, ProfileDataError, load_profiles
from kezdesu.regulations.domain.queries.profiles import profile_in_force
from kezdesu.regulations.models import ObligationRule, RegulationProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def profiles_copy(tmp_path):
    directory = tmp_path / "profiles"
    shutil.copytree(PROFILES_DIRECTORY, directory)
    return directory


def rules_of(code: str) -> list[tuple[str, str, str, str, str, str]]:
    return list(
        ObligationRule.objects.filter(profile__code=code)
        .order_by("order")
        .values_list("code", "requirement", "source", "debtor", "recipient", "period")
    )


def test_both_acts_load_with_their_dates_exemptions_and_rules(exempt_ministries):
    assert load_profiles() == {"created": 2, "updated": 0, "unchanged": 0}

    old = RegulationProfile.objects.get(code="REG-2022")
    assert (old.act_date, old.effective_from, old.effective_to) == (
        date(2022, 4, 7),
        date(2022, 4, 7),
        date(2024, 1, 8),
    )
    assert old.planning_cycle == RegulationProfile.Cycle.YEAR
    assert old.planning_source == "P2"
    assert sorted(old.exempt_organisations.values_list("code", flat=True)) == ["defence", "foreign-affairs"]
    assert old.exempt_source == "P1, P3"
    assert (old.presentation_max_share, old.presentation_source) == (Decimal("0.25"), "P3.3")
    assert old.repealed_by_en == "Decree of the President of the Republic of Kazakhstan No. 431 of 9 January 2024"
    assert rules_of("REG-2022") == [
        ("first-head-meeting", "R1", "P1", "ministries", "population", "year"),
        ("schedule-proposals", "R7", "P2.1", "ministries", "authorized-body", "year"),
        ("schedule-draft", "R7", "P2.2", "authorized-body", "government-apparatus", "year"),
        ("schedule-approval", "R7", "P2.3", "government", "ministries", "year"),
        ("systemic-problems", "R11", "P4.3", "akimats", "competent-bodies", "half_year"),
        ("quarterly-progress", "R21", "P3.7", "ministries", "population", "quarter"),
        ("unscheduled-meeting", "R4", "P3.1", "ministries", "population", "event"),
        ("visit-results", "R20", "P3.7", "ministries", "population", "event"),
    ]

    new = RegulationProfile.objects.get(code="REG-2024")
    assert (new.act_date, new.effective_from, new.effective_to) == (date(2024, 1, 17), date(2024, 1, 18), None)
    assert new.planning_cycle == RegulationProfile.Cycle.HALF_YEAR
    assert sorted(new.exempt_organisations.values_list("code", flat=True)) == [
        "defence",
        "emergency-situations",
        "foreign-affairs",
        "internal-affairs",
        "justice",
    ]
    assert (new.presentation_max_share, new.presentation_source) == (Decimal("0.25"), "G3.2 (P3.3)")
    assert new.source_file == "acts/government-decree-12-2024.ru.txt"
    assert (PROFILES_DIRECTORY.parent / new.source_file).exists()
    assert rules_of("REG-2024") == [
        ("first-head-meeting", "R2", "G1.1", "ministries", "population", "quarter"),
        ("schedule-draft", "R8", "G3.1", "authorized-body", "government", "half_year"),
        ("quarterly-information", "R22", "G1.4", "ministries", "authorized-body", "quarter"),
        ("half-year-results", "R23", "G3.3", "authorized-body", "government-apparatus", "half_year"),
        ("systemic-problems", "R11", "G3.2 (P4.3)", "akimats", "competent-bodies", "half_year"),
        ("quarterly-progress", "R21", "G3.2 (P3.7)", "ministries", "population", "quarter"),
        ("unscheduled-meeting", "R4", "G1.3", "ministries", "population", "event"),
        ("visit-results", "R20", "G3.2 (P3.7)", "ministries", "population", "event"),
    ]


def test_every_profile_text_is_given_in_three_languages(exempt_ministries):
    load_profiles()
    for rule in ObligationRule.objects.all():
        assert all([rule.title_kk, rule.title_ru, rule.title_en]), rule.code
    for profile in RegulationProfile.objects.all():
        assert all([profile.title_kk, profile.title_ru, profile.title_en, profile.notes_kk, profile.notes_ru])


def test_loading_twice_changes_nothing_and_writes_no_audit(exempt_ministries):
    load_profiles()
    audit_rows = AuditLog.objects.count()

    assert load_profiles() == {"created": 0, "updated": 0, "unchanged": 2}
    assert AuditLog.objects.count() == audit_rows


def test_an_edited_file_updates_the_profile_in_place(exempt_ministries, profiles_copy):
    load_profiles(directory=profiles_copy)
    path = profiles_copy / "REG-2024.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    months: 1\n    day: 10\n", "    months: 1\n    day: 12\n"), encoding="utf-8")

    assert load_profiles(directory=profiles_copy) == {"created": 0, "updated": 1, "unchanged": 1}
    rule = ObligationRule.objects.get(profile__code="REG-2024", code="quarterly-information")
    assert rule.day == 12
    audit = AuditLog.objects.get(action="regulations.rule.update")
    assert (audit.old_values, audit.new_values) == ({"day": 10}, {"day": 12})


def test_a_rule_dropped_from_its_file_is_removed(exempt_ministries, profiles_copy):
    load_profiles(directory=profiles_copy)
    path = profiles_copy / "REG-2022.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - code: visit-results")], encoding="utf-8")

    assert load_profiles(directory=profiles_copy) == {"created": 0, "updated": 1, "unchanged": 1}
    assert not ObligationRule.objects.filter(profile__code="REG-2022", code="visit-results").exists()
    assert AuditLog.objects.filter(action="regulations.rule.remove").count() == 1


def test_changing_the_exempt_bodies_is_audited(exempt_ministries, profiles_copy):
    load_profiles(directory=profiles_copy)
    path = profiles_copy / "REG-2022.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("[defence, foreign-affairs]", "[defence]"), encoding="utf-8"
    )

    load_profiles(directory=profiles_copy)
    audit = AuditLog.objects.get(action="regulations.profile.update")
    assert audit.old_values == {"exempt_organisations": ["defence", "foreign-affairs"]}
    assert audit.new_values == {"exempt_organisations": ["defence"]}


def test_a_profile_naming_an_unknown_organisation_is_refused(profiles_copy):
    with pytest.raises(ProfileDataError, match="defence, foreign-affairs"):
        load_profiles(directory=profiles_copy)
    assert RegulationProfile.objects.count() == 0


def test_a_rule_with_an_unknown_party_is_refused(exempt_ministries, profiles_copy):
    path = profiles_copy / "REG-2024.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("recipient: government\n", "recipient: parliament\n"),
        encoding="utf-8",
    )
    with pytest.raises(ProfileDataError, match="parliament"):
        load_profiles(directory=profiles_copy)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2022, 4, 6), None),
        (date(2022, 4, 7), "REG-2022"),
        (date(2024, 1, 8), "REG-2022"),
        (date(2024, 1, 9), None),  # repealed; the new act is not yet in force
        (date(2024, 1, 17), None),
        (date(2024, 1, 18), "REG-2024"),
        (date(2027, 6, 1), "REG-2024"),
    ],
)
def test_the_profile_in_force_is_found_from_the_effective_dates(exempt_ministries, on, expected):
    load_profiles()
    profile = profile_in_force(on)
    assert (profile.code if profile else None) == expected

"""The obligations CLI: JSON and table output, filters, and clear errors."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kezdesu.regulations.domain.profile_loading import load_profiles
from tests.factories.organisations import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(exempt_ministries):
    OrganisationFactory(code="finance", name_en="Ministry of Finance", name_kk="Қаржы министрлігі")
    OrganisationFactory(
        code="culture-information", is_authorized_body=True, name_en="Ministry of Culture and Information"
    )
    load_profiles()


def run(*arguments: str) -> str:
    out = StringIO()
    call_command("obligations", *arguments, stdout=out)
    return out.getvalue()


def test_json_lists_each_obligation_with_its_clause_parties_and_dates(world):
    output = run(
        "--profile", "REG-2024", "--from", "2027-04-01", "--to", "2027-04-30", "--format", "json",
        "--organisation", "finance", "--today", "2027-04-13",
    )  # fmt: skip
    assert json.loads(output) == [
        {
            "key": "REG-2024:quarterly-information:finance:2027-01-01",
            "profile": "REG-2024",
            "requirement": "R22",
            "source": "G1.4",
            "title": "Summary information on the meetings held in the quarter",
            "debtor": {"code": "finance", "name": "Ministry of Finance"},
            "recipient": {"code": "culture-information", "name": "Ministry of Culture and Information"},
            "period_start": "2027-01-01",
            "period_end": "2027-03-31",
            "nominal_due": "2027-04-10",
            "due": "2027-04-12",
            "moved": True,
            "state": "overdue",
            "met_on": None,
            "basis": "",
            "met_by": [],
            "records": [],
            "by_hand": None,
        }
    ]


def test_json_for_a_year_counts_every_obligation_under_the_profile(world):
    output = json.loads(run("--profile", "REG-2024", "--from", "2027-01-01", "--to", "2027-12-31", "--format", "json"))
    # The two ministries (culture-information is one) owe R2, R21 and R22 four times; the authorized body R8 and
    # R23 twice.
    assert [(item["requirement"], item["debtor"]["code"]) for item in output].count(("R2", "finance")) == 4
    assert len(output) == 2 * 4 + 2 * 4 + 2 * 4 + 2 + 2
    assert {item["recipient"]["name"] for item in output if item["requirement"] == "R2"} == {"Population"}


def test_table_shows_aligned_columns(world):
    output = run(
        "--profile", "REG-2024", "--from", "2027-03-31", "--to", "2027-04-12", "--format", "table",
        "--organisation", "finance", "--today", "2027-04-01",
    )  # fmt: skip
    lines = output.splitlines()
    assert lines[0].split() == [
        "Req.",
        "Clause",
        "Debtor",
        "Recipient",
        "Period",
        "Nominal",
        "Due",
        "State",
        "What",
        "is",
        "owed",
    ]
    assert lines[2].split()[:8] == [
        "R2",
        "G1.1",
        "finance",
        "population",
        "2027-01-01..2027-03-31",
        "2027-03-31",
        "2027-03-31",
        "overdue",
    ]
    assert lines[3].split()[:8] == [
        "R21", "G3.2", "(P3.7)", "finance", "population", "2027-01-01..2027-03-31", "2027-03-31", "2027-03-31",
    ]  # fmt: skip
    assert lines[4].split()[:9] == [
        "R22", "G1.4", "finance", "culture-information", "2027-01-01..2027-03-31",
        "2027-04-10", "2027-04-12", "*", "open",
    ]  # fmt: skip
    assert lines[2].index("G1.1") == lines[4].index("G1.4") == lines[0].index("Clause")
    assert lines[2].index("overdue") == lines[4].index("open") == lines[0].index("State")
    assert lines[-1] == "3 obligation(s); * = moved off a day off to the next working day."


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--profile", "REG-1999"), "Unknown profile 'REG-1999' (known: REG-2022, REG-2024)."),
        (("--organisation", "nowhere"), "Unknown organisation code(s): nowhere."),
        (("--today", "13.04.2027"), "--today: '13.04.2027' is not a date in the form YYYY-MM-DD."),
    ],
)
def test_unknown_profiles_and_organisations_and_bad_dates_are_clear_errors(world, arguments, message):
    with pytest.raises(CommandError) as error:
        run("--from", "2027-01-01", "--to", "2027-12-31", *arguments)
    assert str(error.value) == message


def test_a_range_that_ends_before_it_starts_is_refused(world):
    with pytest.raises(CommandError, match="--to is before --from"):
        run("--from", "2027-12-31", "--to", "2027-01-01")
    with pytest.raises(CommandError, match="is not a date"):
        run("--from", "2027-02-30", "--to", "2027-03-01")

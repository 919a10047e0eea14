"""The question topics file: loaded with the reference data, each topic with its competent ministry, idempotently."""

import pytest
from django.core.management import call_command

from kezdesu.core.models import AuditLog
from kezdesu.organisations.domain.reference import load_reference_data
from kezdesu.organisations.domain.reference_files import ReferenceDataError
from kezdesu.questions.domain.topics import ACTION_CREATED, ACTION_UPDATED, load_topics
from kezdesu.questions.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations():
    load_reference_data()


def test_the_shipped_topics_load_with_their_ministries_and_names_in_three_languages(organisations):
    report = load_topics()

    assert report.created == Topic.objects.count() == 20
    roads = Topic.objects.get(code="roads-transport")
    assert (roads.name_kk, roads.name_ru, roads.name_en) == (
        "Жолдар және көлік",
        "Дороги и транспорт",
        "Roads and transport",
    )
    assert roads.ministry.code == "transport"
    assert Topic.objects.get(code="other").ministry is None
    assert list(Topic.objects.values_list("code", flat=True))[:2] == ["roads-transport", "healthcare"]
    assert AuditLog.objects.filter(action=ACTION_CREATED).count() == 20


def test_a_second_load_changes_nothing_and_writes_no_audit(organisations):
    load_topics()
    rows = AuditLog.objects.count()

    report = load_topics()

    assert (report.created, report.updated, report.unchanged) == (0, 0, 20)
    assert AuditLog.objects.count() == rows


def test_a_changed_name_is_updated_and_audited_with_the_change_only(organisations, tmp_path):
    load_topics()
    path = tmp_path / "topics.yaml"
    path.write_text(
        "- {code: water, ministry: water-resources-irrigation, name_kk: Су, name_ru: Вода, name_en: Water}\n",
        encoding="utf-8",
    )

    report = load_topics(path=path)

    assert (report.updated, report.vanished[:2]) == (1, ["agriculture-land", "business-support"])
    water = Topic.objects.get(code="water")
    assert (water.name_kk, water.name_en) == ("Су", "Water")
    audit = AuditLog.objects.get(action=ACTION_UPDATED)
    assert audit.new_values == {"name_kk": "Су", "name_ru": "Вода", "name_en": "Water", "order": 0}


def test_an_unknown_ministry_code_is_refused_and_nothing_is_loaded(organisations, tmp_path):
    path = tmp_path / "topics.yaml"
    path.write_text("- {code: x, ministry: no-such, name_kk: X, name_ru: X, name_en: X}\n", encoding="utf-8")

    with pytest.raises(ReferenceDataError) as refused:
        load_topics(path=path)

    assert "no-such" in str(refused.value.message)
    assert Topic.objects.count() == 0


def test_load_reference_loads_the_topics():
    call_command("load_reference", verbosity=0)

    assert Topic.objects.filter(ministry__isnull=False).count() == 19

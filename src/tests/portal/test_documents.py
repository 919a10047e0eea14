import pytest

from kezdesu.planning.models import ScheduleVersion
from tests.factories.planning import ScheduleVersionFactory
from tests.factories.planning_published import ApprovedVersionFactory, PublishedItemFactory

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_the_documents_of_an_approved_version_download_in_the_asked_language(client):
    item = PublishedItemFactory()
    pk = item.version.pk

    kazakh = client.get(f"/ru/schedule/versions/{pk}.docx?lang=kk")
    russian = client.get(f"/en/schedule/versions/{pk}.docx?lang=ru")
    spreadsheet = client.get(f"/ru/schedule/versions/{pk}.xlsx")

    assert (kazakh.status_code, kazakh["Content-Type"]) == (200, DOCX)
    assert kazakh["Content-Disposition"] == 'attachment; filename="schedule-2030-01-v1-kk.docx"'
    assert russian["Content-Disposition"] == 'attachment; filename="schedule-2030-01-v1-ru.docx"'
    assert (spreadsheet["Content-Type"], spreadsheet["Content-Disposition"]) == (
        XLSX,
        'attachment; filename="schedule-2030-01-v1-ru.xlsx"',
    )


def test_a_working_or_submitted_version_has_no_public_documents(client):
    approved = ApprovedVersionFactory()
    working = ScheduleVersionFactory(period=approved.period)
    submitted = ApprovedVersionFactory(period=approved.period, number=2, status=ScheduleVersion.Status.SUBMITTED)

    assert client.get(f"/ru/schedule/versions/{working.pk}.docx").status_code == 404
    assert client.get(f"/ru/schedule/versions/{submitted.pk}.xlsx").status_code == 404


def test_the_calendar_links_the_documents_of_each_approved_version(client):
    version = ApprovedVersionFactory()

    page = client.get("/en/schedule/").content.decode()

    assert f'href="/en/schedule/versions/{version.pk}.docx?lang=kk"' in page
    assert f'href="/en/schedule/versions/{version.pk}.docx?lang=ru"' in page
    assert f'href="/en/schedule/versions/{version.pk}.xlsx"' in page

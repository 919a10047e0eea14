"""The library demo (R25): entered through the domain, the act that approved each version written in each
language, and idempotent."""

import datetime

import pytest

from kezdesu.demo.library import COORDINATOR, add_library_demo
from kezdesu.organisations.models import Role
from kezdesu.reports.models import DocumentVersion
from tests.factories.organisations import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    body = OrganisationFactory(code="culture-information", is_authorized_body=True)
    return MembershipFactory(organisation=body, role=Role.COORDINATOR, user__username=COORDINATOR).user


def test_the_demo_publishes_the_library_once_with_the_act_in_each_language(coordinator):
    first = add_library_demo(today=datetime.date(2026, 11, 22))
    second = add_library_demo(today=datetime.date(2026, 11, 22))

    version = DocumentVersion.objects.get(document__code="meetings-procedure", number=2)
    assert first == {"library documents": 2, "library versions": 3}
    assert second == {"library documents": 0, "library versions": 0}
    assert (version.status, version.approved_on) == (DocumentVersion.Status.PUBLISHED, datetime.date(2025, 2, 20))
    assert (version.approval_reference_kk, version.approval_reference_ru, version.approval_reference_en) == (
        "Қазақстан Республикасы Мәдениет және ақпарат министрінің 2025 жылғы 20 ақпандағы № 58 бұйрығы",
        "Приказ Министра культуры и информации Республики Казахстан от 20 февраля 2025 года № 58",
        "Order of the Minister of Culture and Information of the Republic of Kazakhstan No. 58 of 20 February 2025",
    )
    assert not DocumentVersion.objects.filter(approval_reference_ru__contains=" / ").exists()

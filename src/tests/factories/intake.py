"""Topics and places for the intake's tests: a topic, and the visit world's region with names in three languages."""

from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import District
from kezdesu.questions.models import Topic
from tests.factories.organisations import DistrictFactory


def intake_topic(code: str = "roads-transport", name_en: str = "Roads and transport", ministry=None) -> Topic:
    found, _created = Topic.objects.get_or_create(
        code=code,
        defaults={
            "name": name_en,
            "name_en": name_en,
            "name_ru": "Дороги и транспорт",
            "name_kk": "Жолдар және көлік",
            "ministry": ministry,
        },
    )
    return found


def named_district(visit: Visit, *, name_en: str = "Riverside District", kato: str = "119999999") -> District:
    return DistrictFactory(
        region=visit.region, kato=kato, name_en=name_en, name_ru="Приречный район", name_kk="Өзен ауданы"
    )

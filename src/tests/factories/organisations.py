"""Factories for regions, districts, organisations, positions, users and their roles.

Names are set per language (name_kk, name_ru, name_en) as modeltranslation stores them.
Defaults make a ministry, an oblast and a viewer; pass `kind=` / `role=` for the others.
"""

import factory
from factory.django import DjangoModelFactory

from kezdesu.organisations.models import District, Membership, Organisation, Position, Region, Role, User


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("kato",)

    # 9-digit KATO codes far from the real ones (10…79), so tests can mix factories and loaded data.
    kato = factory.Sequence(lambda n: f"9{n % 100:02d}000000")  # codes are 9 digits; get_or_create reuses
    iso_code = factory.Sequence(lambda n: f"KZ-T{n % 100:02d}")
    pcode = factory.Sequence(lambda n: f"KZ9{n % 100:02d}")
    kind = Region.Kind.OBLAST
    name_kk = factory.Sequence(lambda n: f"Сынақ {n} облысы")
    name_ru = factory.Sequence(lambda n: f"Тестовая область {n}")
    name_en = factory.Sequence(lambda n: f"Test Region {n}")
    population = 500_000
    population_as_of = "2026-01-01"
    population_source = "Bureau of National Statistics"


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("kato",)

    region = factory.SubFactory(RegionFactory)
    kato = factory.Sequence(lambda n: f"99{n:04d}000")
    pcode = factory.Sequence(lambda n: f"KZ99{n:04d}")
    kind = District.Kind.DISTRICT
    name_kk = factory.Sequence(lambda n: f"Сынақ {n} ауданы")
    name_ru = factory.Sequence(lambda n: f"Тестовый район {n}")
    name_en = factory.Sequence(lambda n: f"Test District {n}")


class OrganisationFactory(DjangoModelFactory):
    """A ministry by default. For an akimat pass `kind=Organisation.Kind.AKIMAT, region=...`;
    for a committee `kind=Organisation.Kind.COMMITTEE, parent=...`."""

    class Meta:
        model = Organisation
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"test-body-{n}")
    kind = Organisation.Kind.MINISTRY
    name_kk = factory.Sequence(lambda n: f"Сынақ министрлігі {n}")
    name_ru = factory.Sequence(lambda n: f"Тестовое министерство {n}")
    name_en = factory.Sequence(lambda n: f"Test Ministry {n}")
    competence_kk = "сынақ"
    competence_ru = "тестирование"
    competence_en = "testing"
    is_authorized_body = False
    is_active = True


class PositionFactory(DjangoModelFactory):
    class Meta:
        model = Position
        django_get_or_create = ("organisation", "code")

    organisation = factory.SubFactory(OrganisationFactory)
    code = "minister"
    level = Position.Level.FIRST_HEAD
    title_kk = "Министр"
    title_ru = "Министр"
    title_en = "Minister"
    order = 0


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.kz")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    language = "kk"
    is_demo = False
    password = factory.django.Password("kezdesu-test-password")


class MembershipFactory(DjangoModelFactory):
    """A role held in one organisation; `viewer` by default."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.VIEWER

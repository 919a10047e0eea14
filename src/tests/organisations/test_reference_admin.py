import pytest
from django.contrib.contenttypes.models import ContentType

from kezdesu.core.models import AuditLog
from kezdesu.organisations.domain.reference_edits import update_reference_object
from kezdesu.organisations.models import Membership, Organisation, Position, Region
from tests.factories.organisations import (
    DistrictFactory,
    MembershipFactory,
    OrganisationFactory,
    PositionFactory,
    RegionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    client.admin = admin
    return client


def test_editing_an_object_audits_only_the_changed_fields():
    actor = UserFactory()
    organisation = OrganisationFactory(name_en="Ministry of Old Things")
    organisation.name_en = "Ministry of New Things"

    update_reference_object(actor=actor, instance=organisation, changed_fields=["name_en", "note"])

    row = AuditLog.objects.get()
    assert (row.action, row.actor, row.organisation) == ("reference.edit.updated", actor, organisation)
    assert (row.old_values, row.new_values) == (
        {"name_en": "Ministry of Old Things"},
        {"name_en": "Ministry of New Things"},
    )
    assert Organisation.objects.get(pk=organisation.pk).name_en == "Ministry of New Things"


def test_saving_without_a_change_writes_no_audit_row():
    organisation = OrganisationFactory()

    update_reference_object(actor=None, instance=organisation, changed_fields=["name_en"])

    assert AuditLog.objects.count() == 0


def test_creating_an_object_audits_all_its_values_but_never_a_password():
    user = UserFactory.build(username="new-user")
    user.set_password("secret-password")

    update_reference_object(actor=None, instance=user, changed_fields=["username", "password"])

    row = AuditLog.objects.get()
    assert row.action == "reference.edit.created"
    assert row.new_values["username"] == "new-user"
    assert "password" not in row.new_values


@pytest.mark.parametrize("model", ["region", "district", "organisation", "position", "user", "membership"])
def test_admin_lists_and_forms_open(admin_client, model):
    MembershipFactory()
    PositionFactory()
    DistrictFactory()

    assert admin_client.get(f"/en/admin/organisations/{model}/").status_code == 200
    assert admin_client.get(f"/en/admin/organisations/{model}/add/").status_code == 200
    assert admin_client.get(f"/en/admin/organisations/{model}/?q=test").status_code == 200


def test_admin_edit_of_a_region_goes_through_the_domain_and_is_audited(admin_client):
    region = RegionFactory(population=100)
    data = {
        "kato": region.kato,
        "iso_code": region.iso_code,
        "pcode": region.pcode,
        "kind": region.kind,
        "name_kk": region.name_kk,
        "name_ru": region.name_ru,
        "name_en": "Renamed Region",
        "population": "200",
        "population_as_of": region.population_as_of,
        "population_source": region.population_source,
        "districts-TOTAL_FORMS": "0",
        "districts-INITIAL_FORMS": "0",
        "districts-MIN_NUM_FORMS": "0",
        "districts-MAX_NUM_FORMS": "1000",
    }

    response = admin_client.post(f"/en/admin/organisations/region/{region.pk}/change/", data)

    assert response.status_code == 302
    row = AuditLog.objects.get(target_type=ContentType.objects.get_for_model(Region))
    assert (row.action, row.actor) == ("reference.edit.updated", admin_client.admin)
    assert row.old_values == {"name_en": region.name_en, "population": 100}
    assert row.new_values == {"name_en": "Renamed Region", "population": 200}


def test_admin_adds_a_position_inline_with_an_audit_row(admin_client):
    organisation = OrganisationFactory(code="finance-test", kind=Organisation.Kind.MINISTRY)
    data = {
        "code": organisation.code,
        "kind": organisation.kind,
        "name_kk": organisation.name_kk,
        "name_ru": organisation.name_ru,
        "name_en": organisation.name_en,
        "competence_kk": organisation.competence_kk,
        "competence_ru": organisation.competence_ru,
        "competence_en": organisation.competence_en,
        "is_active": "on",
        "former_names-TOTAL_FORMS": "0",
        "former_names-INITIAL_FORMS": "0",
        "former_names-MIN_NUM_FORMS": "0",
        "former_names-MAX_NUM_FORMS": "1000",
        "positions-TOTAL_FORMS": "1",
        "positions-INITIAL_FORMS": "0",
        "positions-MIN_NUM_FORMS": "0",
        "positions-MAX_NUM_FORMS": "1000",
        "positions-0-code": "minister",
        "positions-0-level": "first_head",
        "positions-0-title_kk": "Сынақ министрі",
        "positions-0-title_ru": "Министр тестов",
        "positions-0-title_en": "Minister of Tests",
        "positions-0-order": "1",
        "positions-0-is_active": "on",
    }

    response = admin_client.post(f"/en/admin/organisations/organisation/{organisation.pk}/change/", data)

    assert response.status_code == 302
    position = Position.objects.get(organisation=organisation)
    row = AuditLog.objects.get(target_type=ContentType.objects.get_for_model(Position))
    assert (row.action, row.target_id, row.organisation) == ("reference.edit.created", str(position.pk), organisation)
    assert row.new_values["title_en"] == "Minister of Tests"


def test_admin_cannot_delete_regions_or_organisations(admin_client):
    region = RegionFactory()
    organisation = OrganisationFactory()

    assert admin_client.get(f"/en/admin/organisations/region/{region.pk}/delete/").status_code == 403
    assert admin_client.get(f"/en/admin/organisations/organisation/{organisation.pk}/delete/").status_code == 403


def test_admin_removal_of_a_role_is_audited(admin_client):
    membership = MembershipFactory(role="editor")

    response = admin_client.post(f"/en/admin/organisations/membership/{membership.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Membership.objects.exists()
    row = AuditLog.objects.get(action="reference.edit.deleted")
    assert (row.old_values["role"], row.organisation) == ("editor", membership.organisation)

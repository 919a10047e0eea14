"""Loading the reference data files (organisations/data/) into the database, idempotently.

Objects are matched by their stable keys (Region/District by KATO code, Organisation by code,
Position by organisation and code, a former name by organisation and last day) and updated in place;
each created, updated or deactivated object gets one audit row with the changed fields only. A second
run with the same files changes nothing and writes nothing. The akimats of the districts and towns are
not listed in the files: they are generated from districts.csv (`district_akimats.py`).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import changed, record_audit, snapshot
from kezdesu.core.models import AuditLog
from kezdesu.organisations.domain.district_akimats import district_akimats
from kezdesu.organisations.domain.reference_files import (
    DEFAULT_DATA_DIR,
    FORMER_NAME_FIELDS,
    OrganisationRecord,
    PositionRecord,
    ReferenceDataError,
    read_districts,
    read_organisations,
    read_positions,
    read_regions,
)
from kezdesu.organisations.models import District, Organisation, OrganisationName, Position, Region

# Audit actions of the loader. Rows with these actions also tell which objects came from the
# files, so that objects administrators added by hand are never deactivated by a reload.
ACTION_CREATED = "reference.load.created"
ACTION_UPDATED = "reference.load.updated"
ACTION_DEACTIVATED = "reference.load.deactivated"
# A former name gone from the file is removed: left in place it would still name the body in its time.
ACTION_DELETED = "reference.load.deleted"
LOADER_ACTIONS = (ACTION_CREATED, ACTION_UPDATED, ACTION_DEACTIVATED, ACTION_DELETED)


@dataclass
class KindReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Keys of objects the files no longer list: deactivated where the model has `is_active` (a former
    # name is removed), otherwise only reported (regions and districts are referenced too widely to remove).
    deactivated: list[str] = field(default_factory=list)
    vanished: list[str] = field(default_factory=list)


@dataclass
class ReferenceReport:
    regions: KindReport = field(default_factory=KindReport)
    districts: KindReport = field(default_factory=KindReport)
    organisations: KindReport = field(default_factory=KindReport)
    former_names: KindReport = field(default_factory=KindReport)
    positions: KindReport = field(default_factory=KindReport)

    def kinds(self) -> dict[str, KindReport]:
        return {
            "regions": self.regions,
            "districts": self.districts,
            "organisations": self.organisations,
            "former names": self.former_names,
            "positions": self.positions,
        }

    @property
    def changed_anything(self) -> bool:
        return any(kind.created or kind.updated or kind.deactivated for kind in self.kinds().values())


def load_reference_data(*, actor: Any = None, data_dir: Path | None = None) -> ReferenceReport:
    """Create or update regions, districts, organisations (with their former names) and positions from the
    data files, and the akimats of the districts and towns with their akims' posts.

    `data_dir` defaults to the files shipped in organisations/data/. All or nothing: a bad row
    raises ReferenceDataError and no change is kept.
    """
    directory = data_dir or DEFAULT_DATA_DIR
    regions = read_regions(directory / "regions.csv")
    districts = read_districts(directory / "districts.csv")
    organisations = read_organisations(directory / "organisations.yaml")
    positions = read_positions(directory / "positions.yaml")
    akimats, akims = district_akimats(districts, regions, organisations, positions)
    organisations += akimats
    positions += akims

    report = ReferenceReport()
    # Names are written per language; the untranslated column keeps the default language.
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE), transaction.atomic():
        region_ids = _load_regions(regions, actor=actor, report=report.regions)
        district_ids = _load_districts(districts, region_ids, actor=actor, report=report.districts)
        organisation_ids = _load_organisations(
            organisations, region_ids, district_ids, actor=actor, report=report.organisations
        )
        _load_former_names(organisations, organisation_ids, actor=actor, report=report.former_names)
        _load_positions(positions, organisation_ids, actor=actor, report=report.positions)
    return report


def _load_regions(rows: list[dict[str, Any]], *, actor: Any, report: KindReport) -> dict[str, int]:
    ids: dict[str, int] = {}
    existing = {region.kato: region for region in Region.objects.all()}
    for row in rows:
        values = {key: value for key, value in row.items() if key != "kato"}
        region = _upsert(existing.get(row["kato"]), Region, {"kato": row["kato"]}, values, actor=actor, report=report)
        ids[region.kato] = region.pk
    report.vanished = list(Region.objects.exclude(kato__in=ids).values_list("kato", flat=True))
    return ids


def _load_districts(
    rows: list[dict[str, Any]], region_ids: Mapping[str, int], *, actor: Any, report: KindReport
) -> dict[str, int]:
    ids: dict[str, int] = {}
    existing = {district.kato: district for district in District.objects.all()}
    for row in rows:
        values = {key: value for key, value in row.items() if key not in ("kato", "region_kato")}
        values["region"] = _resolve(region_ids, row["region_kato"], where=row["kato"])
        district = _upsert(
            existing.get(row["kato"]), District, {"kato": row["kato"]}, values, actor=actor, report=report
        )
        ids[district.kato] = district.pk
    report.vanished = list(District.objects.exclude(kato__in=ids).values_list("kato", flat=True))
    return ids


def _load_organisations(
    records: list[OrganisationRecord],
    region_ids: Mapping[str, int],
    district_ids: Mapping[str, int],
    *,
    actor: Any,
    report: KindReport,
) -> dict[str, int]:
    _hand_over_authorized_body(records, actor=actor, report=report)
    ids: dict[str, int] = {}
    existing = {organisation.code: organisation for organisation in Organisation.objects.all()}
    for record in records:
        values = dict(record.values)
        values["is_active"] = True
        values["parent"] = _resolve(ids, record.parent, where=record.code) if record.parent else None
        values["region"] = _resolve(region_ids, record.region, where=record.code) if record.region else None
        values["district"] = _resolve(district_ids, record.district, where=record.code) if record.district else None
        instance = existing.get(record.code)
        organisation = _upsert(instance, Organisation, {"code": record.code}, values, actor=actor, report=report)
        ids[record.code] = organisation.pk
    vanished = Organisation.objects.filter(is_active=True, pk__in=_loaded_ids(Organisation)).exclude(
        pk__in=ids.values()
    )
    for organisation in vanished:
        _deactivate(organisation, actor=actor, organisation=organisation)
        report.deactivated.append(organisation.code)
    return ids


def _load_former_names(
    records: list[OrganisationRecord], organisation_ids: Mapping[str, int], *, actor: Any, report: KindReport
) -> None:
    """The names each body bore before, keyed by its last day. Names added in the admin stay."""
    seen: list[int] = []
    existing = {(name.organisation_id, name.used_until): name for name in OrganisationName.objects.all()}
    for record in records:
        organisation_id = organisation_ids[record.code]
        for former in record.former_names:
            lookup = {"organisation_id": organisation_id, "used_until": former.used_until}
            instance = existing.get((organisation_id, former.used_until))
            name = _upsert(instance, OrganisationName, lookup, former.values, actor=actor, report=report)
            seen.append(name.pk)
    gone = (
        OrganisationName.objects.filter(pk__in=_loaded_ids(OrganisationName))
        .exclude(pk__in=seen)
        .select_related("organisation")
    )
    for name in gone:
        record_audit(
            actor=actor,
            action=ACTION_DELETED,
            target=name,
            organisation=name.organisation,
            old=snapshot(name, ["used_until", *FORMER_NAME_FIELDS]),
        )
        report.deactivated.append(f"{name.organisation.code}/{name.used_until.isoformat()}")
        name.delete()


def _hand_over_authorized_body(records: list[OrganisationRecord], *, actor: Any, report: KindReport) -> None:
    """At most one organisation is the authorized body: take the flag off the old one first."""
    new_holder = next((record.code for record in records if record.values.get("is_authorized_body")), None)
    old_holder = Organisation.objects.filter(is_authorized_body=True).exclude(code=new_holder or "").first()
    if old_holder is not None and new_holder is not None:
        _save_changes(old_holder, {"is_authorized_body": False}, actor=actor, report=report)


def _load_positions(
    records: list[PositionRecord], organisation_ids: Mapping[str, int], *, actor: Any, report: KindReport
) -> None:
    seen: list[int] = []
    existing = {(position.organisation_id, position.code): position for position in Position.objects.all()}
    for record in records:
        organisation_id = _resolve(organisation_ids, record.organisation, where=record.code)
        values = {**record.values, "is_active": True}
        lookup = {"organisation_id": organisation_id, "code": record.code}
        instance = existing.get((organisation_id, record.code))
        position = _upsert(instance, Position, lookup, values, actor=actor, report=report)
        seen.append(position.pk)
    vanished = (
        Position.objects.filter(is_active=True, pk__in=_loaded_ids(Position))
        .exclude(pk__in=seen)
        .select_related("organisation")
    )
    for position in vanished:
        _deactivate(position, actor=actor, organisation=position.organisation)
        report.deactivated.append(f"{position.organisation.code}/{position.code}")


def _upsert(
    instance: Any,
    model: type[models.Model],
    lookup: Mapping[str, Any],
    values: Mapping[str, Any],
    *,
    actor: Any,
    report: KindReport,
) -> Any:
    """Create the object or bring the listed fields of `instance` up to date; audit what changed."""
    if instance is None:
        instance = model(**lookup)
        _assign(instance, values)
        instance.save()
        record_audit(
            actor=actor,
            action=ACTION_CREATED,
            target=instance,
            organisation=_organisation_of(instance),
            new=snapshot(instance, [*_field_names(lookup), *values]),
        )
        report.created += 1
        return instance
    _save_changes(instance, values, actor=actor, report=report)
    return instance


def _save_changes(instance: models.Model, values: Mapping[str, Any], *, actor: Any, report: KindReport) -> None:
    before = snapshot(instance, values)
    _assign(instance, values)
    old, new = changed(before, snapshot(instance, values))
    if not new:
        report.unchanged += 1
        return
    instance.save(update_fields=_update_fields(instance, new))
    record_audit(
        actor=actor, action=ACTION_UPDATED, target=instance, organisation=_organisation_of(instance), old=old, new=new
    )
    report.updated += 1


def _deactivate(instance: Organisation | Position, *, actor: Any, organisation: Organisation) -> None:
    instance.is_active = False
    instance.save(update_fields=["is_active"])
    record_audit(
        actor=actor,
        action=ACTION_DEACTIVATED,
        target=instance,
        organisation=organisation,
        old={"is_active": True},
        new={"is_active": False},
    )


def _assign(instance: models.Model, values: Mapping[str, Any]) -> None:
    for name, value in values.items():
        model_field = instance._meta.get_field(name)
        # Relations are given as primary keys.
        setattr(instance, f"{name}_id" if model_field.is_relation else name, value)


def _update_fields(instance: models.Model, names: Iterable[str]) -> list[str]:
    """The changed fields, plus the untranslated column when a translation of it changed."""
    fields = set()
    for name in names:
        model_field = instance._meta.get_field(name)
        fields.add(name)
        original = getattr(model_field, "translated_field", None)
        if (
            original is not None
            and getattr(model_field, "language", None) == settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        ):
            fields.add(original.name)
    return sorted(fields)


def _field_names(lookup: Mapping[str, Any]) -> list[str]:
    return [name.removesuffix("_id") for name in lookup]


def _organisation_of(instance: models.Model) -> Organisation | None:
    if isinstance(instance, Organisation):
        return instance
    if isinstance(instance, Position | OrganisationName):
        return instance.organisation
    return None


def _loaded_ids(model: type[models.Model]) -> list[str]:
    """Objects that came from the data files at some time, known from the loader's audit rows."""
    content_type = ContentType.objects.get_for_model(model)
    return list(
        AuditLog.objects.filter(target_type=content_type, action__in=LOADER_ACTIONS)
        .values_list("target_id", flat=True)
        .distinct()
    )


def _resolve(ids: Mapping[str, int], key: str, *, where: str) -> int:
    try:
        return ids[key]
    except KeyError:
        # Parents must come before their children in the file, so an unknown code may be a later one.
        raise ReferenceDataError(
            _("%(where)s refers to “%(key)s”, which is not listed before it.") % {"where": where, "key": key}
        ) from None

"""The akimats of districts, towns and city districts (R17: akims of all levels), generated from districts.csv.

One akimat per row of districts.csv, coded `akimat-<KATO>`, under the akimat of its region, with one post:
its akim. Names are derived from the district's own names in each language. Kazakh attaches its suffix to
"ауданы" / "қаласы", never to a bare proper name, so vowel harmony never comes into play; Russian puts the
district's adjective in the genitive by rule and takes towns from a table. An akimat or post listed in
organisations.yaml or positions.yaml under the same code is taken from the file instead.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from kezdesu.organisations.domain.reference_files import (
    ORGANISATION_TEXT,
    OrganisationRecord,
    PositionRecord,
    ReferenceDataError,
)
from kezdesu.organisations.models import District, Organisation, Position

CODE_PREFIX = "akimat-"
AKIM = "akim"
SOURCE = "districts.csv"

# Units of districts.csv without an akim of Kazakhstan: Baikonur is leased to Russia (1994) and run by a
# head of administration it appoints.
WITHOUT_AKIMAT = frozenset({"431900000"})

# Russian: "…ский район" → "…ского района" and the other adjective endings by rule; a district whose name
# does not follow them is listed here (none in the 2024 list).
DISTRICT_GENITIVES: dict[str, str] = {}
ADJECTIVE_ENDINGS = (("ский", "ского"), ("цкий", "цкого"), ("ный", "ного"), ("ой", "ого"))
# Russian: the towns and cities whose name declines after "города" ("акимат города Уральска"). The others keep
# the nominative, as the Kazakh names adopted in Russian do in official usage ("акимат города Семей", "Конаев",
# "Сатпаев", "Курчатов", "Актобе", "Кокшетау"...).
TOWN_GENITIVES = {
    "Астана": "Астаны",
    "Шымкент": "Шымкента",
    "Арысь": "Арыси",
    "Аркалык": "Аркалыка",
    "Балхаш": "Балхаша",
    "Жанаозен": "Жанаозена",
    "Жезказган": "Жезказгана",
    "Караганда": "Караганды",
    "Каражал": "Каражала",
    "Костанай": "Костаная",
    "Кызылорда": "Кызылорды",
    "Лисаковск": "Лисаковска",
    "Павлодар": "Павлодара",
    "Петропавловск": "Петропавловска",
    "Приозерск": "Приозерска",
    "Риддер": "Риддера",
    "Рудный": "Рудного",
    "Сарань": "Сарани",
    "Степногорск": "Степногорска",
    "Талдыкорган": "Талдыкоргана",
    "Тараз": "Тараза",
    "Туркестан": "Туркестана",
    "Уральск": "Уральска",
    "Усть-Каменогорск": "Усть-Каменогорска",
    "Шахтинск": "Шахтинска",
    "Экибастуз": "Экибастуза",
}


@dataclass(frozen=True)
class AkimatNames:
    """The akimat's name and its akim's title, per language."""

    name: dict[str, str]
    akim: dict[str, str]


def akimat_code(district_kato: str) -> str:
    return f"{CODE_PREFIX}{district_kato}"


def akimat_names(district: Mapping[str, Any], region: Mapping[str, Any]) -> AkimatNames:
    """Names for the akimat of `district` (a row of districts.csv) in `region` (a row of regions.csv)."""
    kind = district["kind"]
    if kind == District.Kind.CITY:
        kk = f"{district['name_kk']} қаласының"
        ru = f"города {_town_genitive(district['name_ru'])}"
        en = f"the town of {district['name_en']}"
    elif kind == District.Kind.CITY_DISTRICT:
        kk = f"{region['name_kk']} қаласы {_district_genitive_kk(district)}"
        ru = f"{_district_genitive_ru(district)} города {_town_genitive(region['name_ru'])}"
        en = f"{district['name_en']} of {region['name_en']}"
    else:
        kk, ru, en = _district_genitive_kk(district), _district_genitive_ru(district), district["name_en"]
    return AkimatNames(
        name={"kk": f"{kk} әкімдігі", "ru": f"Акимат {ru}", "en": f"Akimat of {en}"},
        akim={"kk": f"{kk} әкімі", "ru": f"Аким {ru}", "en": f"Akim of {en}"},
    )


def district_akimats(
    districts: Iterable[Mapping[str, Any]],
    regions: Iterable[Mapping[str, Any]],
    organisations: Iterable[OrganisationRecord],
    positions: Iterable[PositionRecord],
) -> tuple[list[OrganisationRecord], list[PositionRecord]]:
    """The akimats of the districts and their akims' posts, except those the files list themselves (an akimat
    listed in organisations.yaml still gets its generated akim unless positions.yaml lists the post).

    `districts` and `regions` are the rows of districts.csv and regions.csv; `organisations` and `positions`
    the records of organisations.yaml and positions.yaml, where each region's akimat is found.
    """
    regions_by_kato = {region["kato"]: region for region in regions}
    listed = [*organisations]
    regional_akimats: dict[str, str] = {}
    for record in listed:
        if record.values.get("kind") == Organisation.Kind.AKIMAT and record.region:
            regional_akimats.setdefault(record.region, record.code)
    listed_codes = {record.code for record in listed}
    listed_posts = {(record.organisation, record.code) for record in positions}
    akimats: list[OrganisationRecord] = []
    posts: list[PositionRecord] = []
    for district in districts:
        code = akimat_code(district["kato"])
        if district["kato"] in WITHOUT_AKIMAT:
            continue
        names = akimat_names(district, regions_by_kato[district["region_kato"]])
        if code not in listed_codes:
            akimats.append(_akimat(district, code, names, regional_akimats))
        if (code, AKIM) not in listed_posts:
            title = {f"title_{language}": name for language, name in names.akim.items()}
            values = {**title, "level": Position.Level.FIRST_HEAD, "order": 1}
            posts.append(PositionRecord(organisation=code, code=AKIM, values=values))
    return akimats, posts


def _akimat(
    district: Mapping[str, Any], code: str, names: AkimatNames, regional_akimats: Mapping[str, str]
) -> OrganisationRecord:
    parent = regional_akimats.get(district["region_kato"])
    if parent is None:
        raise ReferenceDataError(
            _("%(file)s, %(where)s: the region %(region)s has no akimat in organisations.yaml.")
            % {"file": SOURCE, "where": district["kato"], "region": district["region_kato"]}
        )
    values: dict[str, Any] = dict.fromkeys(ORGANISATION_TEXT, "")
    values.update({f"name_{language}": name for language, name in names.name.items()})
    values.update(kind=Organisation.Kind.DISTRICT_AKIMAT, is_authorized_body=False, existed_from=None, existed_to=None)
    return OrganisationRecord(
        code=code, parent=parent, region=district["region_kato"], district=district["kato"], values=values
    )


def _district_genitive_kk(district: Mapping[str, Any]) -> str:
    """ "Жаңасемей ауданы" → "Жаңасемей ауданының"; "… атындағы аудан" → "… атындағы ауданның"."""
    name: str = district["name_kk"]
    if name.endswith(("ауданы", "аудан")):
        return f"{name}ның"
    raise _unnamed(district, "kk")


def _district_genitive_ru(district: Mapping[str, Any]) -> str:
    """ "Жанасемейский район" → "Жанасемейского района"; "район Биржан сал" → "района Биржан сал"."""
    name: str = district["name_ru"]
    if name in DISTRICT_GENITIVES:
        return DISTRICT_GENITIVES[name]
    if name.startswith("район "):
        return "района " + name.removeprefix("район ")
    adjective, _space, noun = name.rpartition(" ")
    if noun == "район":
        for ending, genitive in ADJECTIVE_ENDINGS:
            if adjective.endswith(ending):
                return f"{adjective.removesuffix(ending)}{genitive} района"
    raise _unnamed(district, "ru")


def _town_genitive(name: str) -> str:
    return TOWN_GENITIVES.get(name, name)


def _unnamed(district: Mapping[str, Any], language: str) -> ReferenceDataError:
    return ReferenceDataError(
        _(
            "%(file)s, %(where)s: the name “%(name)s” does not follow a known pattern; add the akimat's name "
            "to the table in organisations/domain/district_akimats.py."
        )
        % {"file": SOURCE, "where": district["kato"], "name": district[f"name_{language}"]}
    )

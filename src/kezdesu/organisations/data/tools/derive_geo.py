"""Derive regions.csv and districts.csv from the raw geokz files in ../geo/.

A one-off tool, kept so the normalisation can be reviewed and redone on a new geokz release:
    python src/kezdesu/organisations/data/tools/derive_geo.py
Since the first run the two CSVs are the source of truth; edit them directly for small fixes.
Every rule applied here is listed in ../README.md.
"""

import csv
import re
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent
GEO = DATA / "geo"

# KATO: AA BB CC DDD. AA = region; in an oblast BB < 30 is a city of regional significance and
# BB >= 30 a district; in the three cities of republican significance every unit is a city district.
REPUBLICAN_CITIES = {"71", "75", "79"}
# Exceptions to the BB < 30 rule: a district that the KATO places in a city's block of codes.
DISTRICTS_IN_CITY_BLOCK = {"101010000"}  # Zhanasemey District, re-established 1 Jan 2024

REGION_NAMES: dict[str, tuple[str, str, str]] = {
    # kato: (kk, ru, en) in official usage
    "100000000": ("Абай облысы", "область Абай", "Abai Region"),
    "110000000": ("Ақмола облысы", "Акмолинская область", "Akmola Region"),
    "150000000": ("Ақтөбе облысы", "Актюбинская область", "Aktobe Region"),
    "190000000": ("Алматы облысы", "Алматинская область", "Almaty Region"),
    "230000000": ("Атырау облысы", "Атырауская область", "Atyrau Region"),
    "270000000": ("Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region"),
    "310000000": ("Жамбыл облысы", "Жамбылская область", "Zhambyl Region"),
    "330000000": ("Жетісу облысы", "область Жетісу", "Zhetysu Region"),
    "350000000": ("Қарағанды облысы", "Карагандинская область", "Karaganda Region"),
    "390000000": ("Қостанай облысы", "Костанайская область", "Kostanay Region"),
    "430000000": ("Қызылорда облысы", "Кызылординская область", "Kyzylorda Region"),
    "470000000": ("Маңғыстау облысы", "Мангистауская область", "Mangystau Region"),
    "550000000": ("Павлодар облысы", "Павлодарская область", "Pavlodar Region"),
    "590000000": ("Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan Region"),
    "610000000": ("Түркістан облысы", "Туркестанская область", "Turkistan Region"),
    "620000000": ("Ұлытау облысы", "область Ұлытау", "Ulytau Region"),
    "630000000": ("Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region"),
    "710000000": ("Астана", "Астана", "Astana"),
    "750000000": ("Алматы", "Алматы", "Almaty"),
    "790000000": ("Шымкент", "Шымкент", "Shymkent"),
}

# Russian names that are not "<adjective> район": districts named after a person or renamed
# with a Kazakh name, and spelling fixes of the source.
RU_DISTRICT_NAMES = {
    "113400000": "Аршалинский район",  # the source has a Latin "A"
    "114500000": "район Биржан сал",
    "155200000": "Уилский район",
    "274400000": "район Байтерек",
    "315000000": "район Турара Рыскулова",
    "234800000": "Кызылкогинский район",
    "394200000": "Жангельдинский район",
    "396400000": "район Беимбета Майлина",
    "435200000": "Шиелийский район",
    "554800000": "район Тереңкөл",
    "555200000": "район Аққулы",
    "593600000": "район Магжана Жумабаева",
    "595600000": "район Шал акына",
    "596600000": "район имени Габита Мусрепова",
    "613600000": "Байдибекский район",
    "791310000": "Аль-Фарабийский район",
    "791510000": "Енбекшинский район",  # the source doubles the suffix
    "791710000": "Каратауский район",  # the source doubles the suffix
}
KK_NAMES = {
    "275400000": "Бөкейорда ауданы",
    "274800000": "Казталов ауданы",
    "596600000": "Ғабит Мүсірепов атындағы аудан",
    "791310000": "Әл-Фараби ауданы",
    "331000000": "Талдықорған",  # the source swaps the kk and ru spellings of this city
}
RU_CITY_NAMES = {"331000000": "Талдыкорган"}
EN_NAMES = {
    "101010000": "Zhanasemey District",
    "191000000": "Konaev",
    "271000000": "Oral",
    "274800000": "Kaztalov District",
    "352200000": "Saran",
    "392400000": "Rudny",
    "591000000": "Petropavl",
    "611000000": "Turkistan",
    "631000000": "Oskemen",
}


def kazakh_letters(text: str) -> str:
    """Kazakh uses Cyrillic і (U+0456); the source sometimes has the Latin letter."""
    return text.replace("i", "і").replace("I", "І")


def capitalise_words(text: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in text.split(" "))


def district_kind(kato: str) -> str:
    if kato[:2] in REPUBLICAN_CITIES:
        return "city_district"
    if int(kato[2:4]) < 30 and kato not in DISTRICTS_IN_CITY_BLOCK:
        return "city"
    return "district"


def district_row(raw: dict[str, str], region_kato: str) -> dict[str, str]:
    kato = raw["kato"]
    kind = district_kind(kato)
    name_kk = kazakh_letters(raw["name_kk"])
    if kind == "city":
        kk = KK_NAMES.get(kato, name_kk)
        ru = RU_CITY_NAMES.get(kato, raw["name_ru"])
        en = EN_NAMES.get(kato, capitalise_words(raw["name_en"]))
    else:
        kk = KK_NAMES.get(kato, f"{name_kk} ауданы")
        ru = RU_DISTRICT_NAMES.get(kato, f"{raw['name_ru']} район")
        en = EN_NAMES.get(kato, f"{capitalise_words(raw['name_en'])} District")
    for text in (kk, ru):
        if re.search("[A-Za-z]", text):
            raise ValueError(f"Latin letters in {kato}: {text}")
    return {
        "kato": kato,
        "pcode": raw["pcode"],
        "region_kato": region_kato,
        "region_pcode": raw["adm1_pcode"],
        "kind": kind,
        "name_kk": kk,
        "name_ru": ru,
        "name_en": en,
    }


def main() -> None:
    with (GEO / "kz-adm1-2024.csv").open(encoding="utf-8") as f:
        adm1 = list(csv.DictReader(f))
    with (GEO / "region-population.csv").open(encoding="utf-8") as f:
        population = {row["iso_3166_2"]: row for row in csv.DictReader(f)}
    with (GEO / "kz-adm2-2024.csv").open(encoding="utf-8") as f:
        adm2 = list(csv.DictReader(f))

    regions = []
    for raw in adm1:
        kk, ru, en = REGION_NAMES[raw["kato"]]
        figure = population[raw["iso_3166_2"]]
        regions.append(
            {
                "kato": raw["kato"],
                "iso_code": raw["iso_3166_2"],
                "pcode": raw["pcode"],
                "kind": "city" if raw["kato"][:2] in REPUBLICAN_CITIES else "oblast",
                "name_kk": kk,
                "name_ru": ru,
                "name_en": en,
                "population": figure["population"],
                "population_as_of": figure["as_of"],
                "population_source": figure["source"],
            }
        )
    region_kato = {raw["pcode"]: raw["kato"] for raw in adm1}
    districts = [district_row(raw, region_kato[raw["adm1_pcode"]]) for raw in adm2]

    for name, rows in (("regions.csv", regions), ("districts.csv", districts)):
        with (DATA / name).open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)


if __name__ == "__main__":
    main()

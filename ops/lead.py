"""Era bounds that the texts give only by the events next to them: the editors' readings,
each with its reason, and each era's precision as the texts give it."""

from events.models import Era
from sources.models import Citation, Source

PRECISIONS = {
    "japanese-rule": ("year", "day"),
    "cold-war": ("day", "year"),
    "war-in-ukraine": ("year", "day"),
    "after-the-cold-war": ("year", "year"),
}
for slug, (start, end) in PRECISIONS.items():
    Era.objects.filter(slug=slug).update(start_precision=start, end_precision=end)

READINGS = [
    (
        "japanese-rule",
        "end",
        "14 August 1945",
        "dprk-cold-war",
        "They successfully crossed the border with the Korean peninsula on August 15",
        "The birth of the two Koreas, ¶1",
        "Japanese rule is taken to end the day before Soviet troops crossed into Korea on 15 August 1945.",
    ),
    (
        "liberation-and-division",
        "end",
        "24 June 1950",
        "dprk-cold-war",
        "On the morning of June 25th, 1950, the KPA forces finally received the order to attack.",
        "1950-1953, the Fatherland Liberation War, ¶4",
        "The era ends the day before the Korean War began on 25 June 1950.",
    ),
    (
        "cold-war",
        "start",
        "28 July 1953",
        "dprk-cold-war",
        "The armistice was signed on 27th July 1953",
        "1950-1953, the Fatherland Liberation War",
        "The era begins the day after the armistice that ended the Korean War.",
    ),
    (
        "after-the-cold-war",
        "start",
        "1992",
        "strategypage-north-korea-delivers",
        "When the Soviet empire fell apart in 1991, the markets for most North Korean goods disappeared.",
        "¶ “In the 1970s, foreign investment…”",
        "The era begins with the year after the Soviet Union fell apart in 1991.",
    ),
    (
        "after-the-cold-war",
        "end",
        "2021",
        "strategypage-north-korea-delivers",
        "Russian troops in Ukraine have suffered such high losses since early 2022 that the Russian army has run out of soldiers.",
        "¶ “The need for the North Korean treaty…”",
        "The era ends with the year before Russia’s war in Ukraine began, early in 2022.",
    ),
]
for slug, attribute, value, source, quote, locator, note in READINGS:
    era = Era.objects.get(slug=slug)
    Citation.objects.get_or_create(
        era=era,
        attribute=attribute,
        value=value,
        defaults={
            "source": Source.objects.get(slug=source),
            "quote": quote,
            "locator": locator,
            "note": note,
            "reading": True,
        },
    )

# The Chinese Civil War "restarted" after the defeat of the Japanese in August 1945 and the
# Communists "won in December 1949": after August 1945, to December 1949, not "about".
from events.models import Event  # noqa: E402

Event.objects.filter(slug="chinese-civil-war-1945-1949", circa=True).update(circa=False, date_qualifier="after")

# Where the texts say only "tank" or "gun", the category says so ("class not stated"),
# rather than "other"; first sightings "by 1992" are stored as by 1992.
from equipment.models import Equipment  # noqa: E402
from sources.models import Citation as _Citation  # noqa: E402

for slug in [
    "m24-chaffee",
    "m26-pershing",
    "m4-sherman",
    "m47-patton",
    "m48-patton",
    "north-korean-tank-with-active-protection",
]:
    if _Citation.objects.filter(equipment__slug=slug, attribute="category", value="tank").exists():
        Equipment.objects.filter(slug=slug, category="other").update(category="tank")
if _Citation.objects.filter(equipment__slug="d-20", attribute="category", value="gun").exists():
    Equipment.objects.filter(slug="d-20", category="other").update(category="gun")
for equipment in Equipment.objects.filter(first_observed__isnull=False, first_observed_qualifier=""):
    values = set(equipment.citations.filter(attribute="first_observed").values_list("value", flat=True))
    if values and all(value.lower().startswith("by ") for value in values):
        equipment.first_observed_qualifier = "by"
        equipment.save(update_fields=["first_observed_qualifier"])

# The values `manage.py provenance` still found unexplained or contradicted once the other
# scripts had run: each given the citation that states it, or marked as a reading.
from equipment.models import Designation, Transfer  # noqa: E402
from events.models import Actor  # noqa: E402

COLD_WAR = Source.objects.get(slug="dprk-cold-war")
KURSK = Source.objects.get(slug="koksan-howitzers-for-russia")
JOONGANG = Source.objects.get(slug="joongang-kim-tank-factory")


def cite(entry, source, quote, locator, attribute, value, note=""):
    """A citation of ``entry``'s ``attribute``; a reading when it comes with a note."""
    kind = entry._meta.model_name
    Citation.objects.get_or_create(
        **{kind: entry},
        source=source,
        quote=quote,
        attribute=attribute,
        value=value,
        defaults={"locator": locator, "note": note, "reading": bool(note)},
    )


brigade = Event.objects.get(slug="105th-armored-brigade-formed")
for regiment in ("107th Tank Regiment", "109th Tank Regiment"):
    cite(
        brigade,
        COLD_WAR,
        "The 107th, 109th, and 203rd Tank Regiments were equipped with 40 T-34-85s each",
        "Birth of the Korean People’s Army, ¶10",
        "actors",
        regiment,
    )
cite(
    Event.objects.get(slug="kpa-losses-1950"),
    COLD_WAR,
    "During the fighting, about 200,000 PKA soldiers were wounded or killed",
    "1950-1953, the Fatherland Liberation War, ¶15",
    "actors",
    "Korean People’s Army",
    "The text’s “PKA” is read as the Korean People’s Army, whose losses the account gives.",
)
parade = Event.objects.get(slug="m1992-vehicles-first-observed-1992-parade")
PARADE = (
    "with the M1992 designation for example applying to an armored personnel carrier, an ATGM carrier, a model "
    "of the Chonma-Ho and a self-propelled artillery piece: all were first observed in the same 1992 parade."
)
PARADE_AT = "North Korea: Open to export… and closed to journalists, ¶6 “This openness of North Korea…”"
for name, described in [
    ("M1992 reconnaissance armored car", "armoured personnel carrier"),
    ("M1992 ATGM carrier", "ATGM carrier"),
    ("Chonma-Ho (M1992)", "model of the Chonma-Ho"),
    ("M1992 self-propelled gun", "self-propelled artillery piece"),
]:
    cite(
        parade,
        COLD_WAR,
        PARADE,
        PARADE_AT,
        "equipment",
        name,
        f"The sentence names the M1992 {described}; this entry is that vehicle.",
    )
cite(
    parade,
    COLD_WAR,
    "By 1992, new self-propelled artillery pieces were first observed by an international audience, mounting a "
    "122 mm and either a 130 or 152 mm gun in a fully rotatable turret. These were designated M1991 and M1992.",
    "1980s and early 1990s: A blooming tank industry, ¶1 “The 1980s and early 1990s were marked…”",
    "equipment",
    "M1991 self-propelled howitzer",
)
cite(
    Event.objects.get(slug="kim-jong-un-tank-factory-inspection-2025"),
    JOONGANG,
    "The tank reportedly features an active protection system that automatically intercepts incoming anti-tank "
    "weapons.",
    "¶10 “He noted that the tank…”",
    "equipment",
    "New North Korean tank with active protection system",
    "The tank spotted during the inspection is the one the article describes with an active protection system.",
)
cite(
    Event.objects.get(slug="koksan-kursk-video-2025-01-07"),
    KURSK,
    "By 7 January, video footage from Kursk showed the artillery in the battlefield, with a North Korean soldier "
    "referring to it as a “gift” from Kim Jong-un.",
    "¶4 “Evidence of deliveries emerged…”",
    "actors",
    "North Korean troops in Russia",
    "The North Korean soldier in the footage from Kursk is read as one of the North Korean troops in Russia.",
)

# The tank training regiment: its tanks equipped one of the KPA's two armies in June 1950.
regiment = Actor.objects.get(slug="15th-tank-training-regiment")
kpa = Actor.objects.get(slug="korean-peoples-army")
if regiment.parent.slug == "korean-peoples-army-ground-forces":
    regiment.parent = kpa
    regiment.save(update_fields=["parent"])
cite(
    regiment,
    COLD_WAR,
    "The KPA was divided into two armies, the first equipped with the 120 T-34-85s of the 105th Armor Brigade and "
    "the second with only 30 T-34s of the 208th Tank Training Regiment.",
    "1950-1953, the Fatherland Liberation War, ¶5",
    "parent",
    "Korean People’s Army",
    "The regiment’s tanks equipped one of the KPA’s two armies: it is read as a unit of the KPA.",
)

# The M4A3 Sherman: the text says only "tanks"; the reading "medium tank" goes with the
# category it read.
sherman = Equipment.objects.get(slug="m4a3-sherman")
if sherman.category in ("other", "medium_tank"):
    sherman.category = "tank"
    sherman.save(update_fields=["category"])
Citation.objects.filter(equipment=sherman, attribute="category", value="medium tank", reading=True).delete()

cite(
    Designation.objects.get(code="Chonma II", scheme="western_press"),
    COLD_WAR,
    "The so-called “Chonma-Ho II”, which differs from the original model by the inclusion of a laser rangefinder "
    "housed on top of the main gun.",
    "1980s and early 1990s: A blooming tank industry, caption “The so-called “Chonma-Ho II”…”",
    "equipment",
    "Chonma-Ho II",
    "The western division numbers the series Chonma I to VI; the caption’s so-called “Chonma-Ho II” is read as "
    "the vehicle its “Chonma II” names.",
)

# The T-62s from the Soviet Union: "by no means confirmed and appears unlikely".
Transfer.objects.filter(slug="ussr-to-dprk-t-62", status="reported").update(status="doubtful")


# Categories the texts state only in a paragraph about other vehicles: each given the
# sentence that says it of this one, changed to what the text says ("tank", "gun"), or
# marked as a reading with the reason.
def locator_of(source, quote):
    """The locator of another citation quoting the same paragraph of ``source``."""
    paragraph = next(line for line in source.text.splitlines() if quote in line)
    for citation in Citation.objects.filter(source=source).order_by("pk"):
        if citation.quote in paragraph and citation.locator:
            return citation.locator
    raise LookupError(f"no citation of {source} quotes the paragraph of {quote!r}")


def category(slug, quote, value, note="", becomes=None):
    equipment = Equipment.objects.get(slug=slug)
    if becomes and equipment.category != becomes:
        equipment.category = becomes
        equipment.save(update_fields=["category"])
    cite(equipment, COLD_WAR, quote, locator_of(COLD_WAR, quote), "category", value, note)


ANTI_TANK = "45 mm M1937, 57 mm ZIS-2, 76 mm ZIS-3 anti-tank guns"
for slug in ("45mm-m1937", "zis-2", "zis-3"):
    category(slug, ANTI_TANK, "anti-tank gun", becomes="gun")
category("57-mm-anti-tank-gun", "the ROKA had no tanks and few 57 mm anti-tank guns", "anti-tank gun", becomes="gun")
category(
    "k1",
    "Only in 1988 would a tank surpassing the Chonma enter service in the ROKA, though this vehicle, the K1",
    "tank",
    becomes="tank",
)
for slug in ("m48a3", "m48a5"):
    category(slug, "the best tanks of the ROKA, which were M48A3 and M48A5", "tank", becomes="tank")
category(
    "tokchon",
    "North Korea designing self-propelled artillery pieces that combined a number of chassis (Soviet ATS-59 "
    "tractors, 323s, and even Type 59s) to produce a variety of artillery pieces, such as the Tokchons",
    "self-propelled artillery",
)
MBT_T62 = "This was a North Korean version of the Soviet Union’s T-62 main battle tank."
for slug, what in [
    ("chonma-92", "a model of the Chonma-Ho"),
    ("chonma-ho-ii", "a model of the Chonma-Ho"),
    ("chonma-ho-m1992", "a model of the Chonma-Ho"),
    ("chonma-series", "the series of the Chonma-Ho"),
]:
    category(
        slug,
        MBT_T62,
        "main battle tank",
        f"This is {what}, the North Korean version of the T-62, which the text calls a main battle tank.",
    )
for slug in ("t-62-obr-1962", "t-62-obr-1972"):
    category(slug, MBT_T62, "main battle tank", "A model of the T-62, which the text calls a main battle tank.")
STOCK = "a very large stock of Soviet and Chinese MBTs"
category(
    "t-55",
    STOCK,
    "main battle tank",
    "The licensed production of T-55s is what left North Korea this stock of Soviet MBTs.",
)
category(
    "type-59",
    STOCK,
    "main battle tank",
    "The Type 59s China delivered in large quantities are the Chinese MBTs of this stock.",
)
category(
    "t-72",
    "This vehicle would be heavily studied in order to use some of its technologies in North Korea’s own Main "
    "Battle Tanks.",
    "main battle tank",
    "The single T-72 was studied for North Korea’s own main battle tanks: it is read as one itself.",
)
category(
    "t-34-85",
    "This amounted to a total of 120 medium tanks, 16 self-propelled vehicles, an unknown number of trucks, and "
    "about 6,000 soldiers.",
    "medium tank",
    "The 120 medium tanks are the brigade’s T-34-85s, 40 in each of its three tank regiments.",
)
category(
    "323-command-variant",
    "Additionally, it also provided the basis for command variants, anti-tank vehicles and anti-ship missile "
    "carriers, etcetera.",
    "armoured personnel carrier",
    "A command variant built on the 323 armoured personnel carrier is read as one itself.",
)
category(
    "323-with-manpads",
    "from the mere addition of Man-Portable Air Defense Systems (MANPADS) to its turret",
    "armoured personnel carrier",
    "The 323 armoured personnel carrier with MANPADS added to its turret is read as one still.",
)
category(
    "m113",
    "In comparison to American and South Korea’s M113, the 323 offered vastly superior firepower",
    "armoured personnel carrier",
    "The M113 is set against the 323 armoured personnel carrier, passenger for passenger: read as one too.",
)
SHILKA = (
    "The M1985 self-propelled anti-aircraft gun – its hull design is based on the ZSU-23-4 Shilka’s, but its "
    "armament is the same as the ZSU-57-2."
)
category(
    "zsu-23-4-shilka",
    SHILKA,
    "self-propelled anti-aircraft gun",
    "The North Korean self-propelled anti-aircraft guns are built on the Shilka’s hull: it is read as one itself.",
)
category(
    "zsu-57-2",
    SHILKA,
    "self-propelled anti-aircraft gun",
    "A North Korean self-propelled anti-aircraft gun carries the ZSU-57-2’s armament: it is read as one itself.",
)

STRATEGYPAGE = Source.objects.get(slug="strategypage-north-korea-delivers")
cite(
    Transfer.objects.get(slug="nato-to-ukraine-support"),
    STRATEGYPAGE,
    "Unlike Ukraine, which had substantial military and economic support from NATO nations, all Russia had were "
    "Iran and North Korea.",
    "¶1 “January 10, 2026: In Ukraine…”",
    "status",
    "delivered",
    "Ukraine “had” the support of NATO nations: it is read as delivered.",
)
cite(
    Transfer.objects.get(slug="ussr-to-15th-tank-training-regiment-tank-officers-1948"),
    COLD_WAR,
    "was staffed by a squad of about 30 tank officers, veteran Soviet volunteers",
    "Birth of the Korean People’s Army, ¶6",
    "status",
    "delivered",
    "The regiment was staffed by these Soviet officers: their coming is read as delivered.",
)

# The texts call the Soviet Union's equipment "Soviet": the word is one of its names.
soviet_union = Actor.objects.get(slug="soviet-union")
if "Soviet" not in soviet_union.aliases.splitlines():
    soviet_union.aliases = "\n".join([*soviet_union.aliases.splitlines(), "Soviet"])
    soviet_union.save(update_fields=["aliases"])

# A participant or equipment citation that only repeats a quote the event already cites:
# the quote vouches for the link by naming it, and readers need not read it twice. Kept
# where the other citations would not vouch for the link without it.
from sources.provenance import VOUCHED, check_value, passage, stored_values  # noqa: E402
from sources.quotes import archived_paragraphs  # noqa: E402

paragraphs = {source.pk: archived_paragraphs(source.text) for source in Source.objects.exclude(text="")}
repeated = Citation.objects.filter(event__isnull=False, attribute__in=["actors", "equipment"], reading=False)
for citation in repeated.order_by("pk"):
    event = citation.event
    others = list(event.citations.exclude(pk=citation.pk))
    if not any(c.source_id == citation.source_id and c.quote == citation.quote for c in others):
        continue
    if any(c.attribute == citation.attribute and c.value == citation.value for c in others):
        continue  # another citation gives the same link: what it says of it stands alone
    for other in others:
        other.passage = passage(other, paragraphs.get(other.source_id, ()))
    linked = [s for s in stored_values("event", event, citation.attribute) if s.text == citation.value]
    if linked and all(check_value("event", event, citation.attribute, s, others).status == VOUCHED for s in linked):
        citation.delete()

# The participants of the Kursk video come from the same footage as its date.
video = Event.objects.get(slug="koksan-kursk-video-2025-01-07")
footage = video.citations.filter(attribute="date").exclude(via=None).first()
if footage:
    video.citations.filter(attribute="actors", quote=footage.quote, via=None).update(via=footage.via)

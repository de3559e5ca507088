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

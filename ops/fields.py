"""Stored values the texts did not vouch for: each now stated by a quote, read from one
(with the reason), or brought back to what the texts say.

Run from the project directory: ``python manage.py shell < ops_fields.py``.

Rows are found by their natural keys (a citation by its source, its exact quote, the
entry it supports, its attribute and value). A field is changed only while it still holds
the value this was written against, so a row edited since fails loudly; a citation
already there is not added again: running the script twice changes nothing the second time.
"""

import datetime

from django.db import transaction

from equipment.models import Designation, Equipment, Transfer
from events.models import Actor, Event, Place
from sources.models import Citation, Source
from sources.quotes import archived_paragraphs, in_text, quote_place

MODELS = {
    "event": Event,
    "actor": Actor,
    "place": Place,
    "equipment": Equipment,
    "designation": Designation,
    "transfer": Transfer,
}
C0, C1, C2, C3, C4 = (
    "dprk-cold-war",
    "strategypage-north-korea-delivers",
    "army-recognition-koksan-batch",
    "joongang-kim-tank-factory",
    "koksan-howitzers-for-russia",
)
SOURCES = {source.slug: source for source in Source.objects.all()}
PARAGRAPHS = {slug: archived_paragraphs(source.text) for slug, source in SOURCES.items()}


def entry(kind, key):
    model = MODELS[kind]
    return model.objects.get(pk=key) if kind == "designation" else model.objects.get(slug=key)


def locator_of(source, quote):
    """The locator the other citations of the quote's paragraph use."""
    paragraphs = PARAGRAPHS[source]
    place = quote_place(quote, paragraphs)
    assert place, (source, quote)
    for citation in Citation.objects.filter(source__slug=source).exclude(locator="").order_by("pk"):
        found = quote_place(citation.quote, paragraphs)
        if found and found[0] == place[0]:
            return citation.locator
    raise AssertionError(f"no locator for {quote!r}")


added = 0


def cite(kind, key, source, quote, attribute="", value="", reading=False, note="", locator=None):
    """Add a citation of the entry, unless it is already there."""
    global added
    target = entry(kind, key)
    assert in_text(quote, SOURCES[source].text), quote
    assert not reading or note, (kind, key, attribute)
    found = Citation.objects.filter(
        source=SOURCES[source], quote=quote, attribute=attribute, value=value, **{kind: target}
    )
    if found.exists():
        return
    Citation.objects.create(
        source=SOURCES[source],
        quote=quote,
        locator=locator or locator_of(source, quote),
        attribute=attribute,
        value=value,
        reading=reading,
        note=note,
        **{kind: target},
    )
    added += 1


def mark(kind, key, source, quote, attribute, old_value, value, note):
    """Make an existing citation the editor's reading ``value`` of its quote, with the reason."""
    citation = Citation.objects.get(
        source=SOURCES[source], quote=quote, attribute=attribute, **{kind: entry(kind, key)}
    )
    if citation.value == value and citation.reading and citation.note == note:
        return
    assert (citation.value, citation.reading, citation.note) == (old_value, False, ""), citation.pk
    citation.value, citation.reading, citation.note = value, True, note
    citation.save()


def change(kind, key, old, new):
    """Set fields of an entry from ``old`` to ``new``; skip when already ``new``."""
    target = entry(kind, key)
    current = {name: getattr(target, name) for name in old}
    if all(getattr(target, name) == value for name, value in new.items()):
        return
    assert current == old, (kind, key, current)
    for name, value in new.items():
        setattr(target, name, value)
    target.save()


# Quotes used more than once.
Q_NK_AID = (
    "the Communist Government of Korea sent military equipment, estimated at 2,000 wagon trains of equipment and "
    "ammunition (mostly Japanese equipment abandoned after surrender), and between 50,000 and 70,000 volunteers "
    "that fought alongside the Chinese Communist Army, the Chinese People’s Army."
)
Q_CIVIL_WAR_END = "At the end of the Chinese Civil War, the Chinese Communists won in December 1949."
Q_ACQUIRE = (
    "On the armor side, this translated into North Korea starting to acquire large quantities of armored vehicles "
    "from China and the Soviet Union again in the late 1960s and particularly the 1970s."
)
Q_TUNNELS = (
    "Kim’s plan to attempt a second reunification of the two Koreas was therefore canceled, even if a series of "
    "underground tunnels were completed that crossed across the Demilitarized Zone."
)
Q_OFFICIALS = (
    "Senior officials who accompanied Kim on the visit included Jo Chun-ryong, secretary of the Central Committee, "
    "Kim Jong-sik, a member of the Central Military Commission, and Kim Yong-hwan, director of the Academy of "
    "National Defense Science."
)
Q_BRIGADE = "The brigade consisted of five regiments."
Q_KPA_BRANCHES = (
    "The Korean People’s Army (KPA) was officially founded on February 8, 1948, and also composed of Korean "
    "People’s Army Naval Force (KPANF) and Korean People’s Army Air and Anti-Air Force (KPAAF)."
)
Q_SUPPLY_1950 = (
    "From the late 1940s to June 1950, the Soviet Union supplied Kim’s Korea with several thousand tanks, "
    "including a batch of about 170 SU-76M self-propelled guns, an unknown number of T-34-76s and 258 T-34-85s."
)
Q_PVA_CROSSING = "while the Soviet Union would limit itself to providing equipment to both the KPA and the PVA"
Q_MORE_EQUIPMENT = (
    "These victories brought to Stalin a breath of positivity, convincing him that the UN troops could still be "
    "defeated, so he allowed the Soviet Air Force to participate secretly in the war and sent more equipment to "
    "the PVA and the KPA."
)
Q_KN23 = "Moscow received 148 KN-23 ballistic missiles from Pyongyang in 2024, Ukraine’s spymaster says"
Q_IRAN = "Iran provided missiles and drones while North Korea supplied artillery"
Q_BUDANOV = (
    "Kyiv’s military intelligence chief Kyrylo Budanov earlier told The Warzone that North Korea was preparing to "
    "double the number of artillery systems it has sent to Russia’s border oblast of Kursk."
)
Q_PULS = (
    "A Ukrainian commander with the call sign “Puls” told Sky News that North Korean troops would likely return "
    "soon, noting their high motivation despite heavy casualties."
)
Q_MARINES = "Ukrainian marines destroy seven Russian vehicles with Javelins in Kursk"
Q_M1992 = (
    "with the M1992 designation for example applying to an armored personnel carrier, an ATGM carrier, a model of "
    "the Chonma-Ho and a self-propelled artillery piece"
)
Q_SOUTHERN_REVOLTS = (
    "On Jeju Island and in the Yeosu-Suncheon region in the south of the Korean peninsula, two different "
    "rebellions broke out"
)

NOTE_2020S_001 = (
    "The sentence gives no date; the article, of 10 January 2026, tells of Russia’s war in Ukraine, which it "
    "dates from early 2022, and of the North Korean troops who arrived in Russia at the end of 2024."
)
NOTE_2020S_004 = (
    "The article gives no year; it tells of Russia’s war in Ukraine and of the North Korean troops sent to Russia "
    "for it, which other reports date to 2024 and after."
)
NOTE_NK_OFFICIAL = "One of the senior officials who accompanied the North Korean leader Kim Jong-un on his visit."
NOTE_KIMS_KOREA = "The text says “Kim’s Korea”, that is Kim Il-sung’s North Korea."

with transaction.atomic():
    # --- events: dates ------------------------------------------------------------------
    cite(
        "event",
        "righteous-armies-armed-struggle",
        C0,
        "This caused a feeling of hatred towards the conquerors that soon turned into an armed struggle, with "
        "dozens of militias called “Righteous Armies”.",
        "date",
        "1910s",
        True,
        "The sentence says the struggle began soon after the Japanese occupation, which the text dates after 1910.",
    )
    cite(
        "event",
        "righteous-armies-armed-struggle",
        C0,
        "After 1910, the Korean peninsula was occupied by the troops of the Japanese Empire, which administered it "
        "using an iron fist, subjugating the civilian population.",
        "place",
        "Korean peninsula",
        True,
        "The militias fought the Japanese occupiers of the Korean peninsula, whom this sentence names.",
    )
    cite(
        "event",
        "kim-il-sung-political-commissar-3rd-detachment",
        C0,
        "later, in 1935-36, became the Political Commissar of the 3rd Detachment of the 2nd Division of the "
        "Northeast Anti-Japanese United Army",
        "end",
        "1936",
    )
    cite(
        "event",
        "38th-parallel-agreement",
        C0,
        "After reaching an agreement with Dean Rusk and Charles Bonesteel, two US Generals, Stalin ordered the Red "
        "Army to stand along the 38th parallel, which was designated as the separation point between the two "
        "soon-to-be superpowers in the region.",
        "date",
        "1945",
        True,
        "The sentence gives no date; the account around it is of the Soviet advance into Korea in August 1945.",
    )
    cite(
        "event",
        "us-troops-arrive-in-korea-1945",
        C0,
        "There, they waited for the US troops that arrived three weeks later.",
        "date",
        "1945",
        True,
        "The sentence says only “three weeks later”; the account around it is of the Soviet advance into Korea "
        "in August 1945.",
    )
    cite(
        "event",
        "us-troops-arrive-in-korea-1945",
        C0,
        "There, they waited for the US troops that arrived three weeks later.",
        "place",
        "Korean peninsula",
        True,
        "The Red Army waited for the US troops on the 38th parallel, across the Korean peninsula.",
    )
    cite(
        "event",
        "north-korean-aid-to-chinese-communists",
        C0,
        Q_CIVIL_WAR_END,
        "end",
        "December 1949",
        True,
        "The text does not say when the aid stopped; the civil war it was sent for ended in December 1949.",
    )
    cite(
        "event",
        "kim-il-sung-becomes-leader",
        C0,
        "Regardless, in December 1945, he became the communist leader of the part of Korea under Soviet influence.",
        "place",
        "Korean peninsula",
        True,
        "The sentence says “the part of Korea under Soviet influence”, the north of the Korean peninsula.",
    )
    cite(
        "event",
        "border-skirmishes-1949",
        C0,
        "Continuous clashes took place, such as the armed occupation of some villages north or south of the "
        "border, which led to thousands of deaths on both sides.",
        "place",
        "38th parallel",
        True,
        "The text speaks of the border between the two Koreas, which it places on the 38th parallel.",
    )
    cite(
        "event",
        "gyeongsang-gangwon-guerrilla-campaign-1949",
        C0,
        "In the spring of 1949, in the mountainous regions of Gyeongsang Gangwon, along the eastern border of "
        "South Korea, other rebel groups began to rise",
        "end",
        "May 1949",
        True,
        "The text dates the rising to the spring of 1949, given here as March to May; it does not say when the "
        "rising ended.",
    )
    cite(
        "event",
        "first-soviet-atomic-bomb-test",
        C0,
        "five months after Kim’s request, Stalin had successfully tested the first Soviet atomic bomb, putting the "
        "USSR on par with the US",
        "date",
        "August 1949",
        True,
        "The text dates the test five months after Kim Il-sung’s request to Stalin of March 1949.",
    )
    Q_INCIDENTS = (
        "At a rate of about two per year in the nearly four decades from the end of the Korean War to the end of "
        "the Cold War they have caused thousands of deaths of Americans, South Koreans, and North Koreans."
    )
    cite(
        "event",
        "inter-korean-incidents-1953-cold-war-end",
        C0,
        Q_INCIDENTS,
        "date",
        "1950s–1990s",
        True,
        "The sentence speaks of the nearly four decades from the end of the Korean War, in 1953, to the end of "
        "the Cold War; the decades are a reading.",
    )
    cite(
        "event",
        "inter-korean-incidents-1953-cold-war-end",
        C0,
        Q_INCIDENTS,
        "end",
        "1990s",
        True,
        "The sentence ends the period with the end of the Cold War, nearly four decades after 1953; the decade "
        "is a reading.",
    )
    cite(
        "event",
        "kpa-captures-seoul-1950",
        C0,
        "In just 5 days, the North Koreans had captured Seoul and destroyed nearly 70% of the South Korean Army.",
        "date",
        "June 1950",
        True,
        "The text says Seoul fell within 5 days of the attack ordered on the morning of 25 June 1950.",
    )
    # The text tells of Stalin's decision after the victories of Onjong and Unsan (1 November 1950).
    change(
        "event",
        "soviet-air-force-joins-korean-war-secretly",
        {"date_start": datetime.date(1950, 11, 1), "date_precision": "month", "circa": True, "date_qualifier": ""},
        {"date_start": datetime.date(1950, 11, 1), "date_precision": "day", "circa": False, "date_qualifier": "after"},
    )
    cite(
        "event",
        "pva-losses-in-the-early-1951-un-operations",
        C0,
        "On 25th January, the Americans launched Operation Thunderbolt which lasted until 11th February 1951.",
        "date",
        "25 January 1951",
        True,
        "The losses are those of “these battles”, Operations Thunderbolt, Killer and Ripper; the dates are those "
        "of the operations.",
    )
    cite(
        "event",
        "pva-losses-in-the-early-1951-un-operations",
        C0,
        "After Operation Thunderbolt, there were Operations Killer (11th February-6th March 1951), which led to the "
        "crossing of the Han River, and Operation Ripper (7th March-6th April), which led to the reoccupation of "
        "the city of Seoul",
        "end",
        "6 April 1951",
        True,
        "The losses are those of “these battles”, Operations Thunderbolt, Killer and Ripper; the last of them, "
        "Operation Ripper, ended on 6 April (1951, the year of the operations).",
    )
    for slug in ("north-korean-tank-stock-enlarged", "soviet-armoured-vehicle-orders-with-north-korean-assembly"):
        cite("event", slug, C0, Q_ACQUIRE, "date", "late 1960s – 1970s")
        cite("event", slug, C0, Q_ACQUIRE, "end", "1970s")
    cite(
        "event",
        "destruction-of-unit-124-1968",
        C0,
        "Between 120 and 130 KPA commandos landed in eight different locations on the east coast of South Korea "
        "to try to create training camps to train an armed guerrilla against the ROKA.",
        "place",
        "east coast of South Korea",
        True,
        "The text says where the commandos landed; the offensive that destroyed them is taken to have been fought "
        "there.",
    )
    cite(
        "event",
        "tet-offensive",
        C0,
        "it coincided with the beginning of the Têt Offensive in Vietnam, which started with a similar attack on "
        "the Palace of Independence in Saigon",
        "date",
        "January 1968",
        True,
        "The text dates the offensive only by its coincidence with the Blue House Raid of 21 January 1968.",
    )
    cite(
        "event",
        "uss-pueblo-captured",
        C0,
        "The world’s attention was dampened again 2 days later, when naval units of the Korean People’s Army Naval "
        "Force (KPANF) captured the USS Pueblo, with 82 US sailors on board.",
        "date",
        "23 January 1968",
        True,
        "The text says “2 days later” than the Blue House Raid of 21 January 1968.",
    )
    for slug in (
        "first-dmz-tunnel-found-1974",
        "second-dmz-tunnel-found-1975",
        "third-dmz-tunnel-found-1978",
        "fourth-dmz-tunnel-found-1990",
    ):
        cite("event", slug, C0, Q_TUNNELS, "place", "Demilitarized Zone")
    # "By the 1980s": the text bounds the date, it does not put it about the 1980s.
    change(
        "event",
        "north-korean-economy-falls-apart-1980s",
        {"date_precision": "decade", "circa": True, "date_qualifier": ""},
        {"date_precision": "decade", "circa": False, "date_qualifier": "by"},
    )
    cite("event", "budanov-statements-on-north-korean-artillery", C4, Q_BUDANOV, "date", "2020s", True, NOTE_2020S_004)
    cite(
        "event",
        "capture-of-two-north-korean-soldiers",
        C1,
        "The Ukrainians captured two of the North Korean soldiers.",
        "date",
        "2020s",
        True,
        NOTE_2020S_001,
    )
    cite(
        "event",
        "defective-north-korean-shells",
        C1,
        "That was a costly mistake because their artillerymen found that many of the shells did not work and some "
        "exploded when fired.",
        "date",
        "2020s",
        True,
        NOTE_2020S_001,
    )
    cite(
        "event",
        "north-korean-russian-friendly-fire",
        C1,
        "There were few translators in combat, which led to at least two incidents of North Korean and Russian "
        "troops firing on each other.",
        "date",
        "2020s",
        True,
        NOTE_2020S_001,
    )
    cite(
        "event",
        "north-korean-withdrawal-from-kursk-positions",
        C4,
        "According to The Telegraph, North Korean forces have recently withdrawn from certain front-line positions "
        "in Kursk.",
        "date",
        "2020s",
        True,
        NOTE_2020S_004,
    )
    cite(
        "event",
        "ukrainian-incursion-into-kursk",
        C4,
        "North Korea deployed 11,000 soldiers to Russia in late October to assist Moscow’s operations in the Kursk "
        "border region following Ukraine’s August incursion.",
        "date",
        "August 2024",
        True,
        "The article gives no year; the North Korean deployment that followed the incursion came at the end of "
        "2024 by another report.",
    )
    cite(
        "event",
        "north-korean-troops-deploy-to-russia",
        C1,
        "At the end of 2024 about 12,000 North Korean soldiers arrived in Russia",
        "place",
        "Russia",
    )
    cite(
        "event",
        "koksan-train-footage-late-december",
        C4,
        "Evidence of deliveries emerged in late December when footage showed a train transporting at least 10 "
        "M1989 Koksans to Russia, with their 25-foot-long barrels visible and minimal camouflage.",
        "date",
        "late December 2024",
        True,
        "The article gives no year; the footage came before the video of 7 January, and other reports date the "
        "first Koksans in Russia to November and December 2024.",
    )
    cite(
        "event",
        "kim-jong-un-tank-factory-inspection-2025",
        C3,
        "Published: 04 May. 2025, 14:23",
        "date",
        "2025",
        True,
        "The report does not give the date of the visit; the article reporting it was published on 4 May 2025.",
        locator="Publication line “Published: 04 May. 2025…”",
    )

    # --- actors ---------------------------------------------------------------------------
    cite(
        "actor",
        "105th-armored-brigade",
        C0,
        "In the original plans, the 105th Armored Brigade was to serve as a breakthrough unit against South Korea "
        "and was (and still is) considered the best trained and equipped Armored Division of the KPA.",
        "country",
        "Democratic People’s Republic of Korea",
        True,
        "A unit of the Korean People’s Army, the army of North Korea.",
    )
    cite(
        "actor",
        "105th-armored-brigade",
        C0,
        "In the original plans, the 105th Armored Brigade was to serve as a breakthrough unit against South Korea "
        "and was (and still is) considered the best trained and equipped Armored Division of the KPA.",
        "parent",
        "Korean People’s Army Ground Forces",
        True,
        "The text calls the brigade an armoured division of the KPA; as a tank unit it is taken to belong to the "
        "KPA’s ground forces.",
    )
    for slug in (
        "107th-tank-regiment",
        "109th-tank-regiment",
        "203rd-tank-regiment",
        "206th-motorized-infantry-regiment",
        "308th-armored-battalion",
    ):
        cite(
            "actor",
            slug,
            C0,
            Q_BRIGADE,
            "parent",
            "105th Armored Brigade",
            True,
            "“The brigade” is the 105th Armored Brigade of the paragraph before; the five units it lists follow.",
        )
        cite(
            "actor",
            slug,
            C0,
            Q_BRIGADE,
            "country",
            "Democratic People’s Republic of Korea",
            True,
            "A unit of the 105th Armored Brigade of the Korean People’s Army, the army of North Korea.",
        )
    for slug in (
        "academy-of-national-defense-science",
        "central-military-commission",
        "jo-chun-ryong",
        "kim-jong-sik",
        "kim-yong-hwan",
    ):
        cite(
            "actor",
            slug,
            C3,
            Q_OFFICIALS,
            "country",
            "Democratic People’s Republic of Korea",
            True,
            NOTE_NK_OFFICIAL
            if slug in ("jo-chun-ryong", "kim-jong-sik", "kim-yong-hwan")
            else "A body whose officials accompanied the North Korean leader Kim Jong-un on his visit.",
        )
    # The Chinese Nationalists fought the Communists who founded the People's Republic; the
    # text gives them no country.
    chinese_nationalists = Actor.objects.get(slug="chinese-nationalists")
    if chinese_nationalists.country_id is not None:
        assert chinese_nationalists.country.slug == "china", chinese_nationalists.country
        chinese_nationalists.country = None
        chinese_nationalists.save()
    cite(
        "actor",
        "important-tank-factory",
        C3,
        "North Korean leader Kim Jong-un inspected a tank factory and emphasized the modernization of the army "
        "through the development of new tanks and armored vehicles, according to state-run media on Sunday.",
        "country",
        "North Korea",
        True,
        "A factory the North Korean leader inspected, reported by North Korea’s state media and said to be "
        "likely in Kusong, North Pyongan Province.",
    )
    cite(
        "actor",
        "kim-choi-won",
        C0,
        "The training unit was renamed the 208th Tank Training Regiment and Colonel Kim Choi Won, a veteran of the "
        "Chinese People’s Liberation Army, was put in charge.",
        "country",
        "Democratic People’s Republic of Korea",
        True,
        "A colonel put in charge of a training regiment of the Korean People’s Army, the army of North Korea.",
    )
    cite(
        "actor",
        "korean-central-tv",
        C0,
        "Korean Central TV footage of Type 62 light tanks on winter exercises.",
        "country",
        "Democratic People’s Republic of Korea",
        True,
        "Its footage shows the Type 62 light tanks that North Korea received from China on exercises.",
    )
    for slug in ("korean-peoples-army-air-and-anti-air-force", "korean-peoples-army-naval-force"):
        cite(
            "actor",
            slug,
            C0,
            Q_KPA_BRANCHES,
            "country",
            "Democratic People’s Republic of Korea",
            True,
            "A branch of the Korean People’s Army, the army of the Democratic People’s Republic of Korea whose "
            "birth the text tells.",
        )
    cite(
        "actor",
        "kyrylo-budanov",
        C4,
        Q_BUDANOV,
        "country",
        "Ukraine",
        True,
        "The text calls him Kyiv’s military intelligence chief, that is Ukraine’s.",
    )
    cite(
        "actor",
        "ukrainian-military-intelligence",
        C4,
        Q_BUDANOV,
        "country",
        "Ukraine",
        True,
        "The text says Kyiv’s military intelligence, that is Ukraine’s.",
    )
    cite(
        "actor",
        "peoples-liberation-army",
        C0,
        "The People’s Republic of China repatriated the veteran Korean volunteers, letting them keep their weapons "
        "and promising to Kim Il-sung to support the DPRK in the event of war with the Republic of Korea.",
        "country",
        "People’s Republic of China",
        True,
        "The Korean volunteers who fought in the People’s Liberation Army were sent home by the People’s Republic "
        "of China.",
    )
    cite("actor", "puls", C4, Q_PULS, "country", "Ukraine")
    cite(
        "actor",
        "puls",
        C4,
        Q_PULS,
        "parent",
        "Ukrainian forces",
        True,
        "A Ukrainian commander is taken to belong to the Ukrainian forces.",
    )
    cite(
        "actor",
        "south-korean-communist-guerrillas",
        C0,
        "In the spring of 1949, in the mountainous regions of Gyeongsang Gangwon, along the eastern border of "
        "South Korea, other rebel groups began to rise",
        "country",
        "South Korea",
    )
    cite("actor", "soviet-air-force", C0, Q_MORE_EQUIPMENT, "country", "Soviet Union")
    cite("actor", "ukrainian-marines", C4, Q_MARINES, "country", "Ukraine")
    cite(
        "actor",
        "ukrainian-marines",
        C4,
        Q_MARINES,
        "parent",
        "Ukrainian forces",
        True,
        "The marines of Ukraine are taken to be part of its forces.",
    )
    cite(
        "actor",
        "workers-party-of-korea",
        C0,
        "In 1956, during a meeting of the Central Committee of the Workers’ Party of Korea, two factions made "
        "themselves heard",
        "country",
        "North Korea",
        True,
        "The party at whose Central Committee Kim Il-sung’s rule over North Korea was contested in 1956.",
    )

    # --- places ---------------------------------------------------------------------------
    for slug in ("jeju-island", "yeosu-suncheon"):
        cite(
            "place",
            slug,
            C0,
            Q_SOUTHERN_REVOLTS,
            "country",
            "Republic of Korea",
            True,
            "The text places it in the south of the Korean peninsula, where the revolts were against the "
            "American-backed government of South Korea.",
        )
    cite(
        "place",
        "kim-il-sung-square",
        C0,
        "323 with a battery of Igla MANPADS on parade, Kim-Il-Sung Square, Pyongyang, 1992 .",
        "country",
        "Democratic People’s Republic of Korea",
        True,
        "The square is in Pyongyang, which the text calls the capital of the DPRK.",
    )
    cite(
        "place",
        "kim-il-sung-street",
        C0,
        "T-34-85s at the 70th anniversary of the foundation of the Workers’ Party of Korea (WPK) on 10th October "
        "2015, in Kim Il-sung street in Pyongyang.",
        "country",
        "Democratic People’s Republic of Korea",
        True,
        "The street is in Pyongyang, which the text calls the capital of the DPRK.",
    )
    cite(
        "place",
        "north-pyongan-province",
        C3,
        "the factory is likely located in Kusong, North Pyongan Province",
        "country",
        "Democratic People’s Republic of Korea",
        True,
        "The province where the North Korean tank factory the leader inspected is said to be.",
    )
    cite(
        "place",
        "tehran",
        C0,
        "A Iranian M1978 Koksan during a military parade in Teheran.",
        "country",
        "Islamic Republic of Iran",
        True,
        "The caption shows an Iranian military parade in Teheran.",
    )

    # --- equipment ------------------------------------------------------------------------
    cite(
        "equipment",
        "323-anti-tank-variant",
        C0,
        "Additionally, it also provided the basis for command variants, anti-tank vehicles and anti-ship missile "
        "carriers, etcetera.",
        "category",
        "other",
        True,
        "The text calls it an anti-tank vehicle, which none of the categories names.",
    )
    cite(
        "equipment",
        "bulsae-2",
        C0,
        "Korean’s Bulsae-2 Anti Tank Guided Missile (Copy of the Soviet 9K 11 Fagot), photo taken in 2019 during a "
        "Hamas parade.",
        "origin",
        "Democratic People’s Republic of Korea",
        True,
        "The caption calls it “Korean’s”, in a section on North Korea’s arms exports, among them anti-tank guided "
        "missiles to Hamas.",
    )
    cite(
        "equipment",
        "dprk-tank-rangefinders",
        C0,
        "Two Syrian T-55 with two different rangefinder types of DPRK’s production.",
        "category",
        "other",
        True,
        "Tank rangefinders fit none of the categories.",
    )
    # The headline says only that Javelins destroyed vehicles: no category is in the text.
    change("equipment", "javelin", {"category": "atgm"}, {"category": "other"})
    cite(
        "equipment",
        "javelin",
        C4,
        Q_MARINES,
        "category",
        "other",
        True,
        "The headline says only that Javelins destroyed vehicles; the text gives no kind of weapon.",
    )
    cite(
        "equipment",
        "m1985-spaag",
        C0,
        "The 1980s and early 1990s were marked by North Korea’s military industry beginning production of a large "
        "variety of new armored vehicles to fulfill a large variety of roles.",
        "origin",
        "North Korea",
        True,
        "The caption shows it among the new vehicles of North Korea’s military industry of the 1980s.",
    )
    for slug in ("m48a3", "m48a5"):
        cite(
            "equipment",
            slug,
            C0,
            "it was a considerable step above the best tanks of the ROKA, which were M48A3 and M48A5",
            "based_on",
            "M48 Patton",
            True,
            "The name is that of a version of the M48 Patton, which the text names as South Korea’s tank.",
        )
    cite(
        "equipment",
        "m4a3-sherman",
        C0,
        "only 60 M24 Chaffee, M4A3 Sherman, and M26 Pershing tanks",
        "category",
        "medium tank",
        True,
        "The text calls it a tank; that it is a medium tank is the editors’ reading.",
    )
    cite(
        "equipment",
        "north-korean-tank-with-active-protection",
        C3,
        "He noted that the tank spotted during the inspection resembles one unveiled at a North Korean military "
        "equipment exhibition in November last year.",
        "category",
        "main battle tank",
        True,
        "The text calls it a tank, a new tank for the modernised army; it is read as a main battle tank.",
    )
    cite(
        "equipment",
        "north-korean-tank-with-active-protection",
        C3,
        'Kim had provided “on-site guidance” at an unnamed "important tank factory," where he personally reviewed '
        "the plant's production status and development of core technologies.",
        "producer",
        "important tank factory",
        True,
        "The tank was seen at the factory during the visit, which reviewed its production; that the factory "
        "makes it is a reading.",
    )
    cite(
        "equipment",
        "pt-76",
        C0,
        "A PT-76 on winter exercises. The tank was likely influential in kickstarting North Korea’s amphibious "
        "vehicles industry.",
        "category",
        "amphibious tank",
        True,
        "The caption calls it a tank and ties it to North Korea’s amphibious vehicles.",
    )
    Q_PT76B = (
        "It went from assembling Soviet-made vehicles to producing the first licensed copies of PT-76Bs in 1967 "
        "and T-55s in 1968."
    )
    cite(
        "equipment",
        "pt-76b",
        C0,
        Q_PT76B,
        "category",
        "amphibious tank",
        True,
        "A version of the PT-76, which the text calls a tank behind North Korea’s amphibious vehicles.",
    )
    cite("equipment", "pt-76b", C0, Q_PT76B, "based_on", "PT-76", True, "The name is that of a version of the PT-76.")
    cite(
        "equipment",
        "soviet-30mm-naval-ciws",
        C0,
        "had a dual 30 mm armament based on Soviet CIWIS",
        "origin",
        "Soviet Union",
    )
    cite(
        "equipment",
        "soviet-atomic-bomb",
        C0,
        "five months after Kim’s request, Stalin had successfully tested the first Soviet atomic bomb, putting the "
        "USSR on par with the US",
        "category",
        "nuclear weapon",
        True,
        "An atomic bomb is a nuclear weapon.",
    )
    cite(
        "equipment",
        "su-76m",
        C0,
        "This Soviet self-propelled gun was the second most numerous vehicle in the Korean People’s Army.",
        "origin",
        "Soviet Union",
    )
    Q_105_TANKS = (
        "This amounted to a total of 120 medium tanks, 16 self-propelled vehicles, an unknown number of "
        "trucks, and about 6,000 soldiers."
    )
    cite(
        "equipment",
        "t-34",
        C0,
        Q_105_TANKS,
        "category",
        "medium tank",
        True,
        "The text calls the T-34-85s of the 105th Armored Brigade medium tanks; the T-34 of unnamed model is read "
        "as the same kind.",
    )
    cite(
        "equipment",
        "t-34-76",
        C0,
        Q_105_TANKS,
        "category",
        "medium tank",
        True,
        "The text calls the T-34-85s of the 105th Armored Brigade medium tanks; the earlier T-34-76 is read as the "
        "same kind.",
    )
    Q_MBTS = (
        "This large mass of T-54, T-55, and Type 59s are still in service to this day, though often overlooked "
        "due to the presence of much more modern and peculiar indigenous vehicles in North Korea’s Army."
    )
    for slug in ("t-54-2", "t-54-3"):
        cite(
            "equipment",
            slug,
            C0,
            Q_MBTS,
            "category",
            "main battle tank",
            True,
            "The text counts the T-54s among the Soviet and Chinese MBTs of the KPA; this model of the T-54 is read "
            "as the same kind.",
        )
    cite(
        "equipment",
        "uss-pueblo",
        C0,
        "The world’s attention was dampened again 2 days later, when naval units of the Korean People’s Army Naval "
        "Force (KPANF) captured the USS Pueblo, with 82 US sailors on board.",
        "category",
        "ship",
        True,
        "The text has it captured by naval units, with sailors on board.",
    )

    # --- designations ---------------------------------------------------------------------
    cite(
        "designation",
        19,
        C0,
        "Some examples include the M1989, a self-propelled anti-aircraft gun developed in the 1980s (the M1989 "
        "designation being given by the US Department of Defence (DoD) when the vehicle was first observed)",
        "equipment",
        "M1989 self-propelled anti-aircraft gun",
    )
    cite(
        "designation",
        21,
        C0,
        "By 1992, new self-propelled artillery pieces were first observed by an international audience, mounting a "
        "122 mm and either a 130 or 152 mm gun in a fully rotatable turret. These were designated M1991 and M1992.",
        "equipment",
        "M1991 self-propelled howitzer",
        True,
        "The text gives the two codes to the new self-propelled artillery pieces without saying which is which; "
        "the M1991 is read as one of them.",
    )
    cite(
        "designation",
        22,
        C0,
        "In 1992, a new version of the Chonma was first observed by international viewers, this time featuring "
        "some major modifications.",
        "equipment",
        "Chonma-Ho (M1992)",
    )
    cite("designation", 23, C0, Q_M1992, "equipment", "M1992 ATGM carrier")
    cite(
        "designation",
        24,
        C0,
        "a reconnaissance armored car/light armored personnel carrier designated as the M1992",
        "equipment",
        "M1992 reconnaissance armored car",
    )
    cite("designation", 25, C0, Q_M1992, "equipment", "M1992 self-propelled gun")

    # --- transfers ------------------------------------------------------------------------
    mark(
        "transfer",
        "china-to-dprk-military-aid-1950",
        C0,
        "on the condition that Mao’s Chinese People’s Republic would also participate by sending military aid to "
        "the Democratic People’s Republic of Korea",
        "status",
        "condition of the Soviet aid",
        "planned",
        "The text gives China’s aid as the Soviet Union’s condition for its own aid, not as sent.",
    )
    cite(
        "transfer",
        "china-to-dprk-type-63",
        C0,
        "From China, North Korea received a number of Type 62 and 63 light tanks",
        "equipment",
        "Type 63",
        True,
        "The sentence writes “Type 62 and 63 light tanks”.",
    )
    for slug in ("dprk-to-chinese-communists-equipment-1945-1949", "dprk-to-chinese-communists-volunteers-1945-1949"):
        cite(
            "transfer",
            slug,
            C0,
            Q_NK_AID,
            "supplier",
            "Democratic People’s Republic of Korea",
            True,
            "The text says “the Communist Government of Korea”, the government of the North that became the "
            "Democratic People’s Republic of Korea.",
        )
        cite(
            "transfer",
            slug,
            C0,
            Q_CIVIL_WAR_END,
            "delivery_end",
            "1949",
            True,
            "The text does not say when the last was sent; the civil war it was sent for ended in December 1949.",
        )
    cite(
        "transfer",
        "dprk-to-rhodesian-militias-training",
        C0,
        "the DPRK trained pro-socialist militias who wanted to overthrow the white government of the newly formed "
        "Republic of Rhodesia in a camp near Pyongyang in the use of explosives and mines",
        "status",
        "delivered",
        True,
        "The text says the DPRK trained the militias: the training was given.",
    )
    cite(
        "transfer",
        "dprk-to-russia-152mm-shells",
        C1,
        "North Korea supplied artillery and lots of 152mm and 122mm shells to feed the guns",
        "equipment",
        "152 mm artillery shell",
    )
    cite(
        "transfer",
        "dprk-to-russia-hidden-launchers",
        C4,
        "Forbes: North Korea deploys parade-tested hidden launchers to aid Russians in Kursk",
        "status",
        "reported",
        True,
        "Known only from the headline of a Forbes report.",
    )
    cite(
        "transfer",
        "dprk-to-russia-kn-23-2024",
        C4,
        Q_KN23,
        "supplier",
        "Democratic People’s Republic of Korea",
        True,
        "The headline says “Pyongyang” for North Korea.",
    )
    cite(
        "transfer",
        "dprk-to-russia-kn-23-2024",
        C4,
        Q_KN23,
        "recipient",
        "Russia",
        True,
        "The headline says “Moscow” for Russia.",
    )
    cite(
        "transfer",
        "dprk-to-russia-kn-23-2024",
        C4,
        Q_KN23,
        "status",
        "reported",
        True,
        "The headline gives it as what Ukraine’s spymaster says.",
    )
    cite(
        "transfer",
        "dprk-to-russia-koksan-m1989-train-late-december",
        C4,
        "Evidence of deliveries emerged in late December when footage showed a train transporting at least 10 "
        "M1989 Koksans to Russia, with their 25-foot-long barrels visible and minimal camouflage.",
        "status",
        "delivered",
    )
    cite(
        "transfer",
        "dprk-to-syria-tank-rangefinders",
        C0,
        "Two Syrian T-55 with two different rangefinder types of DPRK’s production.",
        "equipment",
        "North Korean tank rangefinders",
    )
    cite("transfer", "iran-to-russia-drones", C1, Q_IRAN, "equipment", "Drones supplied by Iran")
    cite("transfer", "iran-to-russia-missiles", C1, Q_IRAN, "equipment", "Missiles supplied by Iran")
    cite(
        "transfer",
        "prc-to-dprk-korean-volunteers-repatriated",
        C0,
        "The People’s Republic of China repatriated the veteran Korean volunteers, letting them keep their weapons "
        "and promising to Kim Il-sung to support the DPRK in the event of war with the Republic of Korea.",
        "status",
        "delivered",
        True,
        "The text says China repatriated the volunteers with their weapons.",
    )
    cite(
        "transfer",
        "russia-to-dprk-strategic-missile-upgrade",
        C1,
        "That was because Russia finally agreed to upgrade North Korean strategic missiles.",
        "status",
        "ordered",
        True,
        "The text says Russia agreed to the upgrade; it does not say whether it was carried out.",
    )
    cite(
        "transfer",
        "ussr-to-15th-tank-training-regiment-t-34-85-1948",
        C0,
        "In 1948, before supplies of Soviet vehicles arrived, the Soviets formed the 15th Tank Training Regiment",
        "supplier",
        "Soviet Union",
        True,
        "The Soviets formed the regiment, which was equipped with two T-34-85s; the text does not say who gave them.",
    )
    cite(
        "transfer",
        "ussr-to-15th-tank-training-regiment-tank-officers-1948",
        C0,
        "was staffed by a squad of about 30 tank officers, veteran Soviet volunteers",
        "supplier",
        "Soviet Union",
    )
    Q_DEBT = (
        "China complied and told Russia that the Chinese debt was paid to Russia for assistance in the 1949 "
        "Chinese Communist Party victory during the 22 year long civil war."
    )
    cite(
        "transfer",
        "ussr-to-chinese-communist-party-assistance",
        C1,
        Q_DEBT,
        "supplier",
        "Soviet Union",
        True,
        "The text says “Russia” for the Soviet Union of Stalin’s time.",
    )
    cite(
        "transfer",
        "ussr-to-chinese-communist-party-assistance",
        C1,
        Q_DEBT,
        "status",
        "delivered",
        True,
        "China owed Russia a debt for the assistance: it was given.",
    )
    Q_ADVISORS = (
        "Thanks to the advisors and the considerable military aid from the Soviets, Kim built a large army, "
        "well versed in infiltration tactics and guerrilla warfare."
    )
    cite("transfer", "ussr-to-dprk-advisors-and-military-aid", C0, Q_ADVISORS, "supplier", "Soviet Union")
    cite(
        "transfer",
        "ussr-to-dprk-advisors-and-military-aid",
        C0,
        Q_ADVISORS,
        "recipient",
        "Democratic People’s Republic of Korea",
        True,
        "The aid went to Kim Il-sung, who built with it the army of North Korea.",
    )
    cite(
        "transfer",
        "ussr-to-dprk-advisors-and-military-aid",
        C0,
        Q_ADVISORS,
        "status",
        "delivered",
        True,
        "The text says Kim built his army thanks to the aid: it was given.",
    )
    cite(
        "transfer",
        "ussr-to-dprk-food-aid",
        C1,
        "Food aid from the Soviet Union ceased and that led to widespread hunger in North Korea during the 1990s",
        "status",
        "delivered",
        True,
        "The text says the food aid ceased: until then it had been given.",
    )
    Q_REBUILT = (
        "After the war, North Korea experienced a period of economic growth as its industrial facilities were "
        "rebuilt with Russian aid."
    )
    cite(
        "transfer",
        "ussr-to-dprk-reconstruction-aid",
        C1,
        Q_REBUILT,
        "supplier",
        "Soviet Union",
        True,
        "The text says “Russian aid” for the aid of the Soviet Union after the Korean War.",
    )
    cite(
        "transfer",
        "ussr-to-dprk-reconstruction-aid",
        C1,
        Q_REBUILT,
        "status",
        "delivered",
        True,
        "The text says the facilities were rebuilt with the aid: it was given.",
    )
    for slug in (
        "ussr-to-dprk-su-76m-1950",
        "ussr-to-dprk-t-34-76-1950",
        "ussr-to-dprk-t-34-85-1950",
        "ussr-to-dprk-tanks-1950",
    ):
        cite(
            "transfer",
            slug,
            C0,
            Q_SUPPLY_1950,
            "recipient",
            "Democratic People’s Republic of Korea",
            True,
            NOTE_KIMS_KOREA,
        )
    cite(
        "transfer",
        "ussr-to-dprk-t-54-1966",
        C0,
        "Other sources, such as the SIPRI Arms Transfers Database, report a first order for 1,000 T-54s in 1966, "
        "and assembly or production in North Korea took place from 1967 to 1974.",
        "status",
        "delivered",
        True,
        "The text says the tanks were assembled or produced in North Korea from 1967 to 1974.",
    )
    cite(
        "transfer",
        "ussr-to-dprk-t-55-1970",
        C0,
        "Another order for 1,000 T-55s would follow in 1970, with the vehicles leaving North Korean factories from "
        "1972 to 1982.",
        "status",
        "delivered",
        True,
        "The text says the vehicles left North Korean factories from 1972 to 1982.",
    )
    mark(
        "transfer",
        "ussr-to-dprk-t-62-production-line",
        C0,
        "Instead, the Soviet Union perhaps may have directly delivered machinery to set up a T-62 production line "
        "in North Korea, or just passed on the plans.",
        "status",
        "possible",
        "reported",
        "The text gives it only as a possibility (“perhaps may have”), which no source confirms.",
    )
    for slug in ("ussr-to-kpa-equipment-1950", "ussr-to-pva-equipment-1950"):
        cite(
            "transfer",
            slug,
            C0,
            Q_PVA_CROSSING,
            "status",
            "delivered",
            True,
            "The text says the Soviet Union would limit itself to providing equipment; it is taken as provided.",
        )
    for slug in ("ussr-to-kpa-more-equipment-1950", "ussr-to-pva-more-equipment-1950"):
        cite(
            "transfer",
            slug,
            C0,
            Q_MORE_EQUIPMENT,
            "supplier",
            "Soviet Union",
            True,
            "Stalin sent it, as the leader of the Soviet Union.",
        )

print(f"ops_fields: {added} citations added")

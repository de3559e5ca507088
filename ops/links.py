# Participants and equipment links of events that no citation explained (the "links" list):
# each is now cited by the quote that states it, marked as the editor's reading with the
# reason, or removed where the texts do not support it.
# Run: manage.py shell < ops_links.py   (idempotent; asserts the old state it changes)
import re
from collections import Counter, defaultdict

from django.db import transaction

from equipment.models import Equipment
from events.models import Actor, Event
from sources.models import Citation, Source
from sources.provenance import _related, agrees, states
from sources.quotes import archived_paragraphs, in_text, quote_place

SOURCES = {s.slug: s for s in Source.objects.all()}
PARAGRAPHS = {slug: archived_paragraphs(s.text) for slug, s in SOURCES.items()}
_locators = {}


def locator_of(slug, quote):
    """The locator the other citations of this source give the paragraph the quote is in."""
    place = quote_place(quote, PARAGRAPHS[slug])
    assert place, (slug, quote)
    if slug not in _locators:
        found = defaultdict(Counter)
        for c in Citation.objects.filter(source=SOURCES[slug]):
            p = quote_place(c.quote, PARAGRAPHS[slug])
            if p:
                found[p[0]][c.locator] += 1
        _locators[slug] = found
    counts = _locators[slug].get(place[0])
    assert counts, ("no locator for paragraph", slug, place[0], quote)
    return counts.most_common(1)[0][0]


def cite(event, slug, quote, attribute="", value="", reading=False, note=""):
    """A citation of ``event`` (added once)."""
    source = SOURCES[slug]
    assert in_text(quote, source.text), (slug, quote)
    existing = Citation.objects.filter(
        event=event, source=source, quote=quote, attribute=attribute, value=value
    ).first()
    if existing:
        return existing
    return Citation.objects.create(
        event=event,
        source=source,
        quote=quote,
        locator=locator_of(slug, quote),
        attribute=attribute,
        value=value,
        reading=reading,
        note=note,
    )


def related(event, field, name):
    model = Actor if field == "actors" else Equipment
    item = model.objects.get(name=name)
    return item


def link(event, field, name):
    """The linked entry, which must still be linked (or already cited as asked)."""
    item = related(event, field, name)
    assert getattr(event, field).filter(pk=item.pk).exists(), (event.slug, field, name)
    return item


def say(event, field, name, slug, quote, note=""):
    """(a) or (c): an attribute citation of ``field`` naming ``name`` (a reading when ``note``)."""
    link(event, field, name)
    cite(event, slug, quote, field, name, reading=bool(note), note=note)


def whole(event, field, name, slug, quote):
    """(a): a citation of the entry as a whole whose quote names ``name``."""
    item = link(event, field, name)
    assert states(_related(item), quote), (event.slug, name, quote)
    cite(event, slug, quote)


def unlink(event, field, name):
    """(b): the texts do not support this link for this event."""
    item = related(event, field, name)
    getattr(event, field).remove(item)


def sentences(paragraph):
    return [s for s in re.split(r"(?<=[.!?])\s+", paragraph) if s]


def complete(event, field):
    """Once one citation of the event vouches for ``field`` by value, every other linked
    entry needs one too: copy, as a citation of that field, a quote of the event (or a
    sentence of the paragraph it comes from) that names it."""
    citations = list(event.citations.select_related("source"))
    own = [c for c in citations if c.attribute == field and c.value]
    for item in getattr(event, field).all():
        stored = _related(item)
        if any(agrees(stored, c.value, field) for c in own):
            continue
        found = None
        for c in citations:
            if not c.reading and states(stored, c.quote):
                found = (c.source.slug, c.quote)
                break
        if not found:
            for c in citations:
                if c.reading:
                    continue
                place = quote_place(c.quote, PARAGRAPHS[c.source.slug])
                if not place:
                    continue
                for sentence in sentences(PARAGRAPHS[c.source.slug][place[0]]):
                    if states(stored, sentence):
                        found = (c.source.slug, sentence)
                        break
                if found:
                    break
        assert found, ("nothing names", event.slug, field, item.name)
        cite(event, found[0], found[1], field, item.name)


E = Event.objects.get
# The document speaks of "the North Koreans" or "the Chinese troops" in the fighting.
KPA_NOTE = "The document speaks of the North Korean (or Korean) troops; the army they fought in was the KPA, as it says elsewhere."
PVA_NOTE = "The document speaks of the Chinese troops; it says the Chinese troops that entered Korea in October 1950 were the People’s Volunteers Army (PVA)."
C = "dprk-cold-war"
S = "strategypage-north-korea-delivers"

with transaction.atomic():
    # --- Kim Il-sung's exile ------------------------------------------------------------
    for slug, quote in [
        (
            "kim-il-sung-flees-to-soviet-union",
            "In 1940, after a series of defeats suffered by the Anti-Japanese Army, he and his men were forced to flee to the Soviet Union.",
        ),
        (
            "kim-il-sung-assigned-to-vyatskoye",
            "Assigned to the center of Vyatskoye in 1942, he was assigned to the Red Army as a Major in command of a unit of Korean Communists",
        ),
    ]:
        e = E(slug=slug)
        say(
            e, "actors", "Kim Il-sung", C, quote, "The sentence says “he”; the paragraph before names him: Kim Il-sung."
        )
        complete(e, "actors")

    e = E(slug="38th-parallel-agreement")
    say(
        e,
        "actors",
        "Soviet Union",
        C,
        "After reaching an agreement with Dean Rusk and Charles Bonesteel, two US Generals, Stalin ordered the Red Army to stand along the 38th parallel, which was designated as the separation point between the two soon-to-be superpowers in the region.",
        "The document names Stalin and the Red Army; they acted for the Soviet Union, one of the two powers the line separated.",
    )
    complete(e, "actors")

    # --- the Chinese Civil War -----------------------------------------------------------
    ccp_victory = "China complied and told Russia that the Chinese debt was paid to Russia for assistance in the 1949 Chinese Communist Party victory during the 22 year long civil war."
    whole(E(slug="chinese-civil-war-1945-1949"), "actors", "Chinese Communist Party", S, ccp_victory)
    e = E(slug="chinese-communist-victory-1949")
    whole(e, "actors", "Chinese Communist Party", S, ccp_victory)
    whole(
        e,
        "actors",
        "Chinese Nationalists",
        C,
        "After the defeat of the Japanese in August 1945, the Chinese Civil War between Chinese Nationalist and Chinese Communist restarted",
    )

    e = E(slug="north-korean-aid-to-chinese-communists")
    say(
        e,
        "actors",
        "Chinese Communist Party",
        C,
        "After the defeat of the Japanese in August 1945, the Chinese Civil War between Chinese Nationalist and Chinese Communist restarted and the Communist Government of Korea sent military equipment",
        "The document names the side North Korea helped as the Chinese Communists; their party was the Chinese Communist Party.",
    )
    say(
        e,
        "actors",
        "Soviet Union",
        C,
        "North Korea also provided a safe refuge where Communist Chinese soldiers could create training camps with the help of the Soviets and warehouses to keep equipment safe.",
    )
    complete(e, "actors")

    # --- 1945 ----------------------------------------------------------------------------
    for slug, quote in [
        (
            "soviet-troops-enter-korea-1945",
            "They successfully crossed the border with the Korean peninsula on August 15",
        ),
        (
            "liberation-of-pyongyang-1945",
            "They successfully crossed the border with the Korean peninsula on August 15 and liberated Pyongyang on 24th August.",
        ),
    ]:
        e = E(slug=slug)
        say(
            e,
            "actors",
            "Red Army",
            C,
            quote,
            "The sentence speaks of the Soviet forces as “they”; the next paragraph names them as the Red Army, which Stalin then ordered to stand along the 38th parallel.",
        )
        complete(e, "actors")

    e = E(slug="kim-il-sung-becomes-leader")
    say(
        e,
        "actors",
        "Soviet Union",
        C,
        "in order to avoid riots or anti-Soviet revolutions, Stalin ordered the commander of the Red Army in Korea to appoint a Korean leader as head of the Communist Korean government.",
        "The document names Stalin and the Red Army, who acted for the Soviet Union; the part of Korea Kim Il-sung came to lead was under Soviet influence.",
    )
    complete(e, "actors")

    e = E(slug="15th-tank-training-regiment-formed")
    say(
        e,
        "actors",
        "Soviet Union",
        C,
        "In 1948, before supplies of Soviet vehicles arrived, the Soviets formed the 15th Tank Training Regiment",
    )
    complete(e, "actors")

    # --- the KPA founded (8 February 1948) ---------------------------------------------
    e = E(slug="kpa-founded")
    # The document says the DPRK was proclaimed only in September 1948, after the KPA's founding.
    unlink(e, "actors", "Democratic People’s Republic of Korea")
    say(
        e,
        "actors",
        "Kim Il-sung",
        C,
        "Thanks to the advisors and the considerable military aid from the Soviets, Kim built a large army, well versed in infiltration tactics and guerrilla warfare.",
        "The sentence names him only as “Kim”; the Kim of this account is Kim Il-sung.",
    )
    say(
        e,
        "actors",
        "Korean People’s Army Ground Forces",
        C,
        "The Korean People’s Army (KPA) was officially founded on February 8, 1948, and also composed of Korean People’s Army Naval Force (KPANF) and Korean People’s Army Air and Anti-Air Force (KPAAF).",
        "The army was “also” made up of the naval and air forces: its first part were the ground forces, founded a year earlier, as the document says just before.",
    )
    complete(e, "actors")

    # --- 1949 ----------------------------------------------------------------------------
    e = E(slug="border-skirmishes-1949")
    say(
        e,
        "actors",
        "Democratic People’s Republic of Korea",
        C,
        "In 1949, several border skirmishes broke out between the KPAGF and the Republic of Korea Army (ROKA).",
        "The document names the North Korean ground forces (KPAGF); the state they fought for was the DPRK, proclaimed in 1948.",
    )
    complete(e, "actors")

    e = E(slug="gyeongsang-gangwon-guerrilla-campaign-1949")
    say(
        e,
        "actors",
        "South Korean communist guerrillas",
        C,
        "In the spring of 1949, in the mountainous regions of Gyeongsang Gangwon, along the eastern border of South Korea, other rebel groups began to rise",
        "The document calls them rebel groups and guerrillas; “other” links them to the communist revolts in the south it has just described.",
    )
    complete(e, "actors")

    e = E(slug="kim-il-sung-visits-moscow-1949")
    visit = "In March 1949, Kim Il-sung had gone to Moscow to ask permission from Stalin to attack the South."
    say(
        e,
        "actors",
        "Democratic People’s Republic of Korea",
        C,
        visit,
        "Kim Il-sung went as the leader of North Korea, asking leave for it to attack the South.",
    )
    say(
        e,
        "actors",
        "Soviet Union",
        C,
        visit,
        "He went to Moscow to ask Stalin: the permission asked was the Soviet Union's.",
    )
    complete(e, "actors")

    # The 105th Armored Brigade: the document calls it an armored division of the KPA, and
    # does not name the ground forces in its account of the brigade.
    e = E(slug="105th-armored-brigade-formed")
    kpagf = Actor.objects.get(name="Korean People’s Army Ground Forces")
    kpa = Actor.objects.get(name="Korean People’s Army")
    if e.actors.filter(pk=kpagf.pk).exists():
        e.actors.remove(kpagf)
        e.actors.add(kpa)
    assert e.actors.filter(pk=kpa.pk).exists()

    e = E(slug="105th-armored-brigade-tank-regiments-completed")
    regiments = "The 107th, 109th, and 203rd Tank Regiments were equipped with 40 T-34-85s each, although the ranks were only completed in October 1949."
    say(e, "actors", "107th Tank Regiment", C, regiments)
    say(e, "actors", "109th Tank Regiment", C, regiments)
    say(
        e,
        "actors",
        "105th Armored Brigade",
        C,
        "The brigade consisted of five regiments.",
        "The sentence says “the brigade”; the paragraph before names it: the 105th Armored Brigade.",
    )
    complete(e, "actors")

    # --- the Korean War ------------------------------------------------------------------
    e = E(slug="korean-war-casualties")
    say(
        e,
        "actors",
        "United States",
        S,
        "The three years of fighting caused 325,000 American casualties, including 33,651 dead.",
    )
    complete(e, "actors")

    e = E(slug="north-korean-post-war-reconstruction")
    say(
        e,
        "actors",
        "Soviet Union",
        S,
        "After the war, North Korea experienced a period of economic growth as its industrial facilities were rebuilt with Russian aid.",
        "The document says “Russian aid”; in the years after the Korean War Russia was part of the Soviet Union.",
    )
    complete(e, "actors")

    whole(
        E(slug="stalin-allows-kim-il-sung-to-invade"),
        "actors",
        "Kim Il-sung",
        C,
        "After receiving the confirmation, the invasion plans were prepared and they were changed several times by Kim Il-sung himself.",
    )

    north_koreans = "The first US troops to arrive in Korea as part of the United Nations (UN) intervention engaged the North Koreans on 5th July 1950 in Osan, south of Seoul."
    for slug in ("un-retreat-july-august-1950", "battle-of-osan"):
        e = E(slug=slug)
        say(e, "actors", "Korean People’s Army", C, north_koreans, KPA_NOTE)
        complete(e, "actors")

    entrenched = "In August, US, UN, and South Korean forces were entrenched along the Pusan Perimeter, the last unoccupied part of the Korean peninsula, with a perimeter of only 230 km."
    e = E(slug="un-forces-entrench-on-the-pusan-perimeter")
    say(e, "actors", "Republic of Korea Army", C, entrenched)
    say(e, "actors", "United States Army", C, entrenched)
    complete(e, "actors")

    e = E(slug="battle-of-the-pusan-perimeter")
    say(
        e,
        "actors",
        "Korean People’s Army",
        C,
        "During the Battle of Pusan Perimeter from 4th August to 18th September 1950, the North Koreans lost 63,000 men (including dead, wounded, missing, and prisoners), 239 T-34s, and 74 SU-76Ms.",
        KPA_NOTE,
    )
    say(e, "actors", "United States Army", C, entrenched)
    complete(e, "actors")

    e = E(slug="un-recapture-seoul-1950")
    say(
        e,
        "actors",
        "Republic of Korea",
        C,
        "On 25th September 1950, Seoul was reconquered and the South government was restored, but it was not enough.",
    )
    say(
        e,
        "actors",
        "Korean People’s Army",
        C,
        "After this, the KPA forces suffered a period of continuous defeats.",
        "The document does not say from whom Seoul was retaken; it was lost in the KPA's period of continuous defeats.",
    )
    complete(e, "actors")

    e = E(slug="un-capture-of-pyongyang-1950")
    say(
        e,
        "actors",
        "Korean People’s Army",
        C,
        "After this, the KPA forces suffered a period of continuous defeats.",
        "The document does not name the defenders of the city; the capture came in the KPA's period of continuous defeats.",
    )
    complete(e, "actors")

    for slug, quote in [
        (
            "battle-of-onjong",
            "25th October 1950 was the day when Chinese troops fought for the first time in the Korean War, in the Battle of Onjong against the ROKA.",
        ),
        (
            "battle-of-unsan",
            "On 1st November, the Chinese encountered US troops at Unsan, defeating them and bringing the UN advance to a standstill.",
        ),
    ]:
        e = E(slug=slug)
        say(e, "actors", "Chinese People’s Volunteers Army", C, quote, PVA_NOTE)
        say(
            e,
            "actors",
            "People’s Republic of China",
            C,
            quote,
            "The sentence speaks of the Chinese troops; the state that sent them into Korea was the People’s Republic of China, led by Mao Zedong.",
        )
        complete(e, "actors")

    whole(
        E(slug="soviet-air-force-joins-korean-war-secretly"),
        "actors",
        "Soviet Union",
        C,
        "while the Soviet Union would limit itself to providing equipment to both the KPA and the PVA.",
    )

    repulsed = "In November, the UN troops attempted another attack, but the Chinese and Korean troops repulsed it."
    e = E(slug="un-november-1950-attack-repulsed")
    say(e, "actors", "Chinese People’s Volunteers Army", C, repulsed, PVA_NOTE)
    say(e, "actors", "Korean People’s Army", C, repulsed, KPA_NOTE)
    complete(e, "actors")

    retreat = (
        repulsed + " They then forced the UN troops to begin a retreat beyond the 38th parallel at the end of December."
    )
    e = E(slug="un-retreat-beyond-the-38th-parallel-1950")
    say(e, "actors", "Chinese People’s Volunteers Army", C, retreat, PVA_NOTE)
    say(e, "actors", "Korean People’s Army", C, retreat, KPA_NOTE)
    complete(e, "actors")

    seoul_1951 = "The operations resumed in January, with the North Korean and Chinese troops reconquering Seoul on 4th January 1951."
    wonju = (
        seoul_1951
        + " However, because of the scarce supplies of ammunition, food, and fuel, they could not advance much further, conquering the city of Wonju and pushing not much further south."
    )
    e = E(slug="communist-capture-of-wonju-1951")
    say(e, "actors", "Chinese People’s Volunteers Army", C, wonju, PVA_NOTE)
    say(e, "actors", "Korean People’s Army", C, wonju, KPA_NOTE)
    complete(e, "actors")

    e = E(slug="communist-recapture-of-seoul-1951")
    say(e, "actors", "Chinese People’s Volunteers Army", C, seoul_1951, PVA_NOTE)
    say(e, "actors", "Korean People’s Army", C, seoul_1951, KPA_NOTE)
    say(
        e,
        "actors",
        "United Nations forces",
        C,
        "They then forced the UN troops to begin a retreat beyond the 38th parallel at the end of December.",
        "The document does not say who held Seoul; the UN troops had retaken it in September 1950 and were retreating beyond the 38th parallel when it fell.",
    )
    complete(e, "actors")

    # Operations Thunderbolt, Killer and Ripper.
    pva_lost = "In these battles, the PVA alone lost 53,000 men."
    e = E(slug="operation-thunderbolt")
    # The document says only "the Americans" launched it (the United States stays).
    unlink(e, "actors", "United States Army")
    say(e, "actors", "Chinese People’s Volunteers Army", C, pva_lost)
    say(
        e,
        "actors",
        "Korean People’s Army",
        C,
        "This led to the recapture of Wonju and the establishment of UN forces on the Han River.",
        "Wonju had been taken by the North Korean and Chinese troops in January 1951, as the document says; it was recaptured from them.",
    )
    complete(e, "actors")

    e = E(slug="operation-killer")
    say(e, "actors", "Chinese People’s Volunteers Army", C, pva_lost)
    say(
        e,
        "actors",
        "Korean People’s Army",
        C,
        pva_lost,
        "“The PVA alone” lost these men, so others fought beside it; the document names the KPA as the PVA's partner in these months.",
    )
    say(
        e,
        "actors",
        "United Nations forces",
        C,
        "This led to the recapture of Wonju and the establishment of UN forces on the Han River.",
        "The document does not name who fought this operation; it followed Operation Thunderbolt, after which the UN forces stood on the Han River it then crossed.",
    )
    complete(e, "actors")

    e = E(slug="operation-ripper")
    say(e, "actors", "Chinese People’s Volunteers Army", C, pva_lost)
    say(
        e,
        "actors",
        "Korean People’s Army",
        C,
        seoul_1951,
        "Seoul had been retaken by the North Korean and Chinese troops in January 1951; the operation reoccupied it from them.",
    )
    say(
        e,
        "actors",
        "United Nations forces",
        C,
        "This led to the recapture of Wonju and the establishment of UN forces on the Han River.",
        "The document does not name who fought this operation; it followed Operation Thunderbolt, fought by the UN forces.",
    )
    complete(e, "actors")

    e = E(slug="last-chinese-offensive-1953")
    say(
        e,
        "actors",
        "Chinese People’s Volunteers Army",
        C,
        "The few battles that were fought were the Battle of Punchbowl, fought between August and September 1951, the Battle of Hill 266 between June 1952 and March 1953, and the last Chinese offensive launched in June and July 1953.",
        "The document speaks of a Chinese offensive; the Chinese troops in Korea were the People’s Volunteers Army (PVA), as it says when they entered the war.",
    )
    complete(e, "actors")

    # The documents do not say who signed the armistice.
    unlink(E(slug="korean-war-armistice"), "actors", "United States")

    # --- 1960s and 1970s ------------------------------------------------------------------
    whole(
        E(slug="armoured-vehicle-imports-late-1960s-1970s"),
        "actors",
        "Korean People’s Army",
        C,
        "The driving factor behind the metamorphosis of the KPA from an army of moderate size to the oversized behemoth it is now was the growth of the Chuch’e (also translated as Juche) ideology in the 1960s.",
    )

    e = E(slug="destruction-of-unit-124-1968")
    say(
        e,
        "actors",
        "United States Army",
        C,
        "In two weeks, 70,000 US and ROKA soldiers annihilated Unit 124, with 110 commandos killed, 7 captured, and a number between 3 and 13 missing in action or escaped back to the DPRK.",
    )
    complete(e, "actors")

    another = "In 1969, there was another attack by the DPRK."
    for slug in ("unit-124-landings-1968", "blue-house-raid", "uss-pueblo-captured"):
        e = E(slug=slug)
        say(
            e,
            "actors",
            "Democratic People’s Republic of Korea",
            C,
            another,
            "“Another attack by the DPRK”: the document counts the incidents of 1968 it has just told among the DPRK's attacks.",
        )
        complete(e, "actors")

    e = E(slug="uss-pueblo-crew-returned")
    returned = "The US denied the ROKA permission to retaliate and, almost a year later, in December 1968, the US hostages were returned."
    say(
        e,
        "actors",
        "Democratic People’s Republic of Korea",
        C,
        returned,
        "The document does not say who returned them; they were held by North Korea, whose navy had captured them.",
    )
    say(
        e,
        "equipment",
        "USS Pueblo",
        C,
        returned,
        "The hostages were the sailors captured with the USS Pueblo, as the paragraph before says.",
    )
    complete(e, "actors")
    complete(e, "equipment")

    e = E(slug="border-skirmishes-after-park-killing")
    # The document speaks of the two sides only, not of their armies.
    unlink(e, "actors", "Korean People’s Army")
    unlink(e, "actors", "Republic of Korea Army")

    whole(
        E(slug="north-korean-self-propelled-artillery-1970s"),
        "equipment",
        "D-20",
        C,
        "Tokchons, armed with a local version of the 152 mm D-20 gun.",
    )

    e = E(slug="south-korean-foreign-investment-1970s")
    say(
        e,
        "actors",
        "Republic of Korea",
        S,
        "In the 1970s, foreign investment in the south began to grow, and local entrepreneurs began to start, or expand their businesses.",
    )
    complete(e, "actors")

    found = "Four of these tunnels were found by ROKA and the US Army."
    for slug in (
        "first-dmz-tunnel-found-1974",
        "second-dmz-tunnel-found-1975",
        "third-dmz-tunnel-found-1978",
        "fourth-dmz-tunnel-found-1990",
    ):
        e = E(slug=slug)
        say(
            e,
            "actors",
            "Democratic People’s Republic of Korea",
            C,
            found,
            "“These tunnels” are those the paragraph before says were completed under Kim Il-sung’s plan, for North Korean commandos to cross the DMZ.",
        )
        complete(e, "actors")

    e = E(slug="kim-il-sung-asks-china-for-support-1975")
    say(
        e,
        "actors",
        "Democratic People’s Republic of Korea",
        C,
        "In 1975, Kim Il-sung asked the People’s Republic of China for military support for a hypothetical Second Fatherland Liberation War, 25 years after the first",
        "Kim Il-sung asked as the leader of North Korea, for a second war of North Korea's like its Fatherland Liberation War.",
    )
    complete(e, "actors")

    e = E(slug="second-reunification-plan-cancelled")
    plan = "Kim’s plan to attempt a second reunification of the two Koreas was therefore canceled, even if a series of underground tunnels were completed that crossed across the Demilitarized Zone."
    say(e, "actors", "Kim Il-sung", C, plan, "The sentence says “Kim”; the account just before names him: Kim Il-sung.")
    say(
        e,
        "actors",
        "Democratic People’s Republic of Korea",
        C,
        plan,
        "The plan was Kim Il-sung’s, as leader of North Korea, whose ground forces the tunnels were for.",
    )
    complete(e, "actors")

    # --- 1980s and early 1990s ----------------------------------------------------------
    recon = "Other vehicles observed around this era included 323-based mortar carriers that had their armament in a fully rotatable turret, likely inspired by the 2S9 Nona and a reconnaissance armored car/light armored personnel carrier designated as the M1992."
    e = E(slug="323-mortar-carriers-and-m1992-recon-car-observed")
    say(e, "equipment", "M1992 reconnaissance armored car", C, recon)
    complete(e, "equipment")

    spaag = "Some examples include the M1989, a self-propelled anti-aircraft gun developed in the 1980s"
    e = E(slug="m1989-spaag-developed-1980s")
    say(e, "equipment", "M1989 self-propelled anti-aircraft gun", C, spaag)
    complete(e, "equipment")

    e = E(slug="north-korean-armored-vehicle-boom-1980s-early-1990s")
    say(e, "equipment", "M1989 self-propelled anti-aircraft gun", C, spaag)
    say(
        e,
        "equipment",
        "Koksan (M1989)",
        C,
        "In 1989, a newer, more advanced version of the Koksan was also observed by external viewers.",
        "The document speaks of a newer Koksan observed in 1989; that version is the one known as the M1989 Koksan.",
    )
    spg = "By 1992, new self-propelled artillery pieces were first observed by an international audience, mounting a 122 mm and either a 130 or 152 mm gun in a fully rotatable turret. These were designated M1991 and M1992."
    say(e, "equipment", "M1991 self-propelled howitzer", C, spg)
    say(e, "equipment", "M1992 self-propelled gun", C, spg)
    say(e, "equipment", "M1992 reconnaissance armored car", C, recon)
    m1992 = "with the M1992 designation for example applying to an armored personnel carrier, an ATGM carrier, a model of the Chonma-Ho and a self-propelled artillery piece: all were first observed in the same 1992 parade."
    say(e, "equipment", "M1992 ATGM carrier", C, m1992)
    say(e, "equipment", "Chonma-Ho (M1992)", C, m1992)
    say(
        e,
        "equipment",
        "Chonma-92",
        C,
        "A very similar vehicle, with only slight modifications in smoke launchers and ERA, is designated as the Chonma-92 by North Korean sources.",
    )
    say(
        e,
        "equipment",
        "Chonma-Ho II",
        C,
        "The so-called “Chonma-Ho II”, which differs from the original model by the inclusion of a laser rangefinder housed on top of the main gun.",
    )
    complete(e, "equipment")

    whole(
        E(slug="chonma-laser-rangefinder-first-spotted-1985"),
        "equipment",
        "Chonma-Ho II",
        C,
        "The so-called “Chonma-Ho II”, which differs from the original model by the inclusion of a laser rangefinder housed on top of the main gun.",
    )

    # The document says the K1 entered service in the ROKA; it does not name the state.
    unlink(E(slug="k1-enters-roka-service-1988"), "actors", "Republic of Korea")

    e = E(slug="323-with-igla-at-1992-parade")
    igla = "323 with a battery of Igla MANPADS on parade, Kim-Il-Sung Square, Pyongyang, 1992 ."
    say(
        e,
        "actors",
        "Democratic People’s Republic of Korea",
        C,
        igla,
        "A parade on Kim Il-sung Square in Pyongyang is a North Korean parade.",
    )
    say(e, "equipment", "323 with MANPADS", C, igla)
    complete(e, "actors")
    complete(e, "equipment")

    # --- 2015 and after ------------------------------------------------------------------
    e = E(slug="m1981-shinheung-at-2015-parade")
    say(
        e,
        "actors",
        "Democratic People’s Republic of Korea",
        C,
        "M1981 Shin’heung during a parade in 2015, modernized by the presence of a version of the Igla anti-air missile as well as smoke grenade dischargers",
        "The caption does not say where the parade was; the M1981 is the amphibious tank North Korea designed on the 323, so the parade is read as North Korean.",
    )
    complete(e, "actors")

    e = E(slug="wpk-70th-anniversary-parade-2015")
    say(
        e,
        "actors",
        "Korean People’s Army",
        C,
        "T-34-85s at the 70th anniversary of the foundation of the Workers’ Party of Korea (WPK) on 10th October 2015, in Kim Il-sung street in Pyongyang.",
        "The caption does not name the army; T-34-85s on parade in Pyongyang are read as the KPA’s tanks.",
    )
    complete(e, "actors")

    e = E(slug="defective-north-korean-shells")
    say(
        e,
        "actors",
        "Russian army",
        S,
        "The Russians were desperate and didn’t bother to check for this. That was a costly mistake because their artillerymen found that many of the shells did not work and some exploded when fired.",
    )
    say(
        e,
        "equipment",
        "152 mm artillery shell",
        S,
        "Iran provided missiles and drones while North Korea supplied artillery and lots of 152mm and 122mm shells to feed the guns.",
    )
    complete(e, "actors")
    complete(e, "equipment")

    whole(
        E(slug="russian-war-in-ukraine"),
        "actors",
        "Ukrainian forces",
        S,
        "The Ukrainian forces facing them estimate that the North Koreans have suffered about 30 percent casualties so far",
    )

    # The document names Ukraine, not its forces.
    unlink(E(slug="ukrainian-incursion-into-kursk"), "actors", "Ukrainian forces")

    # The exhibited tank only resembles the one seen at the factory inspection.
    unlink(
        E(slug="north-korean-military-equipment-exhibition-2024"),
        "equipment",
        "New North Korean tank with active protection system",
    )

print("ops_links: done")

"""Data fixes for the review findings: facts from general knowledge, dates more precise than
the texts, over-certain or wrong entries, disagreements kept only as notes, duplicates.

Run on a database holding the curated fixtures:

    python manage.py shell < ops_findings.py

Every entry is found by its natural key (a slug; a designation by code, scheme and
equipment), every citation by its source, its quote and its entry (and its attribute
where one quote supports several). Each step checks the state it starts from and refuses
anything else; a step whose result is already there is skipped, so the script can run
again. It writes in one transaction: a failed check leaves the database as it was.
Summaries and comments are edited phrase by phrase, so that texts rewritten meanwhile
(by other fixes) are not clobbered; a phrase that is no longer there is reported, not
forced.
"""

import datetime

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction

from equipment.models import Designation, Equipment, Image, Transfer
from events.models import Actor, Era, Event, Place
from sources.models import Citation, Source

ANY = object()  # "whatever it is now": for notes that other fixes may have reworded
MODELS = {"event": Event, "actor": Actor, "place": Place, "era": Era, "equipment": Equipment, "transfer": Transfer}

COLD_WAR = "dprk-cold-war"
STRATEGYPAGE = "strategypage-north-korea-delivers"
ARMY_RECOGNITION = "army-recognition-koksan-batch"
JOONGANG = "joongang-kim-tank-factory"
KOKSAN_ARTICLE = "koksan-howitzers-for-russia"

log = {"changed": 0, "already": 0, "warnings": []}


def changed(message):
    log["changed"] += 1
    print(f"  changed: {message}")


def already(message):
    log["already"] += 1
    print(f"  already: {message}")


def warn(message):
    log["warnings"].append(message)
    print(f"  WARNING: {message}")


def step(title):
    print(f"\n== {title}")


# --- finding entries and citations ------------------------------------------------------


def entry(kind, key):
    if kind == "designation":
        code, scheme, equipment = key
        return Designation.objects.get(code=code, scheme=scheme, equipment__slug=equipment)
    return MODELS[kind].objects.get(slug=key)


def entry_or_none(kind, key):
    try:
        return entry(kind, key)
    except ObjectDoesNotExist:
        return None


def citations(source, quote, kind, key, **extra):
    target = entry_or_none(kind, key)
    if target is None:
        return Citation.objects.none()
    return Citation.objects.filter(source__slug=source, quote=quote, **{kind: target}, **extra)


def one_citation(source, quote, targets, **extra):
    """The one citation of ``source`` with ``quote`` on one of ``targets`` ((kind, key) pairs:
    where it was or where a move has put it), narrowed by ``extra`` lookups."""
    found = []
    for kind, key in targets:
        found += list(citations(source, quote, kind, key, **extra))
    assert len(found) == 1, f"expected one citation of {source} {quote[:60]!r} on {targets} {extra}, found {found}"
    return found[0]


def describe(obj):
    if isinstance(obj, Citation):
        return f"citation {obj.pk} ({obj.source.slug}: {obj.quote[:50]!r}… on {obj.target_field} {obj.target})"
    return f"{obj._meta.model_name} {getattr(obj, 'slug', None) or obj}"


def _same(current, expected):
    if expected is ANY:
        return True
    if hasattr(expected, "pk"):
        return current == expected.pk
    return current == expected


def set_fields(obj, **changes):
    """``changes``: field -> (old, new). Each field must hold its old or its new value; the
    fields still at their old values are set to the new ones and the entry saved once."""
    todo = {}
    for field, (old, new) in changes.items():
        attname = obj._meta.get_field(field).attname
        current = getattr(obj, attname)
        if _same(current, new):
            continue
        assert _same(current, old), f"{describe(obj)}: {field} is {current!r}, expected {old!r} (or {new!r})"
        todo[field] = new
    if not todo:
        already(f"{describe(obj)}: {', '.join(changes)}")
        return False
    for field, new in todo.items():
        setattr(obj, field, new)
    obj.save()
    changed(f"{describe(obj)}: {', '.join(f'{f} = {v!r}' for f, v in todo.items())}")
    return True


def replace_phrase(obj, field, old, new):
    """Replace the phrase ``old`` by ``new`` in a text field. If ``old`` is gone, the step was
    done (``new`` is there, or ``new`` is empty: a phrase removed) or the text was rewritten
    meanwhile: then it is reported and left as it is."""
    text = getattr(obj, field)
    if old in text:
        setattr(obj, field, text.replace(old, new))
        obj.save()
        changed(f"{describe(obj)}: {field}: {old!r} -> {new!r}")
    elif new and new in text:
        already(f"{describe(obj)}: {field} phrase {new!r}")
    elif not new:
        already(f"{describe(obj)}: {field} without {old!r}")
    else:
        warn(f"{describe(obj)}: {field} no longer holds {old!r}; left as is: {text!r}")


def append_sentence(obj, field, sentence):
    text = getattr(obj, field)
    if sentence.strip() in text:
        already(f"{describe(obj)}: {field} sentence {sentence.strip()[:50]!r}")
        return
    setattr(obj, field, (text.rstrip() + " " + sentence.strip()).strip())
    obj.save()
    changed(f"{describe(obj)}: {field} += {sentence.strip()!r}")


def m2m(obj, field, add=(), remove=()):
    manager = getattr(obj, field)
    model = manager.model
    present = set(manager.values_list("slug", flat=True))
    for slug in remove:
        if slug in present:
            manager.remove(model.objects.get(slug=slug))
            changed(f"{describe(obj)}: {field} - {slug}")
        else:
            already(f"{describe(obj)}: {field} without {slug}")
    for slug in add:
        if slug in present:
            already(f"{describe(obj)}: {field} with {slug}")
        else:
            manager.add(model.objects.get(slug=slug))
            changed(f"{describe(obj)}: {field} + {slug}")


def edit_citation(source, quote, kind, key, *, attribute=None, moved_from=None, **changes):
    """Change one citation. ``attribute``: the attribute it has now, or (old, new) when the
    change renames it; ``moved_from``: the (kind, key) it is moved from, the entry ``kind``,
    ``key`` being where it goes. ``changes``: field -> (old, new)."""
    extra = {}
    if attribute is not None:
        names = attribute if isinstance(attribute, tuple) else (attribute,)
        extra["attribute__in"] = names
        if isinstance(attribute, tuple):
            changes["attribute"] = attribute
    targets = [(kind, key)] + ([moved_from] if moved_from else [])
    citation = one_citation(source, quote, targets, **extra)
    if moved_from:
        field, old_target, new_target = moved_from[0], entry_or_none(*moved_from), entry(kind, key)
        if old_target is not None and getattr(citation, f"{field}_id") == old_target.pk:
            setattr(citation, f"{field}_id", None)
            setattr(citation, kind, new_target)
            citation.save()
            changed(f"{describe(citation)}: moved from {moved_from[0]} {moved_from[1]} to {kind} {key}")
        else:
            assert getattr(citation, f"{kind}_id") == new_target.pk
            already(f"{describe(citation)}: on {kind} {key}")
    if changes:
        set_fields(citation, **changes)
    return citation


def ensure_citation(source, quote, kind, key, *, attribute="", value="", reading=False, note="", locator="", via=None):
    """A citation of ``source`` with ``quote`` on the entry, for ``attribute`` = ``value``."""
    target = entry(kind, key)
    found = Citation.objects.filter(
        source__slug=source, quote=quote, attribute=attribute, value=value, **{kind: target}
    )
    if found.exists():
        assert found.count() == 1, f"duplicate citations {list(found)}"
        set_fields(found.get(), reading=(ANY, reading), note=(ANY, note))
        return found.get()
    citation = Citation.objects.create(
        source=Source.objects.get(slug=source),
        quote=quote,
        locator=locator,
        attribute=attribute,
        value=value,
        reading=reading,
        note=note,
        via=Source.objects.get(slug=via) if via else None,
        **{kind: target},
    )
    changed(f"new {describe(citation)}: {attribute or '(no attribute)'} = {value!r}{' (reading)' if reading else ''}")
    return citation


def delete_citation(source, quote, kind, key):
    found = citations(source, quote, kind, key)
    assert found.count() <= 1
    if found.exists():
        citation = found.get()
        text = describe(citation)
        citation.delete()
        changed(f"deleted {text}")
    else:
        already(f"no citation of {source} {quote[:50]!r} on {kind} {key}")


def merge_actor(old_slug, into_slug):
    """Move everything that refers to actor ``old_slug`` to ``into_slug`` and delete it."""
    old = Actor.objects.filter(slug=old_slug).first()
    into = Actor.objects.get(slug=into_slug)
    if old is None:
        already(f"actor {old_slug} merged into {into_slug}")
        return
    moved = 0
    for citation in Citation.objects.filter(actor=old):
        citation.actor = into
        citation.save()
        moved += 1
    for event in Event.objects.filter(actors=old):
        event.actors.remove(old)
        event.actors.add(into)
        changed(f"event {event.slug}: actor {old_slug} -> {into_slug}")
    for model, field in [
        (Actor, "parent"),
        (Actor, "country"),
        (Place, "country"),
        (Equipment, "origin"),
        (Equipment, "producer"),
        (Transfer, "supplier"),
        (Transfer, "recipient"),
    ]:
        for row in model.objects.filter(**{field: old}):
            setattr(row, field, into)
            row.save()
            changed(f"{describe(row)}: {field} {old_slug} -> {into_slug}")
    old.delete()
    changed(f"actor {old_slug} merged into {into_slug} ({moved} citations moved) and deleted")


def merge_event(old_slug, into_slug):
    """Move the citations, actors, equipment and images of event ``old_slug`` to ``into_slug``
    and delete it."""
    old = Event.objects.filter(slug=old_slug).first()
    into = Event.objects.get(slug=into_slug)
    if old is None:
        already(f"event {old_slug} merged into {into_slug}")
        return
    moved = 0
    for citation in Citation.objects.filter(event=old):
        citation.event = into
        citation.save()
        moved += 1
    m2m(into, "actors", add=list(old.actors.values_list("slug", flat=True)))
    m2m(into, "equipment", add=list(old.equipment.values_list("slug", flat=True)))
    Image.objects.filter(event=old).update(event=into)
    old.delete()
    changed(f"event {old_slug} merged into {into_slug} ({moved} citations moved) and deleted")


def disputes_count():
    return len(Citation.objects.disputes())


# --- the fixes --------------------------------------------------------------------------

OTHER_TANK = (
    "The text calls it a tank and no more; with no category for a tank of unstated type, the entry is filed under "
    "“other”."
)
OTHER_TANK_READ = (
    "The text says “vehicles”, set against the KPA’s tank force in the same passage: read as a tank, of a type "
    "it does not give. With no category for a tank of unstated type, the entry is filed under “other”."
)
TANKS_QUOTE = "only 60 M24 Chaffee, M4A3 Sherman, and M26 Pershing tanks"
TANKS_LOCATOR = "1950-1953, the Fatherland Liberation War, ¶10"
VEHICLES_LOCATOR = "The birth of North Korea’s own armored fighting vehicles, ¶1"


def general_knowledge():
    step("Facts from general knowledge, not the texts")
    usa = Actor.objects.get(slug="united-states")
    nk = Actor.objects.get(slug="north-korea")

    # The texts call the M24 and M26 (and the M4A3) "tanks", and the M47, M48 and M4
    # "vehicles" set against the KPA's tanks; they give no origin and no type of tank.
    set_fields(entry("equipment", "m24-chaffee"), category=("light_tank", "other"), origin=(usa, None))
    edit_citation(
        COLD_WAR,
        TANKS_QUOTE,
        "equipment",
        "m24-chaffee",
        attribute=("", "category"),
        value=("", "tank"),
        note=("", OTHER_TANK),
    )
    set_fields(entry("equipment", "m26-pershing"), category=("medium_tank", "other"))
    edit_citation(
        COLD_WAR,
        TANKS_QUOTE,
        "equipment",
        "m26-pershing",
        attribute=("", "category"),
        value=("", "tank"),
        note=("", OTHER_TANK),
    )
    set_fields(entry("equipment", "m4a3-sherman"), category=("medium_tank", "other"))
    ensure_citation(
        COLD_WAR,
        TANKS_QUOTE,
        "equipment",
        "m4a3-sherman",
        attribute="category",
        value="tank",
        note=OTHER_TANK,
        locator=TANKS_LOCATOR,
    )
    set_fields(entry("equipment", "m4-sherman"), category=("medium_tank", "other"), origin=(usa, None))
    for slug, quote in [
        ("m4-sherman", "and still used a large number of inferior M47s, M4 Shermans or M24 Chaffees"),
        ("m47-patton", "and still used a large number of inferior M47s, M4 Shermans or M24 Chaffees"),
        ("m48-patton", "the South Koreans had no vehicles more advanced than M48 Patton"),
    ]:
        edit_citation(
            COLD_WAR,
            quote,
            "equipment",
            slug,
            attribute=("", "category"),
            value=("", "tank"),
            reading=(False, True),
            note=("", OTHER_TANK_READ),
        )
    set_fields(entry("equipment", "m47-patton"), category=("medium_tank", "other"))
    set_fields(entry("equipment", "m48-patton"), category=("main_battle_tank", "other"))
    # A caption only: "A Cromwell Mark VII captured and put in service with the KPA."
    set_fields(entry("equipment", "cromwell-mark-vii"), category=("medium_tank", "other"))
    # "a local version of the 152 mm D-20 gun": a gun, towed or not the text does not say.
    set_fields(entry("equipment", "d-20"), category=("towed_gun", "other"))
    ensure_citation(
        COLD_WAR,
        "Tokchons, armed with a local version of the 152 mm D-20 gun.",
        "equipment",
        "d-20",
        attribute="category",
        value="gun",
        note="The text calls it a gun and no more, neither towed nor self-propelled; with no category "
        "for a gun of unstated kind, the entry is filed under “other”.",
        locator="caption, The birth of North Korea’s own armored fighting vehicles",
    )

    # Kim Il-sung's parents died (1926, 1932) before the DPRK was proclaimed (1948).
    set_fields(entry("actor", "kang-pan-sok"), country=(nk, None))
    set_fields(entry("actor", "kim-hyong-jik"), country=(nk, None))

    # The K1 "would ... enter service in the ROKA" in 1988: not when it was first observed.
    set_fields(entry("equipment", "k1"), first_observed=(1988, None))
    edit_citation(
        COLD_WAR,
        "Only in 1988 would a tank surpassing the Chonma enter service in the ROKA, though this "
        "vehicle, the K1, would outclass the North Korean vehicle very significantly.",
        "equipment",
        "k1",
        attribute=("first_observed", "entered_service"),
    )


BY_1992 = "By 1992, new self-propelled artillery pieces were first observed by an international audience"
BY_1992_NOTE = (
    "“By 1992”: 1992 at the latest. The year first observed is kept as 1992, since the entry cannot yet say “by”."
)


def more_precise_than_the_text():
    step("More precise than the texts")
    # M1991 and M1992 self-propelled guns: "By 1992" (Equipment.first_observed is a bare year).
    for slug in ["m1991-self-propelled-howitzer", "m1992-self-propelled-gun"]:
        edit_citation(
            COLD_WAR,
            BY_1992,
            "equipment",
            slug,
            attribute="first_observed",
            value=("1992", "by 1992"),
            note=(ANY, BY_1992_NOTE),
        )

    # "By 7 January, video footage from Kursk showed the artillery": no year in the article.
    video = entry("event", "koksan-kursk-video-2025-01-07")
    set_fields(
        video,
        date_start=(datetime.date(2025, 1, 7), datetime.date(2025, 1, 7)),
        date_precision=("day", "day"),
        date_qualifier=("", "by"),
    )
    edit_citation(
        KOKSAN_ARTICLE,
        "By 7 January, video footage from Kursk showed the artillery in the battlefield, with a North Korean soldier "
        "referring to it as a “gift” from Kim Jong-un.",
        "event",
        video.slug,
        attribute="date",
        value=("7 January", "by 7 January 2025"),
        reading=(False, True),
        note=(
            ANY,
            "This article gives no year. It tells of the video after the deliveries of “late December”, and "
            "Army Recognition dates the Koksans’ first photos in Russia to 20 November 2024 and another train batch "
            "to 19 December 2024: the January is read as January 2025.",
        ),
    )

    # Neither casualty figure is dated; they cannot precede the first combat, in December 2024.
    casualties = entry("event", "north-korean-casualties-in-russia-ukraine")
    set_fields(
        casualties,
        date_start=(datetime.date(2024, 12, 1), datetime.date(2024, 12, 1)),
        date_precision=("month", "month"),
        date_qualifier=("", "after"),
    )
    ensure_citation(
        STRATEGYPAGE,
        "The North Koreans were first seen in combat during December.",
        "event",
        casualties.slug,
        attribute="date",
        value="after December 2024",
        reading=True,
        note="Neither figure is dated. The casualties cannot precede the troops’ first combat, which StrategyPage "
        "places in “December”, after their arrival “at the end of 2024”; its estimate of about 30 percent is “so "
        "far”, in an article of 10 January 2026.",
        locator="¶4 “At the end of 2024…”",
    )

    # "During the fighting, about 200,000 PKA soldiers were wounded or killed...": no date.
    losses = entry("event", "kpa-losses-1950")
    set_fields(
        losses,
        date_start=(datetime.date(1950, 8, 1), datetime.date(1950, 1, 1)),
        date_end=(datetime.date(1950, 10, 1), None),
        date_precision=("month", "year"),
    )
    ensure_citation(
        COLD_WAR,
        "During the fighting, about 200,000 PKA soldiers were wounded or killed and another 135,000 taken prisoner, in "
        "addition to losing another 313 tanks (almost all T-34-85s).",
        "event",
        losses.slug,
        attribute="date",
        value="1950",
        reading=True,
        note="Undated in the text: “during the fighting” follows its account of the autumn of 1950 (Seoul retaken on "
        "25 September, the crossing into North Korea on 1 October, Pyongyang taken on 19 October). Only the year is "
        "read from there.",
        locator="1950-1953, the Fatherland Liberation War, ¶15",
    )

    # Eras have day bounds and no precision (the model cannot say "1991" or "early 2022"):
    # the citations at least say what the texts say.
    edit_citation(
        COLD_WAR,
        "After 1910, the Korean peninsula was occupied by the troops of the Japanese Empire",
        "era",
        "japanese-rule",
        attribute="start",
        value=("1910", "1910"),  # "after 1910": from 1910 on, as the era and event store it
    )
    ensure_citation(
        STRATEGYPAGE,
        "From 1904 to 1945, Korea was a Japanese colony",
        "era",
        "japanese-rule",
        attribute="end",
        value="1945",
        locator="¶ “After the war, North Korea experienced…”",
    )
    ensure_citation(
        COLD_WAR,
        "After the defeat of the Japanese in August 1945",
        "era",
        "japanese-rule",
        attribute="end",
        value="August 1945",
        locator="Chinese Civil War, ¶1",
    )
    edit_citation(
        COLD_WAR,
        "the Soviet Union declared war on the Japanese Empire on 8th August 1945. They successfully crossed the border "
        "with the Korean peninsula on August 15 and liberated Pyongyang on 24th August.",
        "era",
        "liberation-and-division",
        attribute=("", "start"),
        value=("", "15 August 1945"),
    )


KUSONG_LIKELY = "Dated here only to c. 2025."


def over_certain_or_wrong():
    step("Over-certain or wrong")
    # The inspection: "likely located in Kusong" (Yu Yong-weon); KCNA reported it; undated.
    inspection = entry("event", "kim-jong-un-tank-factory-inspection-2025")
    set_fields(
        inspection,
        place=(Place.objects.get(slug="kusong"), None),
        date_start=(datetime.date(2025, 1, 1), datetime.date(2025, 5, 4)),
        date_precision=("year", "day"),
        circa=(True, False),
        date_qualifier=("", "by"),
    )
    m2m(inspection, "actors", remove=["kcna"])
    replace_phrase(inspection, "summary", KUSONG_LIKELY, "The visit took place on or before the day of the report.")
    edit_citation(
        JOONGANG,
        "North Korean leader Kim Jong-un inspected a tank factory and emphasized the modernization of the army through "
        "the development of new tanks and armored vehicles, according to state-run media on Sunday.",
        "event",
        inspection.slug,
        attribute="date",
        value=("reported on Sunday, 4 May 2025", "by 4 May 2025"),
        reading=(False, True),
        note=(
            ANY,
            "The report gave no date for the visit. It was reported on “Sunday”, the day the article was "
            "published (4 May 2025), so the visit took place on or before that day.",
        ),
    )

    # No document gives a delivery of 2025.
    replace_phrase(
        entry("equipment", "koksan-m1989"),
        "summary",
        "delivered to Russia in 2024–2025",
        "began delivering to Russia in 2024",
    )

    # The T-62s: "often theorized ... by no means confirmed and appears unlikely".
    set_fields(
        entry("transfer", "ussr-to-dprk-t-62"),
        quantity_wording=("a large quantity", ""),
        item=("", "often theorized; by no means confirmed and appears unlikely"),
    )

    # The late-December train (this article) is not the 19 December batch (Army Recognition).
    delete_citation(
        ARMY_RECOGNITION,
        "showing another batch of North Korean M1989 Koksan 170mm self-propelled guns (SPGs) being "
        "transported by train through Russia",
        "transfer",
        "dprk-to-russia-koksan-m1989-train-late-december",
    )

    # Type 63A: "sometimes 160 to 180 are mentioned, sometimes 500" are two claims, not a
    # range of 160 to 500. A transfer holds one range; the two claims are the two quantity
    # citations (a dispute), the wording keeps the text's words, the range is left empty.
    set_fields(entry("transfer", "china-to-dprk-type-63a-1967"), quantity_low=(160, None), quantity_high=(500, None))

    # Chonma I and III-VI name no particular vehicle: the text divides the series with them.
    series, created = Equipment.objects.get_or_create(
        slug="chonma-series",
        defaults={
            "name": "Chonma series",
            "category": "main_battle_tank",
            "origin": Actor.objects.get(slug="north-korea"),
            "summary": "The Chonma tanks taken as a series. In the west it is often divided as Chonma "
            "I/II/III/IV/V/VI, a classification the text calls oversimplified, with many more variants; it does not "
            "say which vehicle each number names, and whether a vehicle matching the description of the Chonma III "
            "exists is uncertain. The so-called Chonma-Ho II has an entry of its own.",
        },
    )
    (changed if created else already)("equipment chonma-series (the series the western codes divide)")
    ensure_citation(
        COLD_WAR,
        "In the west, the Chonma series are often divided as Chonma I/II/III/IV/V/VI, but this "
        "is an oversimplified system of classification, with much more variants of the Chonma existing.",
        "equipment",
        "chonma-series",
        locator="1980s and early 1990s: A blooming tank industry, ¶2 “In the 1980s, the Chonma series…”",
    )
    ensure_citation(
        COLD_WAR,
        "In the 1980s, the Chonma series started to undergo a series of upgrades.",
        "equipment",
        "chonma-series",
        locator="1980s and early 1990s: A blooming tank industry, ¶2 “In the 1980s, the Chonma series…”",
    )
    for code in ["Chonma I", "Chonma III", "Chonma IV", "Chonma V", "Chonma VI"]:
        designation = Designation.objects.filter(code=code, scheme="western_press").get()
        set_fields(designation, equipment=(Equipment.objects.get(slug="chonma-ho"), series))
    m2m(entry("event", "chonma-upgrades-1980s"), "equipment", add=["chonma-series"])
    edit_citation(
        COLD_WAR,
        "In the west, the Chonma series are often divided as Chonma I/II/III/IV/V/VI",
        "designation",
        ("Chonma II", "western_press", "chonma-ho-ii"),
        attribute="code",
        reading=(False, True),
        note=(
            ANY,
            "The text lists “Chonma II” only in the western division of the series; it is attached "
            "to the vehicle a caption calls the so-called “Chonma-Ho II”, which bears the same number.",
        ),
    )

    # "preparing to send Russia over 100": the article has no "more".
    planned = entry("transfer", "dprk-to-russia-koksan-m1989-planned")
    replace_phrase(planned, "comments", "over 100 more M1989 Koksans", "over 100 M1989 Koksans")
    append_sentence(
        planned,
        "comments",
        "The article does not say whether they come in addition to the 120 Budanov says were already supplied.",
    )
    # Budanov's "double" is of "artillery systems" in general, not of Koksans.
    edit_citation(
        KOKSAN_ARTICLE,
        "North Korea was preparing to double the number of artillery systems it has sent to Russia’s border oblast of "
        "Kursk",
        "transfer",
        "dprk-to-russia-artillery-systems",
        moved_from=("transfer", "dprk-to-russia-koksan-m1989-planned"),
        attribute=("quantity", ""),
        value=("double the number already sent", ""),
        note=(ANY, ""),
    )


def disagreements():
    step("Disagreements kept only as notes, or not at all")
    # The M1989 in the Iran-Iraq War: Army Recognition calls the Koksan the M1989 throughout;
    # the Cold War history has Iran's Koksans as M1978s and the M1989 first seen in 1989.
    # No dispute: the combat use is recorded on the M1978, as a reading.
    edit_citation(
        ARMY_RECOGNITION,
        "This system gained recognition during the Iran-Iraq War in the 1980s, where it was used in sustained "
        "counter-battery fire missions and long-range bombardments.",
        "equipment",
        "koksan",
        moved_from=("equipment", "koksan-m1989"),
        attribute=("", "combat_use"),
        value=("", "Iran-Iraq War"),
        reading=(False, True),
        note=(
            ANY,
            "Army Recognition names the M1989 here, as it does throughout, yet dates the M1989’s introduction "
            "to 1989. The Cold War history shows an Iranian Koksan as an M1978 (at a parade in Tehran) and has the "
            "newer M1989 first observed in 1989, so the combat use in the Iran–Iraq War of the 1980s is read as the "
            "M1978’s.",
        ),
    )
    war = entry("event", "iran-iraq-war")
    m2m(war, "equipment", add=["koksan"], remove=["koksan-m1989"])
    replace_phrase(
        war,
        "summary",
        "the M1989 Koksan gained recognition in it",
        "the Koksan, which it calls the M1989, gained recognition in it",
    )
    append_sentence(war, "summary", "The Cold War history shows an Iranian Koksan as an M1978, at a parade in Tehran.")

    # One article: The Telegraph's "preparing to send over 100" and Budanov's "already supplied 120".
    ensure_citation(
        KOKSAN_ARTICLE,
        "North Korea is preparing to send Russia over 100 M1989 Koksan howitzers",
        "transfer",
        "dprk-to-russia-koksan-m1989-2024",
        attribute="status",
        value="preparing to send",
        via="the-telegraph",
        note="As this article reports The Telegraph, the over 100 Koksans are still to be sent; in the same article "
        "Budanov says 120 have already been supplied. The article does not say whether the over 100 come in addition "
        "to the 120.",
        locator="¶1 “North Korea is preparing to send Russia…”",
    )
    ensure_citation(
        KOKSAN_ARTICLE,
        "Pyongyang has already supplied Moscow with 120 M1989 Koksan howitzers",
        "transfer",
        "dprk-to-russia-koksan-m1989-2024",
        attribute="status",
        value="already supplied",
        via="the-warzone",
        locator="¶2 “Kyiv’s military intelligence chief…”",
    )
    # Combat use: "not confirmed" (Army Recognition) against "confirmed" (Budanov) read as
    # agreeing (the one's words hold the other's); the article's words make them differ.
    edit_citation(
        KOKSAN_ARTICLE,
        "North Korean troops are currently training Russian forces on the weapon’s operation, with combat use "
        "already confirmed, Budanov said.",
        "transfer",
        "dprk-to-russia-koksan-m1989-2024",
        attribute="combat_use",
        value=("confirmed", "already confirmed"),
    )
    # First evidence: 20 November 2024 (Army Recognition) or "late December" (no year).
    edit_citation(
        KOKSAN_ARTICLE,
        "Evidence of deliveries emerged in late December when footage showed a train transporting at least 10 M1989 "
        "Koksans to Russia",
        "transfer",
        "dprk-to-russia-koksan-m1989-2024",
        attribute="first_evidence",
        value=("late December", "late December 2024"),
        reading=(False, True),
        note=(ANY, LATE_DECEMBER_NOTE),
    )

    # "several thousand tanks, including ... about 170 SU-76M ..., an unknown number of
    # T-34-76s and 258 T-34-85s".
    ensure_citation(
        COLD_WAR,
        "From the late 1940s to June 1950, the Soviet Union supplied Kim’s Korea with several thousand tanks, "
        "including a batch of about 170 SU-76M self-propelled guns, an unknown number of T-34-76s and 258 T-34-85s.",
        "transfer",
        "ussr-to-dprk-tanks-1950",
        attribute="quantity",
        value="about 428 besides an unknown number of T-34-76s",
        reading=True,
        note="The batches the same sentence lists add up to about 428 (about 170 SU-76Ms and 258 T-34-85s) besides an "
        "unknown number of T-34-76s: far fewer than “several thousand” unless the T-34-76s ran into thousands.",
        locator="Birth of the Korean People’s Army, ¶4",
    )

    # The 105th: "five regiments", then four regiments and a battalion listed.
    edit_citation(
        COLD_WAR,
        "The brigade consisted of five regiments.",
        "actor",
        "105th-armored-brigade",
        attribute=("", "regiments"),
        value=("", "five"),
    )
    ensure_citation(
        COLD_WAR,
        "The 107th, 109th, and 203rd Tank Regiments were equipped with 40 T-34-85s each, although the ranks were only "
        "completed in October 1949. The 206th Motorized Infantry Regiment was equipped with Soviet-made trucks and, "
        "finally, the 308th Armored Battalion had 16 SU-76M self-propelled assault guns.",
        "actor",
        "105th-armored-brigade",
        attribute="regiments",
        value="four (and one battalion)",
        reading=True,
        note="The paragraph lists three tank regiments (107th, 109th and 203rd), the 206th Motorized Infantry Regiment "
        "and the 308th Armored Battalion: four regiments and a battalion, against the “five regiments” it announces.",
        locator="Birth of the Korean People’s Army, ¶10",
    )

    # The Type 63: a light tank in one place, the base of a 10-passenger APC in another.
    edit_citation(
        COLD_WAR,
        "From China, North Korea received a number of Type 62 and 63 light tanks",
        "equipment",
        "type-63",
        attribute=("", "category"),
        value=("", "light tank"),
    )
    ensure_citation(
        COLD_WAR,
        "The lengthening of its hull apparently allows it to maintain the 10 passengers capacity of the Type 63.",
        "equipment",
        "type-63",
        attribute="category",
        value="personnel carrier (ten passengers)",
        reading=True,
        note="Where it lists the Chinese deliveries the text calls the Type 63 a light tank; here, describing the 323 "
        "built on it, it gives the Type 63 a capacity of 10 passengers, which is read as a personnel carrier.",
        locator="The birth of North Korea’s own armored fighting vehicles, ¶2",
    )

    # Returnees: "for the rest of their lives" and "for many years", in one article.
    ensure_citation(
        STRATEGYPAGE,
        "It is likely that any of these North Korean troops who return to North Korea will be put in prison camps for "
        "the rest of their lives.",
        "actor",
        "north-korean-troops-in-russia",
        attribute="fate_on_return",
        value="prison camps for the rest of their lives",
        locator="¶9 “Many North Korean soldiers in Ukraine…”",
    )
    ensure_citation(
        STRATEGYPAGE,
        "More likely they will immediately be sent to prison camps for many years.",
        "actor",
        "north-korean-troops-in-russia",
        attribute="fate_on_return",
        value="prison camps for many years",
        locator="¶13 “For North Korea the real prize…”",
    )

    # 1904 or 1910: disputed on the era, now on the event too.
    edit_citation(
        COLD_WAR,
        "After 1910, the Korean peninsula was occupied by the troops of the Japanese Empire, which administered it "
        "using an iron fist, subjugating the civilian population.",
        "event",
        "japanese-occupation-of-korea",
        attribute="date",
        value=("1910", "1910"),  # "after 1910": from 1910 on, as the era and event store it
    )
    ensure_citation(
        STRATEGYPAGE,
        "From 1904 to 1945, Korea was a Japanese colony",
        "event",
        "japanese-occupation-of-korea",
        attribute="date",
        value="1904",
        locator="¶ “After the war, North Korea experienced…”",
    )


LATE_DECEMBER_NOTE = (
    "This article gives no year; 2024 is read from Army Recognition, which dates the first photos of Koksans in Russia "
    "to 20 November 2024 and another train batch to 19 December 2024."
)


def duplicates():
    step("Duplicates")
    # "The training unit was renamed the 208th Tank Training Regiment": one unit.
    regiment = entry("actor", "15th-tank-training-regiment")
    kpagf = Actor.objects.get(slug="korean-peoples-army-ground-forces")
    # Its tanks of 1948 and of 1950 are not competing counts: one attribute each.
    edit_citation(
        COLD_WAR,
        "This training unit was equipped with only two T-34-85s and was staffed by a squad of "
        "about 30 tank officers, veteran Soviet volunteers.",
        "actor",
        regiment.slug,
        attribute=("tanks", "tanks_1948"),
    )
    edit_citation(
        COLD_WAR,
        "the second with only 30 T-34s of the 208th Tank Training Regiment",
        "actor",
        regiment.slug,
        moved_from=("actor", "208th-tank-training-regiment"),
        attribute=("tanks", "tanks_1950"),
    )
    merge_actor("208th-tank-training-regiment", regiment.slug)
    regiment.refresh_from_db()
    set_fields(regiment, aliases=("", "208th Tank Training Regiment"), parent=(None, kpagf))
    append_sentence(
        regiment,
        "summary",
        "As the 208th, under Colonel Kim Choi Won, it equipped the second of the "
        "KPA’s two armies with only 30 T-34s when the war began in June 1950.",
    )

    # The M1992 self-propelled gun's first sighting, twice.
    merge_event("m1991-m1992-self-propelled-guns-first-observed", "m1992-vehicles-first-observed-1992-parade")
    parade = entry("event", "m1992-vehicles-first-observed-1992-parade")
    edit_citation(
        COLD_WAR,
        BY_1992 + ", mounting a 122 mm and either a 130 or 152 mm gun in a fully rotatable turret.",
        "event",
        parade.slug,
        attribute="date",
        value=("1992", "by 1992"),
        note=(
            ANY,
            "“By 1992”: 1992 at the latest. For the M1992s the text gives the year itself: all were first "
            "observed at a 1992 parade.",
        ),
    )
    set_fields(
        parade,
        title=(
            "The M1992 vehicles first observed at a 1992 parade",
            "The M1992 vehicles and the M1991 self-propelled gun first observed",
        ),
        summary=(
            ANY,
            "By 1992 an international audience first saw new North Korean self-propelled artillery pieces "
            "with a 122 mm and a 130 or 152 mm gun in fully rotatable turrets, designated M1991 and M1992. The "
            "M1992 designation went to an armored personnel carrier (the reconnaissance car), an ATGM carrier, a "
            "new model of the Chonma-Ho and the self-propelled artillery piece, all first observed at the same "
            "1992 parade, which is why the US DoD gave all of them the same code. The place of the parade is not "
            "given.",
        ),
    )

    # "the Central Committee" of the Korea JoongAng Daily is the Workers' Party's.
    committee = entry("actor", "central-committee-of-the-workers-party-of-korea")
    edit_citation(
        JOONGANG,
        "Jo Chun-ryong, secretary of the Central Committee",
        "actor",
        committee.slug,
        moved_from=("actor", "central-committee"),
        note=(
            ANY,
            "The article names only “the Central Committee”; it is taken to be the Central Committee "
            "of the Workers’ Party of Korea (the article also speaks of “the Party Central”).",
        ),
    )
    merge_actor("central-committee", committee.slug)
    committee.refresh_from_db()
    if "Central Committee" in committee.alias_list:
        already("central-committee-of-the-workers-party-of-korea: alias Central Committee")
    else:
        set_fields(committee, aliases=(committee.aliases, committee.aliases + "\nCentral Committee"))
    append_sentence(
        committee,
        "summary",
        "Jo Chun-ryong, who accompanied Kim Jong-un on the tank factory inspection "
        "reported in May 2025, is a secretary of the Central Committee.",
    )


def documents_001_to_004():
    step("The same kinds of error in the rest of the data of documents 001-004")
    # Categories from general knowledge.
    javelin = entry("equipment", "javelin")
    set_fields(javelin, category=("atgm", "other"))
    replace_phrase(javelin, "summary", "; the category is the editor’s reading", "")
    tank = entry("equipment", "north-korean-tank-with-active-protection")
    set_fields(tank, category=("main_battle_tank", "other"))
    replace_phrase(tank, "summary", "; the category is the editor’s", "")
    edit_citation(
        JOONGANG,
        "The tank reportedly features an active protection system that automatically intercepts "
        "incoming anti-tank weapons.",
        "equipment",
        tank.slug,
        attribute=("", "category"),
        value=("", "tank"),
        note=(
            "",
            "The article calls it only “the tank”; with no category for a tank of unstated type, the "
            "entry is filed under “other”.",
        ),
    )

    # Two claims merged into one range: about 12,000 (StrategyPage) or 11,000 (this article).
    set_fields(entry("transfer", "dprk-to-russia-troops-2024"), quantity_low=(11000, None), quantity_high=(12000, None))

    # Years read from other documents, or days read against the publication date: readings.
    for source, quote, slug, old, new, note in [
        (
            KOKSAN_ARTICLE,
            "North Korea deployed 11,000 soldiers to Russia in late October to assist Moscow’s operations "
            "in the Kursk border region following Ukraine’s August incursion.",
            "ukrainian-incursion-into-kursk",
            "August",
            "August 2024",
            "This article gives no year; 2024 is read from the deployment that followed the incursion, which "
            "StrategyPage places at the end of 2024.",
        ),
        (
            KOKSAN_ARTICLE,
            "North Korea deployed 11,000 soldiers to Russia in late October",
            "north-korean-troops-deploy-to-russia",
            "late October",
            "late October 2024",
            "This article gives no year; 2024 is read from StrategyPage: “At the end of 2024 about 12,000 North Korean "
            "soldiers arrived in Russia”.",
        ),
        (
            KOKSAN_ARTICLE,
            "Evidence of deliveries emerged in late December when footage showed a train transporting at "
            "least 10 M1989 Koksans to Russia, with their 25-foot-long barrels visible and minimal camouflage.",
            "koksan-train-footage-late-december",
            "late December",
            "late December 2024",
            LATE_DECEMBER_NOTE,
        ),
    ]:
        if Citation.objects.filter(event__slug=slug, attribute="date", value=new, reading=True).exists():
            already(f"{slug}: its date is already read as {new}")
            continue
        edit_citation(
            source, quote, "event", slug, attribute="date", value=(old, new), reading=(False, True), note=(ANY, note)
        )
    for source, quote, slug in [
        (
            STRATEGYPAGE,
            "The North Koreans were first seen in combat during December.",
            "north-korean-troops-first-in-combat",
        ),
        (
            JOONGANG,
            "He noted that the tank spotted during the inspection resembles one unveiled at a North Korean "
            "military equipment exhibition in November last year.",
            "north-korean-military-equipment-exhibition-2024",
        ),
    ]:
        citation = edit_citation(source, quote, "event", slug, attribute="date", reading=(False, True))
        assert citation.note, f"{describe(citation)} has no note giving the reason of the reading"

    # Named in a quotation or a headline, not taking part.
    m2m(entry("event", "koksan-kursk-video-2025-01-07"), "actors", remove=["kim-jong-un"])  # "a “gift” from"
    m2m(entry("event", "ukrainian-incursion-into-kursk"), "actors", remove=["syrskyi"])  # a related headline
    m2m(entry("event", "north-korean-withdrawal-from-kursk-positions"), "actors", remove=["puls"])  # told Sky News

    # The casualties in the Kursk region are "believed"; the figures are "while fighting in Ukraine".
    casualties = entry("event", "north-korean-casualties-in-russia-ukraine")
    set_fields(casualties, place=(Place.objects.get(slug="kursk-oblast"), None))
    edit_citation(
        ARMY_RECOGNITION,
        "This includes sightings in the Kursk region, where North Korean soldiers are "
        "believed to have suffered heavy casualties.",
        "event",
        casualties.slug,
        attribute=("", "place"),
        value=("", "Kursk region (believed)"),
    )

    # Dates the texts only bound: "after the war", "By the 1980s", after the article of 2010.
    growth = entry("event", "north-korean-post-war-reconstruction")
    set_fields(
        growth,
        date_start=(datetime.date(1950, 1, 1), datetime.date(1953, 1, 1)),
        date_precision=("decade", "year"),
        circa=(True, False),
        date_qualifier=("", "after"),
    )
    ensure_citation(
        STRATEGYPAGE,
        "After the war, North Korea experienced a period of economic growth as its industrial facilities "
        "were rebuilt with Russian aid.",
        "event",
        growth.slug,
        attribute="date",
        value="after 1953",
        reading=True,
        note="“After the war”: the Korean War, which the same article says “ended in 1953”.",
        locator="¶16 “After the war…”",
    )
    replace_phrase(growth, "summary", "; the decade is the editor’s reading", "")
    set_fields(entry("event", "north-korean-economy-falls-apart-1980s"), circa=(True, False), date_qualifier=("", "by"))
    set_fields(entry("event", "chinese-magazine-article-withdrawn"), circa=(True, False), date_qualifier=("", "after"))


with transaction.atomic():
    before = disputes_count()
    general_knowledge()
    more_precise_than_the_text()
    over_certain_or_wrong()
    disagreements()
    duplicates()
    documents_001_to_004()
    after = disputes_count()

print(f"\n{log['changed']} changes, {log['already']} already done; disputes {before} -> {after}")
for message in log["warnings"]:
    print(f"WARNING: {message}")

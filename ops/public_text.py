"""Public text for readers: rewrite the texts that speak the editors' language.

DESIGN.md ("Provenance"): public text names sources by their titles, never by file names
or internal numbers, and shows no raw field names; an editor's remark on how a value was
read belongs in the citation's note. The curated texts spoke of "document 001", "the
seed", archived file names, field names and slugs. This rewrites each of them for
readers, moving the editors' remarks on readings to the note of the citation they
concern. No quote, archived text or value changes.

Run from the project directory: ``python manage.py shell < ops_public_text.py``.

Every row is found by its natural key (a citation by its source, its exact quote and the
entry it supports) and replaced only if it still reads as it did when this was written,
so a row edited since fails loudly instead of being overwritten. A text already in its
new state is skipped: running the script twice changes nothing the second time.
"""

from collections import Counter

from django.db import transaction

from equipment.models import Designation, Equipment, Transfer
from events.models import Actor, Era, Event, Place
from sources.models import Citation, Source

# The five source documents, named by the titles readers see.
TITLES = {
    "dprk-cold-war": "Democratic People’s Republic of Korea (Cold War)",
    "strategypage-north-korea-delivers": "Procurement: North Korea Delivers",
    "army-recognition-koksan-batch": (
        "North Korea Delivers New Batch of M1989 Koksan Howitzers to Russia Amid Strengthening Military Ties"
    ),
    "joongang-kim-tank-factory": "North's Kim Jong-un calls for modernized tanks in factory inspection",
    "koksan-howitzers-for-russia": "North Korea is preparing to send Russia over 100 M1989 Koksan howitzers",
}

# (source slug, old notes, new notes)
SOURCE_NOTES = [
    (
        "dprk-cold-war",
        (
            "Seed document 000_8956081076739c6e.txt. The text names neither its author nor its outlet. It says “as "
            "of 2021”, so it was written in 2021 or later (inferred). Ends with a bibliography, recorded as the "
            "sources it cites."
        ),
        (
            "An illustrated article on the armed forces of North Korea, from Japanese rule and the Korean War to "
            "its own tank industry of the 1980s and early 1990s and its arms exports, with picture captions and a "
            "bibliography at the end. The text names neither its author nor its outlet. It says “as of 2021”, so "
            "it was written in 2021 or later (inferred). Its bibliography is recorded as the sources it cites."
        ),
    ),
    (
        "strategypage-north-korea-delivers",
        (
            "Seed document 001_b275c909d79dd312.txt. Publisher from the text’s own appeal “Help Keep StrategyPage "
            "Open”; date from the archive entry “January 10, 2026”."
        ),
        (
            "An article from StrategyPage’s archives on North Korea’s munitions, artillery and troops for Russia’s "
            "war in Ukraine, looking back to the Korean War. Publisher from the text’s own appeal “Help Keep "
            "StrategyPage Open”; date from the archive entry “January 10, 2026”."
        ),
    ),
    (
        "army-recognition-koksan-batch",
        (
            "Seed document 002_5acb1a2afb166b22.txt. Publisher inferred from “Follow Army Recognition on Google "
            "News” in the text. No publication date is given; the text reports footage of December 19, 2024, so it "
            "was published on or after that day (inferred)."
        ),
        (
            "A breaking-news article, with one picture and its caption, on North Korean M1989 Koksan howitzers "
            "seen on their way through Russia. Publisher inferred from “Follow Army Recognition on Google News” in "
            "the text. No publication date is given; the text reports footage of December 19, 2024, so it was "
            "published on or after that day (inferred)."
        ),
    ),
    (
        "joongang-kim-tank-factory",
        (
            "Seed document 003_565a13221ef2dc41.txt. “Published: 04 May. 2025, 14:23 Updated: 04 May. 2025, "
            "16:51”. “Translated from the JoongAng Ilbo using generative AI and edited by Korea JoongAng Daily "
            "staff.” Byline “BY JANG GU-SEUL”."
        ),
        (
            "A news article of the Korea JoongAng Daily. “Published: 04 May. 2025, 14:23 Updated: 04 May. 2025, "
            "16:51”. “Translated from the JoongAng Ilbo using generative AI and edited by Korea JoongAng Daily "
            "staff.” Byline “BY JANG GU-SEUL”."
        ),
    ),
    (
        "koksan-howitzers-for-russia",
        (
            "Seed document 004_5fbd3be3c7113f5f.txt. The archived text has no headline, outlet, author or date: "
            "the title is its opening words. It mentions footage of “7 January” after deliveries in “late "
            "December”, so it was published in January 2025 or later (inferred)."
        ),
        (
            "A news report on North Korea’s artillery and troops for Russia, with a section ‘Pyongyang’s "
            "involvement in Russia’s Kursk Oblast’ and a list of related headlines at the end. The archived text "
            "has no headline, outlet, author or date: the title is its opening words. It mentions footage of “7 "
            "January” after deliveries in “late December”, so it was published in January 2025 or later "
            "(inferred)."
        ),
    ),
    (
        "chinese-magazine-article-2010",
        (
            "Seed 001 ¶19: “In 2010, an article appeared in a Chinese magazine describing the beginning of the "
            "Korean War in 1950”, “in a government approved publication”; later ordered withdrawn by the Chinese "
            "government. Magazine and title not named."
        ),
        (
            "Named in “Procurement: North Korea Delivers”, ¶19: “In 2010, an article appeared in a Chinese "
            "magazine describing the beginning of the Korean War in 1950”, “in a government approved publication”; "
            "later ordered withdrawn by the Chinese government. Magazine and title not named."
        ),
    ),
    (
        "bbc",
        (
            "Outlet named in seed 004, ‘Pyongyang’s involvement in Russia’s Kursk Oblast’ ¶2: “According to BBC "
            "reports citing Western officials”."
        ),
        (
            "Outlet named in “North Korea is preparing to send Russia over 100 M1989 Koksan howitzers”, "
            "‘Pyongyang’s involvement in Russia’s Kursk Oblast’ ¶2: “According to BBC reports citing Western "
            "officials”."
        ),
    ),
    (
        "engineering-analysis-of-the-russian-t-34-85",
        (
            "Named in the bibliography at the end of seed 000 (dprk-cold-war), line “Engineering analysis of the "
            "Russian T-34 85 – CIA”. No date or address given; the kind (report) is the editor’s reading."
        ),
        (
            "Named in the bibliography at the end of “Democratic People’s Republic of Korea (Cold War)”, line "
            "“Engineering analysis of the Russian T-34 85 – CIA”. No date or address given; the kind (report) is "
            "the editor’s reading."
        ),
    ),
    (
        "ukrainian-forces-estimate",
        (
            "Seed 001 (strategypage-north-korea-delivers) ¶4: “The Ukrainian forces facing them estimate that the "
            "North Koreans have suffered about 30 percent casualties so far”."
        ),
        (
            "Reported in “Procurement: North Korea Delivers”, ¶4: “The Ukrainian forces facing them estimate that "
            "the North Koreans have suffered about 30 percent casualties so far”."
        ),
    ),
    (
        "koksan-photos-2024-11-20",
        (
            "Seed 002 ¶1: “the first photos of their presence in Russia emerged on November 20, 2024”. Who "
            "published them is not said."
        ),
        (
            "Reported in “North Korea Delivers New Batch of M1989 Koksan Howitzers to Russia Amid Strengthening "
            "Military Ties”, ¶1: “the first photos of their presence in Russia emerged on November 20, 2024”. Who "
            "published them is not said."
        ),
    ),
    (
        "koksan-train-footage-late-december",
        (
            "Seed 004 ¶4: “footage showed a train transporting at least 10 M1989 Koksans to Russia”. The seed "
            "gives “late December” without a year and does not say who published it."
        ),
        (
            "Reported in “North Korea is preparing to send Russia over 100 M1989 Koksan howitzers”, ¶4: “footage "
            "showed a train transporting at least 10 M1989 Koksans to Russia”. The text gives “late December” "
            "without a year and does not say who published it."
        ),
    ),
    (
        "forbes",
        "Outlet named in two of the related headlines listed at the end of seed 004 (“Forbes: …”).",
        (
            "Outlet named in two of the related headlines listed at the end of “North Korea is preparing to send "
            "Russia over 100 M1989 Koksan howitzers” (“Forbes: …”)."
        ),
    ),
    (
        "inchon-1950-the-last-great-amphibious-assault",
        (
            "Named in the bibliography at the end of seed 000 (dprk-cold-war), line “Inch’on 1950 The last great "
            "amphibious assault – Gordon Rottman”. No publisher or date given."
        ),
        (
            "Named in the bibliography at the end of “Democratic People’s Republic of Korea (Cold War)”, line "
            "“Inch’on 1950 The last great amphibious assault – Gordon Rottman”. No publisher or date given."
        ),
    ),
    (
        "intelligence-sources-002",
        (
            "Seed 002 ¶4: “intelligence sources suggest that North Korean arms shipments to Russia include "
            "rockets, shells, and specialized artillery pieces like the M1989 Koksan”. Not named further."
        ),
        (
            "Reported in “North Korea Delivers New Batch of M1989 Koksan Howitzers to Russia Amid Strengthening "
            "Military Ties”, ¶4: “intelligence sources suggest that North Korean arms shipments to Russia include "
            "rockets, shells, and specialized artillery pieces like the M1989 Koksan”. Not named further."
        ),
    ),
    (
        "joongang-ilbo",
        (
            "The original of seed 003: “Translated from the JoongAng Ilbo using generative AI and edited by Korea "
            "JoongAng Daily staff.” The seed gives neither the original’s title nor its language (the language "
            "field is left at its default)."
        ),
        (
            "The original of “North's Kim Jong-un calls for modernized tanks in factory inspection”: “Translated "
            "from the JoongAng Ilbo using generative AI and edited by Korea JoongAng Daily staff.” The translation "
            "gives neither the original’s title nor its language (the language shown is a default, not a reading)."
        ),
    ),
    (
        "kcna",
        (
            "North Korean state-run media, named in seed 003 (joongang-kim-tank-factory) ¶1–¶3: its report and "
            "photos of Kim Jong-un’s tank factory inspection. The seed gives no title or date of the report beyond "
            "“on Sunday”."
        ),
        (
            "North Korean state-run media, named in “North's Kim Jong-un calls for modernized tanks in factory "
            "inspection”, ¶1–¶3: its report and photos of Kim Jong-un’s tank factory inspection. The article gives "
            "no title or date of the report beyond “on Sunday”."
        ),
    ),
    (
        "oryx-blog-north-korean-vehicles",
        (
            "Named in the bibliography at the end of seed 000 (dprk-cold-war), line “Oryx Blog – North Korean "
            "Vehicles:” (the colon is followed by nothing: the address was lost). No author, date or address "
            "given."
        ),
        (
            "Named in the bibliography at the end of “Democratic People’s Republic of Korea (Cold War)”, line "
            "“Oryx Blog – North Korean Vehicles:” (the colon is followed by nothing: the address was lost). No "
            "author, date or address given."
        ),
    ),
    (
        "oryx-blog",
        (
            "Image credit in captions of seed 000 (“Source: oryx blog”, “Source: Oryx blog”). Perhaps the same "
            "blog as the bibliography’s “Oryx Blog – North Korean Vehicles” (oryx-blog-north-korean-vehicles); the "
            "captions name no page."
        ),
        (
            "Image credit in captions of “Democratic People’s Republic of Korea (Cold War)” (“Source: oryx blog”, "
            "“Source: Oryx blog”). Perhaps the same blog as the bibliography’s “Oryx Blog – North Korean "
            "Vehicles”; the captions name no page."
        ),
    ),
    (
        "russian-archive-documents",
        (
            "Seed 001 ¶18: “Post-1991 documents from the Russian archives showed that Stalin appointed Kim Il Sung "
            "as ruler of North Korea and in 1950 ordered him to invade South Korea”. No title or date given; the "
            "kind is the nearest available."
        ),
        (
            "Named in “Procurement: North Korea Delivers”, ¶18: “Post-1991 documents from the Russian archives "
            "showed that Stalin appointed Kim Il Sung as ruler of North Korea and in 1950 ordered him to invade "
            "South Korea”. No title or date given; the kind is the nearest available."
        ),
    ),
    (
        "south-korean-jcs-report",
        (
            "Seed 004, ‘Pyongyang’s involvement in Russia’s Kursk Oblast’ ¶3: “The South Korean joint chiefs of "
            "staff reported”."
        ),
        (
            "Reported in “North Korea is preparing to send Russia over 100 M1989 Koksan howitzers”, ‘Pyongyang’s "
            "involvement in Russia’s Kursk Oblast’ ¶3: “The South Korean joint chiefs of staff reported”."
        ),
    ),
    (
        "sipri-arms-transfers-database",
        (
            "Named in document 000 (dprk-cold-war), section “1960s and 1970s: The KPA’s transformation into a "
            "massive military force” (the T-54 and T-55 orders), and in its bibliography. No text or address is "
            "archived."
        ),
        (
            "Named in “Democratic People’s Republic of Korea (Cold War)”, section “1960s and 1970s: The KPA’s "
            "transformation into a massive military force” (the T-54 and T-55 orders), and in its bibliography. No "
            "text or address is archived."
        ),
    ),
    (
        "sky-news",
        (
            "Outlet named in seed 004, ‘Pyongyang’s involvement in Russia’s Kursk Oblast’ ¶1: the commander “Puls” "
            "“told Sky News”."
        ),
        (
            "Outlet named in “North Korea is preparing to send Russia over 100 M1989 Koksan howitzers”, "
            "‘Pyongyang’s involvement in Russia’s Kursk Oblast’ ¶1: the commander “Puls” “told Sky News”."
        ),
    ),
    (
        "yu-yong-weon-statement",
        "Seed 003 ¶9–¶10: “According to Rep. Yu Yong-weon”, “He noted”.",
        (
            "Reported in “North's Kim Jong-un calls for modernized tanks in factory inspection”, ¶9–¶10: "
            "“According to Rep. Yu Yong-weon”, “He noted”."
        ),
    ),
    (
        "budanov-statements",
        "Seed 004 ¶2–¶3 (“he said”, “Budanov said”); ¶2 says he made them to The Warzone.",
        (
            "Reported in “North Korea is preparing to send Russia over 100 M1989 Koksan howitzers”, ¶2–¶3 (“he "
            "said”, “Budanov said”); ¶2 says he made them to The Warzone."
        ),
    ),
    (
        "t-34-85-vs-m26-pershing-korea-1950",
        (
            "Named in the bibliography at the end of seed 000 (dprk-cold-war), line “T-34-85 vs M26 Pershing "
            "Korea, 1950 – Steven Zaloga”. No publisher or date given."
        ),
        (
            "Named in the bibliography at the end of “Democratic People’s Republic of Korea (Cold War)”, line "
            "“T-34-85 vs M26 Pershing Korea, 1950 – Steven Zaloga”. No publisher or date given."
        ),
    ),
    (
        "the-armed-forces-of-north-korea",
        (
            "Named in the bibliography at the end of seed 000 (dprk-cold-war), line “THE ARMED FORCES OF NORTH "
            "KOREA, On The Path Of Songun, Stijn Mitzer, Joost Oliemans”. The seed gives no publisher, date or "
            "address; the kind (book) is the editor’s reading."
        ),
        (
            "Named in the bibliography at the end of “Democratic People’s Republic of Korea (Cold War)”, line “THE "
            "ARMED FORCES OF NORTH KOREA, On The Path Of Songun, Stijn Mitzer, Joost Oliemans”. No publisher, date "
            "or address given; the kind (book) is the editor’s reading."
        ),
    ),
    (
        "russian-telegrams-1990s",
        (
            "Seed 001 ¶20: “in the 1990s, the Russian government released telegrams sent before 1960, by Russian "
            "and North Korean leaders”. The seed does not say whether they are the same as the “post-1991 "
            "documents from the Russian archives” of ¶18."
        ),
        (
            "Named in “Procurement: North Korea Delivers”, ¶20: “in the 1990s, the Russian government released "
            "telegrams sent before 1960, by Russian and North Korean leaders”. The text does not say whether they "
            "are the same as the “post-1991 documents from the Russian archives” of its ¶18."
        ),
    ),
    (
        "the-korean-war-1950-53",
        (
            "Named in the bibliography at the end of seed 000 (dprk-cold-war), line “The Korean War 1950–53 – "
            "Nigel Thomas and Peter Abbott”. No publisher or date given."
        ),
        (
            "Named in the bibliography at the end of “Democratic People’s Republic of Korea (Cold War)”, line “The "
            "Korean War 1950–53 – Nigel Thomas and Peter Abbott”. No publisher or date given."
        ),
    ),
    (
        "new-york-times",
        (
            "Outlet named in seed 004, ‘Pyongyang’s involvement in Russia’s Kursk Oblast’ ¶3 (“US officials "
            "telling The New York Times”) and as “NYT” in its sixth related headline."
        ),
        (
            "Outlet named in “North Korea is preparing to send Russia over 100 M1989 Koksan howitzers”, "
            "‘Pyongyang’s involvement in Russia’s Kursk Oblast’ ¶3 (“US officials telling The New York Times”) and "
            "as “NYT” in its sixth related headline."
        ),
    ),
    (
        "the-telegraph",
        (
            "Outlet named in seed 004 (koksan-howitzers-for-russia): ¶1 “The Telegraph reported” and ‘Pyongyang’s "
            "involvement in Russia’s Kursk Oblast’ ¶1 “According to The Telegraph”. No title, date or address "
            "given."
        ),
        (
            "Outlet named in “North Korea is preparing to send Russia over 100 M1989 Koksan howitzers”: ¶1 “The "
            "Telegraph reported” and ‘Pyongyang’s involvement in Russia’s Kursk Oblast’ ¶1 “According to The "
            "Telegraph”. No title, date or address given."
        ),
    ),
    (
        "the-warzone",
        "Outlet named in seed 004 ¶2: Kyrylo Budanov “earlier told The Warzone”. No title, date or address given.",
        (
            "Outlet named in “North Korea is preparing to send Russia over 100 M1989 Koksan howitzers”, ¶2: Kyrylo "
            "Budanov “earlier told The Warzone”. No title, date or address given."
        ),
    ),
    (
        "kursk-video-7-january",
        (
            "Seed 004 ¶4: “By 7 January, video footage from Kursk showed the artillery in the battlefield”. No "
            "year or publisher given."
        ),
        (
            "Reported in “North Korea is preparing to send Russia over 100 M1989 Koksan howitzers”, ¶4: “By 7 "
            "January, video footage from Kursk showed the artillery in the battlefield”. No year or publisher "
            "given."
        ),
    ),
    (
        "telegram-footage-2024-12-19",
        (
            "Named in seed 002 (army-recognition-koksan-batch) ¶1 and in its picture caption “(Picture source: "
            "Telegram)”."
        ),
        (
            "Named in “North Korea Delivers New Batch of M1989 Koksan Howitzers to Russia Amid Strengthening "
            "Military Ties”, ¶1, and in its picture caption “(Picture source: Telegram)”."
        ),
    ),
    (
        "military-today",
        (
            "Image credit in a caption of seed 000, section ‘1980s and early 1990s: A blooming tank industry’ "
            "(“Source: military-today”). No page or address given; the kind is the editor’s guess (a website)."
        ),
        (
            "Image credit in a caption of “Democratic People’s Republic of Korea (Cold War)”, section ‘1980s and "
            "early 1990s: A blooming tank industry’ (“Source: military-today”). No page or address given; the kind "
            "is the editor’s guess (a website)."
        ),
    ),
    (
        "reddit",
        "Image credit in captions of seed 000 (“Source: reddit”). No post, user or address given.",
        (
            "Image credit in captions of “Democratic People’s Republic of Korea (Cold War)” (“Source: reddit”). No "
            "post, user or address given."
        ),
    ),
]

# (model, slug, field, old text, new text)
ENTRY_TEXTS = [
    (
        Era,
        "japanese-rule",
        "summary",
        (
            "Korea under the Japanese Empire. Document 000 dates the occupation from 1910, document 001 the colony "
            "from 1904; the era starts in 1910 and both are cited."
        ),
        (
            "Korea under the Japanese Empire. The sources differ on when it began: “Democratic People’s Republic "
            "of Korea (Cold War)” dates the occupation from 1910, “Procurement: North Korea Delivers” the colony "
            "from 1904."
        ),
    ),
    (
        Era,
        "war-in-ukraine",
        "summary",
        (
            "Russia's war in Ukraine, fought “since early 2022” (document 001), and North Korea's supplies of "
            "shells, artillery and troops. The seeds give only the year it began."
        ),
        (
            "Russia's war in Ukraine, fought “since early 2022”, and North Korea's supplies of shells, artillery "
            "and troops."
        ),
    ),
    (
        Place,
        "moscow",
        "summary",
        "Used by documents 002 and 004 for the Russian government.",
        (
            "Used for the Russian government in “North Korea Delivers New Batch of M1989 Koksan Howitzers to "
            "Russia Amid Strengthening Military Ties” and in “North Korea is preparing to send Russia over 100 "
            "M1989 Koksan howitzers”."
        ),
    ),
    (
        Place,
        "north-korean-prison-camps",
        "summary",
        (
            "Labour and prison camps to which North Koreans are sent; returning soldiers are likely to be sent "
            "there (document 001)."
        ),
        "Labour and prison camps to which North Koreans are sent; returning soldiers are likely to be sent there.",
    ),
    (
        Place,
        "palestine",
        "summary",
        "Where Hamas is, as document 000 puts it.",
        "Where Hamas is, as “Democratic People’s Republic of Korea (Cold War)” puts it.",
    ),
    (
        Place,
        "south-lebanon",
        "summary",
        "Where Hezbollah is, as document 000 puts it.",
        "Where Hezbollah is, as “Democratic People’s Republic of Korea (Cold War)” puts it.",
    ),
    (
        Actor,
        "academy-of-national-defense-science",
        "summary",
        "North Korean institution directed by Kim Yong-hwan (document 003).",
        "North Korean institution directed by Kim Yong-hwan.",
    ),
    (
        Actor,
        "central-committee",
        "summary",
        "Body of which Jo Chun-ryong is secretary (document 003, which names it only as “the Central Committee”).",
        "Body of which Jo Chun-ryong is secretary (the source names it only as “the Central Committee”).",
    ),
    (
        Actor,
        "central-military-commission",
        "summary",
        "North Korean body; Kim Jong-sik is a member (document 003).",
        "North Korean body; Kim Jong-sik is a member.",
    ),
    (
        Actor,
        "chinese-communist-party",
        "summary",
        "Victorious in 1949 in a 22-year-long civil war, with Russian assistance (document 001).",
        (
            "Victorious in 1949 in a 22-year-long civil war, with Russian assistance according to “Procurement: "
            "North Korea Delivers”."
        ),
    ),
    (
        Actor,
        "nato",
        "summary",
        "The NATO nations, which gave Ukraine substantial military and economic support (document 001).",
        "The NATO nations, which gave Ukraine substantial military and economic support.",
    ),
    (
        Actor,
        "people-power-party",
        "summary",
        "The party of the lawmaker Yu Yong-weon (document 003; the text does not name its country).",
        "The party of the lawmaker Yu Yong-weon (the source does not name its country).",
    ),
    (
        Actor,
        "south-korean-joint-chiefs-of-staff",
        "summary",
        "Reported that North Korea was preparing additional troop deployments to Russia (document 004).",
        "Reported that North Korea was preparing additional troop deployments to Russia.",
    ),
    (
        Actor,
        "syria",
        "summary",
        "State whose T-55 tanks carry rangefinders of North Korean production (a caption in document 000).",
        (
            "State whose T-55 tanks carry rangefinders of North Korean production (a picture caption in "
            "“Democratic People’s Republic of Korea (Cold War)”)."
        ),
    ),
    (
        Actor,
        "syrskyi",
        "summary",
        (
            "Named only in a related headline of document 004, saying Ukraine’s Kursk operation signals hope for "
            "more victories (no first name or post given)."
        ),
        (
            "Named only in a headline in the “Related” list of “North Korea is preparing to send Russia over 100 "
            "M1989 Koksan howitzers”, saying Ukraine’s Kursk operation signals hope for more victories (no first "
            "name or post given)."
        ),
    ),
    (
        Actor,
        "trump",
        "summary",
        (
            "Named only in a related headline of document 004: he “plans Kim meeting” (no first name, post or date "
            "given)."
        ),
        (
            "Named only in a headline in the “Related” list of “North Korea is preparing to send Russia over 100 "
            "M1989 Koksan howitzers”: he “plans Kim meeting” (no first name, post or date given)."
        ),
    ),
    (
        Actor,
        "ukrainian-marines",
        "summary",
        (
            "Named in a related headline of document 004: they destroyed seven Russian vehicles with Javelins in "
            "Kursk (no date given)."
        ),
        (
            "Named in a headline in the “Related” list of “North Korea is preparing to send Russia over 100 M1989 "
            "Koksan howitzers”: they destroyed seven Russian vehicles with Javelins in Kursk (no date given)."
        ),
    ),
    (
        Actor,
        "ukrainian-military-intelligence",
        "summary",
        "Ukraine’s military intelligence service, headed by Kyrylo Budanov (document 004).",
        "Ukraine’s military intelligence service, headed by Kyrylo Budanov.",
    ),
    (
        Event,
        "korean-war-casualties",
        "summary",
        (
            "Document 001’s totals for the three years of fighting: 325,000 American casualties including 33,651 "
            "dead; 415,000 South Korean troops killed; 15,000 casualties among the other nations fighting North "
            "Korea; 1.5 million communist dead, most of them Chinese; several million civilian dead. Chinese "
            "participation killed or wounded over a million Chinese soldiers; Mao Zedong lost a son."
        ),
        (
            "The totals of “Procurement: North Korea Delivers” for the three years of fighting: 325,000 American "
            "casualties including 33,651 dead; 415,000 South Korean troops killed; 15,000 casualties among the "
            "other nations fighting North Korea; 1.5 million communist dead, most of them Chinese; several million "
            "civilian dead. Chinese participation killed or wounded over a million Chinese soldiers; Mao Zedong "
            "lost a son."
        ),
    ),
    (
        Event,
        "north-korean-post-war-reconstruction",
        "summary",
        (
            "After the Korean War, which had heavily damaged industry and transport, North Korea rebuilt its "
            "industrial facilities with Russian (Soviet) aid and went through a period of economic growth; "
            "reconstruction was slower in the south. Document 001 says only “after the war”; the decade is the "
            "editor’s reading."
        ),
        (
            "After the Korean War, which had heavily damaged industry and transport, North Korea rebuilt its "
            "industrial facilities with Russian (Soviet) aid and went through a period of economic growth; "
            "reconstruction was slower in the south."
        ),
    ),
    (
        Event,
        "iran-iraq-war",
        "summary",
        (
            "War between Iran and Iraq in the 1980s. Document 002 says the M1989 Koksan gained recognition in it, "
            "firing sustained counter-battery missions and long-range bombardments."
        ),
        (
            "War between Iran and Iraq in the 1980s. According to “North Korea Delivers New Batch of M1989 Koksan "
            "Howitzers to Russia Amid Strengthening Military Ties”, the M1989 Koksan gained recognition in it, "
            "firing sustained counter-battery missions and long-range bombardments."
        ),
    ),
    (
        Event,
        "koksan-m1989-parade-1989",
        "summary",
        (
            "The 40-ton M1989 Koksan was first revealed in a military parade in 1989 (document 004; document 002: "
            "“First introduced in 1989”). The place of the parade is not given."
        ),
        (
            "The 40-ton M1989 Koksan was first revealed in a military parade in 1989, according to “North Korea is "
            "preparing to send Russia over 100 M1989 Koksan howitzers”; “North Korea Delivers New Batch of M1989 "
            "Koksan Howitzers to Russia Amid Strengthening Military Ties” has “First introduced in 1989”. The "
            "place of the parade is not given."
        ),
    ),
    (
        Event,
        "budanov-statements-on-north-korean-artillery",
        "summary",
        (
            "Kyrylo Budanov told The Warzone that North Korea had supplied Russia with 120 M1989 Koksans and 120 "
            "M1991 multiple rocket launchers over the past three months and was preparing to double the artillery "
            "sent to Kursk; he also said North Korean troops were training Russian forces on the Koksan and its "
            "combat use was confirmed. Document 004 gives no date (“earlier”)."
        ),
        (
            "Kyrylo Budanov told The Warzone that North Korea had supplied Russia with 120 M1989 Koksans and 120 "
            "M1991 multiple rocket launchers over the past three months and was preparing to double the artillery "
            "sent to Kursk; he also said North Korean troops were training Russian forces on the Koksan and its "
            "combat use was confirmed."
        ),
    ),
    (
        Event,
        "capture-of-two-north-korean-soldiers",
        "summary",
        (
            "The Ukrainians captured two North Korean soldiers, although their leaders had ordered them to kill "
            "themselves rather than be captured, as many did. Promised anonymity, the prisoners answered questions "
            "on the North Korean military and life in North Korea. Document 001 gives no date (after December "
            "2024)."
        ),
        (
            "The Ukrainians captured two North Korean soldiers, although their leaders had ordered them to kill "
            "themselves rather than be captured, as many did. Promised anonymity, the prisoners answered questions "
            "on the North Korean military and life in North Korea."
        ),
    ),
    (
        Event,
        "defective-north-korean-shells",
        "summary",
        (
            "North Korea sold Russia older munitions, some past their use-by date; Russian artillerymen found that "
            "many shells did not work and some exploded when fired, destroying guns and sometimes killing or "
            "injuring the crews. Document 001 gives no date."
        ),
        (
            "North Korea sold Russia older munitions, some past their use-by date; Russian artillerymen found that "
            "many shells did not work and some exploded when fired, destroying guns and sometimes killing or "
            "injuring the crews."
        ),
    ),
    (
        Event,
        "north-korean-russian-friendly-fire",
        "summary",
        (
            "For lack of translators in combat there were at least two incidents of North Korean and Russian "
            "troops firing on each other: to the North Koreans, Russians and Ukrainians looked alike, spoke "
            "similar languages and wore similar uniforms. Document 001 gives no date (after December 2024)."
        ),
        (
            "For lack of translators in combat there were at least two incidents of North Korean and Russian "
            "troops firing on each other: to the North Koreans, Russians and Ukrainians looked alike, spoke "
            "similar languages and wore similar uniforms."
        ),
    ),
    (
        Event,
        "north-korean-withdrawal-from-kursk-positions",
        "summary",
        (
            "According to The Telegraph, North Korean forces recently withdrew from certain front-line positions "
            "in Kursk; the Ukrainian commander “Puls” expected them back soon. Document 004 says only “recently” "
            "(it was written after 7 January of a year it does not give)."
        ),
        (
            "According to The Telegraph, North Korean forces recently withdrew from certain front-line positions "
            "in Kursk; the Ukrainian commander “Puls” expected them back soon."
        ),
    ),
    (
        Event,
        "north-korean-troops-deploy-to-russia",
        "summary",
        (
            "North Korea sent two or three brigades to Russia: about 12,000 soldiers arriving at the end of 2024 "
            "(document 001) or 11,000 deployed in late October (document 004). After short training they fought "
            "alongside Russian troops, in Ukraine (001) or in the Kursk border region (004); 001 says in frontal "
            "assaults, 002 in defensive roles."
        ),
        (
            "North Korea sent two or three brigades to Russia. According to “Procurement: North Korea Delivers”, "
            "about 12,000 soldiers arrived at the end of 2024 and after short training fought alongside Russian "
            "troops in Ukraine, in frontal assaults; according to “North Korea is preparing to send Russia over "
            "100 M1989 Koksan howitzers”, 11,000 were deployed in late October to the Kursk border region. “North "
            "Korea Delivers New Batch of M1989 Koksan Howitzers to Russia Amid Strengthening Military Ties” speaks "
            "of defensive roles."
        ),
    ),
    (
        Event,
        "koksan-train-footage-late-december",
        "summary",
        (
            "In late December footage showed a train transporting at least 10 M1989 Koksans to Russia, their "
            "25-foot barrels visible and hardly camouflaged. Document 004 gives no year (2024 is read from "
            "document 002); it may show the same batch as the Telegram footage of 19 December 2024, which the "
            "texts do not say."
        ),
        (
            "In late December footage showed a train transporting at least 10 M1989 Koksans to Russia, their "
            "25-foot barrels visible and hardly camouflaged. It may show the same batch as the Telegram footage of "
            "19 December 2024; the sources do not say."
        ),
    ),
    (
        Event,
        "north-korean-casualties-in-russia-ukraine",
        "summary",
        (
            "From their first combat in December 2024 the North Korean troops suffered heavy casualties: about 30 "
            "percent by the estimate of the Ukrainian forces (document 001), about 1,000 killed and 3,000 wounded "
            "according to BBC reports citing Western officials (document 004). Hundreds of wounded were taken to "
            "Russian hospitals, where the lack of interpreters led to many avoidable deaths; many soldiers killed "
            "themselves rather than be captured."
        ),
        (
            "From their first combat in December 2024 the North Korean troops suffered heavy casualties: about 30 "
            "percent by the estimate of the Ukrainian forces, about 1,000 killed and 3,000 wounded according to "
            "BBC reports citing Western officials. Hundreds of wounded were taken to Russian hospitals, where the "
            "lack of interpreters led to many avoidable deaths; many soldiers killed themselves rather than be "
            "captured."
        ),
    ),
    (
        Event,
        "koksan-kursk-video-2025-01-07",
        "summary",
        (
            "By 7 January video footage from Kursk showed the Koksans on the battlefield, a North Korean soldier "
            "calling the gun a “gift” from Kim Jong-un. Document 004 gives no year; 2025 follows from the "
            "deliveries of late December (2024)."
        ),
        (
            "By 7 January video footage from Kursk showed the Koksans on the battlefield, a North Korean soldier "
            "calling the gun a “gift” from Kim Jong-un."
        ),
    ),
    (
        Equipment,
        "iranian-drones",
        "summary",
        "Drones Iran provided to Russia for its war in Ukraine; document 001 names no type.",
        "Drones Iran provided to Russia for its war in Ukraine; no type is named.",
    ),
    (
        Equipment,
        "iranian-missiles",
        "summary",
        "Missiles Iran provided to Russia for its war in Ukraine; document 001 names no type.",
        "Missiles Iran provided to Russia for its war in Ukraine; no type is named.",
    ),
    (
        Equipment,
        "javelin",
        "summary",
        (
            "Weapon with which Ukrainian marines destroyed seven Russian vehicles in Kursk (a related headline of "
            "document 004). The seed does not say what kind of weapon it is; the category is the editor’s reading."
        ),
        (
            "Weapon with which Ukrainian marines destroyed seven Russian vehicles in Kursk, according to a "
            "headline in the “Related” list of “North Korea is preparing to send Russia over 100 M1989 Koksan "
            "howitzers”."
        ),
    ),
    (
        Equipment,
        "kn-23",
        "summary",
        (
            "Ballistic missile; Moscow received 148 from Pyongyang in 2024, according to a related headline of "
            "document 004."
        ),
        (
            "Ballistic missile; Moscow received 148 from Pyongyang in 2024, according to a headline in the "
            "“Related” list of “North Korea is preparing to send Russia over 100 M1989 Koksan howitzers”."
        ),
    ),
    (
        Equipment,
        "m1991-multiple-rocket-launcher",
        "summary",
        (
            "Multiple-launch rocket system of which North Korea supplied 120 to Russia in three months, according "
            "to Kyrylo Budanov (document 004). Not the M1991 self-propelled howitzer of document 000."
        ),
        (
            "Multiple-launch rocket system of which North Korea supplied 120 to Russia in three months, according "
            "to Kyrylo Budanov. Not the M1991 self-propelled howitzer of “Democratic People’s Republic of Korea "
            "(Cold War)”."
        ),
    ),
    (
        Equipment,
        "m1991-self-propelled-howitzer",
        "summary",
        (
            "North Korean self-propelled artillery piece with a 122 mm gun in a fully rotatable turret, first "
            "observed by an international audience by 1992. Not the M1991 multiple rocket launcher of document "
            "004."
        ),
        (
            "North Korean self-propelled artillery piece with a 122 mm gun in a fully rotatable turret, first "
            "observed by an international audience by 1992. Not the M1991 multiple rocket launcher of “North Korea "
            "is preparing to send Russia over 100 M1989 Koksan howitzers”."
        ),
    ),
    (
        Equipment,
        "north-korean-nuclear-weapons",
        "summary",
        (
            "North Korea wants assistance in perfecting and upgrading its nuclear weapons and launch platforms "
            "(document 001)."
        ),
        "North Korea wants assistance in perfecting and upgrading its nuclear weapons and launch platforms.",
    ),
    (
        Equipment,
        "north-korean-strategic-missiles",
        "summary",
        (
            "Russia agreed to upgrade them, which is why North Korean soldiers were sent to fight for Russia "
            "(document 001)."
        ),
        "Russia agreed to upgrade them, which is why North Korean soldiers were sent to fight for Russia.",
    ),
    (
        Equipment,
        "robotic-mine-clearing-vehicle",
        "summary",
        "Robotic vehicles Ukraine used to clear minefields (document 001).",
        "Robotic vehicles Ukraine used to clear minefields.",
    ),
    (
        Equipment,
        "self-propelled-machine-gun",
        "summary",
        "Close combat weapon on which Ukraine’s attack tactics relied (document 001).",
        "Close combat weapon on which Ukraine’s attack tactics relied.",
    ),
    (
        Transfer,
        "china-to-dprk-type-59",
        "comments",
        (
            "Undated in the document; the deliveries went on after North Korea stopped importing vehicles from the "
            "Soviet Union. quantity_low 1,000 stands for “likely over a thousand”."
        ),
        (
            "Undated in the document; the deliveries went on after North Korea stopped importing vehicles from the "
            "Soviet Union."
        ),
    ),
    (
        Transfer,
        "dprk-to-russia-122mm-shells",
        "comments",
        (
            "122 mm shells “to feed the guns” (document 001). North Korea sold Russia older munitions, some past "
            "their use-by date and unreliable; the Russians did not check, and many shells failed or exploded when "
            "fired."
        ),
        (
            "122 mm shells “to feed the guns”. North Korea sold Russia older munitions, some past their use-by "
            "date and unreliable; the Russians did not check, and many shells failed or exploded when fired."
        ),
    ),
    (
        Transfer,
        "dprk-to-russia-152mm-shells",
        "comments",
        (
            "152 mm shells “to feed the guns” (document 001). North Korea sold Russia older munitions, some past "
            "their use-by date and unreliable; the Russians did not check, and many shells failed or exploded when "
            "fired."
        ),
        (
            "152 mm shells “to feed the guns”. North Korea sold Russia older munitions, some past their use-by "
            "date and unreliable; the Russians did not check, and many shells failed or exploded when fired."
        ),
    ),
    (
        Transfer,
        "dprk-to-russia-additional-troops",
        "comments",
        (
            "Reported by the South Korean joint chiefs of staff; US officials told The New York Times they could "
            "arrive within two months (document 004, undated)."
        ),
        (
            "Reported by the South Korean joint chiefs of staff; US officials told The New York Times they could "
            "arrive within two months (the source gives no date)."
        ),
    ),
    (
        Transfer,
        "dprk-to-russia-ammunition",
        "comments",
        (
            "Ammunition in general (documents 001, 002); a related headline of document 004 says North Korea "
            "supplies 60% of Russia’s frontline ammunition, according to an unnamed expert."
        ),
        (
            "Ammunition in general; a headline in the “Related” list of “North Korea is preparing to send Russia "
            "over 100 M1989 Koksan howitzers” says North Korea supplies 60% of Russia’s frontline ammunition, "
            "according to an unnamed expert."
        ),
    ),
    (
        Transfer,
        "dprk-to-russia-artillery-systems",
        "comments",
        (
            "Artillery in general (documents 001, 002), of which the M1989 Koksans and M1991 rocket launchers are "
            "recorded separately. Meant to replenish Russian artillery stockpiles and long-range firepower after "
            "heavy losses."
        ),
        (
            "Artillery in general, of which the M1989 Koksans and M1991 rocket launchers are recorded separately. "
            "Meant to replenish Russian artillery stockpiles and long-range firepower after heavy losses."
        ),
    ),
    (
        Transfer,
        "dprk-to-russia-hidden-launchers",
        "comments",
        "Known only from a related headline of document 004 reporting Forbes: deployed “to aid Russians in Kursk”.",
        (
            "Known only from a headline in the “Related” list of “North Korea is preparing to send Russia over 100 "
            "M1989 Koksan howitzers”, reporting Forbes: deployed “to aid Russians in Kursk”."
        ),
    ),
    (
        Transfer,
        "dprk-to-russia-koksan-m1989-planned",
        "comments",
        (
            "North Korea is preparing to send Russia over 100 more M1989 Koksans, originally designed to target "
            "Seoul (The Telegraph, document 004); Budanov: preparing to double the artillery it has sent to Kursk."
        ),
        (
            "North Korea is preparing to send Russia over 100 more M1989 Koksans, originally designed to target "
            "Seoul (The Telegraph); Budanov: preparing to double the artillery it has sent to Kursk."
        ),
    ),
    (
        Transfer,
        "dprk-to-russia-koksan-m1989-train-late-december",
        "comments",
        (
            "One train load seen in footage in late December (document 004, no year); the texts do not say whether "
            "it is part of the 120 Budanov counts, nor whether it is the batch of the Telegram footage of 19 "
            "December 2024 (document 002)."
        ),
        (
            "One train load seen in footage in late December (no year given); the sources do not say whether it is "
            "part of the 120 Budanov counts, nor whether it is the batch of the Telegram footage of 19 December "
            "2024."
        ),
    ),
    (
        Transfer,
        "dprk-to-russia-m1991-mrl",
        "comments",
        "Supplied “over the past three months” according to Kyrylo Budanov (document 004), which gives no year.",
        "Supplied “over the past three months” according to Kyrylo Budanov; the source gives no year.",
    ),
    (
        Transfer,
        "dprk-to-russia-rockets",
        "comments",
        "Reported by unnamed intelligence sources (document 002).",
        "Reported by unnamed intelligence sources.",
    ),
    (
        Transfer,
        "iran-to-russia-drones",
        "comments",
        "For Russia’s war in Ukraine (document 001); no type or number given.",
        "For Russia’s war in Ukraine; no type or number given.",
    ),
    (
        Transfer,
        "iran-to-russia-missiles",
        "comments",
        "For Russia’s war in Ukraine (document 001); no type or number given.",
        "For Russia’s war in Ukraine; no type or number given.",
    ),
    (
        Transfer,
        "nato-to-ukraine-support",
        "comments",
        "Document 001, ¶1.",
        "",
    ),
    (
        Transfer,
        "russia-to-dprk-military-technology",
        "comments",
        (
            "“The real prize” for North Korea (document 001); document 003 also speaks of strategic weapons "
            "development “with support from Russia”."
        ),
        (
            "“The real prize” for North Korea, according to “Procurement: North Korea Delivers”; “North's Kim "
            "Jong-un calls for modernized tanks in factory inspection” also speaks of strategic weapons "
            "development “with support from Russia”."
        ),
    ),
    (
        Transfer,
        "russia-to-dprk-payment-for-soldiers",
        "comments",
        (
            "Russia’s payment to North Korea for its soldiers (document 001). 001 sees North Korea’s participation "
            "as graft for senior officers and politicians."
        ),
        (
            "Russia’s payment to North Korea for its soldiers. “Procurement: North Korea Delivers” sees North "
            "Korea’s participation as graft for senior officers and politicians."
        ),
    ),
    (
        Transfer,
        "russia-to-dprk-strategic-missile-upgrade",
        "comments",
        (
            "Russia “finally agreed” to upgrade North Korean strategic missiles, which is why North Korean "
            "soldiers were sent to fight for Russia (document 001). Whether it was carried out is not said."
        ),
        (
            "Russia “finally agreed” to upgrade North Korean strategic missiles, which is why North Korean "
            "soldiers were sent to fight for Russia. Whether it was carried out is not said."
        ),
    ),
    (
        Transfer,
        "ussr-to-chinese-communist-party-assistance",
        "comments",
        (
            "Assistance for the Chinese Communist Party’s victory of 1949 in a 22-year civil war; China said its "
            "Korean War intervention paid the debt (document 001, which says “Russia”)."
        ),
        (
            "Assistance for the Chinese Communist Party’s victory of 1949 in a 22-year civil war; China said its "
            "Korean War intervention paid the debt."
        ),
    ),
    (
        Transfer,
        "ussr-to-dprk-food-aid",
        "comments",
        (
            "Soviet food aid to North Korea ceased, in the context of the Soviet collapse of 1991, leading to the "
            "famine of the 1990s (document 001); no years of delivery given."
        ),
        (
            "Soviet food aid to North Korea ceased, in the context of the Soviet collapse of 1991, leading to the "
            "famine of the 1990s; no years of delivery given."
        ),
    ),
    (
        Transfer,
        "ussr-to-dprk-reconstruction-aid",
        "comments",
        "After the Korean War (document 001, which says “Russian aid”); no years or amounts given.",
        "After the Korean War; no years or amounts given.",
    ),
    (
        Transfer,
        "dprk-to-russia-kn-23-2024",
        "comments",
        "From a related headline of document 004, which attributes it to “Ukraine’s spymaster” (not named).",
        (
            "From a headline in the “Related” list of “North Korea is preparing to send Russia over 100 M1989 "
            "Koksan howitzers”, which attributes it to “Ukraine’s spymaster” (not named)."
        ),
    ),
    (
        Transfer,
        "dprk-to-russia-koksan-m1989-2024",
        "comments",
        (
            "120 M1989 Koksans supplied over three months according to Kyrylo Budanov (document 004), sent to the "
            "Kursk region. First evidence 20 November 2024 (document 002) or late December (document 004); batches "
            "seen on trains through Russia. North Korean troops train Russian forces on the gun. Combat use: not "
            "verified (002) or confirmed (Budanov, 004). Its 170 mm ammunition needs a dedicated supply chain from "
            "North Korea."
        ),
        (
            "120 M1989 Koksans supplied over three months according to Kyrylo Budanov, sent to the Kursk region. "
            "First evidence 20 November 2024 according to “North Korea Delivers New Batch of M1989 Koksan "
            "Howitzers to Russia Amid Strengthening Military Ties”, late December according to “North Korea is "
            "preparing to send Russia over 100 M1989 Koksan howitzers”; batches seen on trains through Russia. "
            "North Korean troops train Russian forces on the gun. Combat use: not verified according to the "
            "former, confirmed according to Budanov. Its 170 mm ammunition needs a dedicated supply chain from "
            "North Korea."
        ),
    ),
    (
        Transfer,
        "dprk-to-russia-troops-2024",
        "comments",
        (
            "“Loaned” (document 001): two or three brigades, about 12,000 soldiers at the end of 2024 (001) or "
            "11,000 in late October (004). Russia pays North Korea $2000 per soldier each month."
        ),
        (
            "“Loaned”: two or three brigades, about 12,000 soldiers at the end of 2024 according to “Procurement: "
            "North Korea Delivers”, or 11,000 in late October according to “North Korea is preparing to send "
            "Russia over 100 M1989 Koksan howitzers”. Russia pays North Korea $2000 per soldier each month."
        ),
    ),
    (
        Transfer,
        "dprk-to-russia-troops-2024",
        "quantity_wording",
        "about 12,000 (document 001) or 11,000 (document 004)",
        "about 12,000 or 11,000",
    ),
]

# (code, equipment slug, old note, new note)
DESIGNATION_NOTES = [
    (
        "EC-121M",
        "lockheed-ec-121m-warning-star",
        "The US designation of the aircraft, as document 000 gives it.",
        "The US designation of the aircraft, as “Democratic People’s Republic of Korea (Cold War)” gives it.",
    ),
    (
        "KN-23",
        "kn-23",
        "The seed (a related headline of document 004) does not say which naming scheme the code belongs to.",
        "",
    ),
    (
        "M1989",
        "m1989-spaag",
        "The same US DoD code names the newer Koksan observed in 1989 (koksan-m1989).",
        "The same US DoD code names the Koksan (M1989), the newer Koksan observed in 1989.",
    ),
    (
        "M1991",
        "m1991-multiple-rocket-launcher",
        "The seed gives the code without naming its scheme; recorded as US DoD like the M1989 it stands beside.",
        "",
    ),
    (
        "M1991",
        "m1991-self-propelled-howitzer",
        (
            "The text says only “These were designated M1991 and M1992”; the document explains such year codes as "
            "the US DoD’s. The same code names the M1991 multiple rocket launcher of document 004."
        ),
        (
            "The same code names the M1991 multiple rocket launcher of “North Korea is preparing to send Russia "
            "over 100 M1989 Koksan howitzers”."
        ),
    ),
]

# (source slug, exact quote, the entry it supports, attribute, old note, new note): a quote
# may vouch for several attributes of one entry. The new notes include the editors' remarks
# moved out of the public texts above.
CITATION_NOTES = [
    (
        "dprk-cold-war",
        "After 1910, the Korean peninsula was occupied by the troops of the Japanese Empire",
        ("era", "japanese-rule"),
        "start",
        "",
        (
            "The era starts in 1910, when this text dates the occupation; “Procurement: North Korea Delivers”, "
            "which dates the colony from 1904, is cited too."
        ),
    ),
    (
        "strategypage-north-korea-delivers",
        (
            "Russian troops in Ukraine have suffered such high losses since early 2022 that the Russian army has "
            "run out of soldiers."
        ),
        ("era", "war-in-ukraine"),
        "start",
        "",
        "Only the year the war began is given (“since early 2022”).",
    ),
    (
        "strategypage-north-korea-delivers",
        (
            "After the war, North Korea experienced a period of economic growth as its industrial facilities were "
            "rebuilt with Russian aid."
        ),
        ("event", "north-korean-post-war-reconstruction"),
        "",
        "",
        "The text says only “after the war”; the decade is the editor’s reading.",
    ),
    (
        "koksan-howitzers-for-russia",
        (
            "Kyiv’s military intelligence chief Kyrylo Budanov earlier told The Warzone that North Korea was "
            "preparing to double the number of artillery systems it has sent to Russia’s border oblast of Kursk."
        ),
        ("event", "budanov-statements-on-north-korean-artillery"),
        "",
        "",
        "The text gives no date for the statements (“earlier”).",
    ),
    (
        "strategypage-north-korea-delivers",
        "The Ukrainians captured two of the North Korean soldiers.",
        ("event", "capture-of-two-north-korean-soldiers"),
        "captured",
        "",
        "The text gives no date (after December 2024).",
    ),
    (
        "strategypage-north-korea-delivers",
        (
            "That was a costly mistake because their artillerymen found that many of the shells did not work and "
            "some exploded when fired. This destroyed the gun and sometimes killed or injured some of the "
            "artillerymen."
        ),
        ("event", "defective-north-korean-shells"),
        "",
        "",
        "The text gives no date.",
    ),
    (
        "strategypage-north-korea-delivers",
        (
            "There were few translators in combat, which led to at least two incidents of North Korean and Russian "
            "troops firing on each other."
        ),
        ("event", "north-korean-russian-friendly-fire"),
        "quantity",
        "",
        "The text gives no date (after December 2024).",
    ),
    (
        "koksan-howitzers-for-russia",
        (
            "According to The Telegraph, North Korean forces have recently withdrawn from certain front-line "
            "positions in Kursk."
        ),
        ("event", "north-korean-withdrawal-from-kursk-positions"),
        "",
        "",
        "The text says only “recently” (it was written after 7 January of a year it does not give).",
    ),
    (
        "koksan-howitzers-for-russia",
        (
            "Evidence of deliveries emerged in late December when footage showed a train transporting at least 10 "
            "M1989 Koksans to Russia, with their 25-foot-long barrels visible and minimal camouflage."
        ),
        ("event", "koksan-train-footage-late-december"),
        "date",
        "No year in document 004.",
        (
            "No year in the text; 2024 is read from “North Korea Delivers New Batch of M1989 Koksan Howitzers to "
            "Russia Amid Strengthening Military Ties”."
        ),
    ),
    (
        "koksan-howitzers-for-russia",
        (
            "By 7 January, video footage from Kursk showed the artillery in the battlefield, with a North Korean "
            "soldier referring to it as a “gift” from Kim Jong-un."
        ),
        ("event", "koksan-kursk-video-2025-01-07"),
        "date",
        "No year in document 004.",
        "No year in the text; 2025 follows from the deliveries of late December (2024).",
    ),
    (
        "koksan-howitzers-for-russia",
        "Ukrainian marines destroy seven Russian vehicles with Javelins in Kursk",
        ("equipment", "javelin"),
        "",
        "",
        "The headline does not say what kind of weapon it is; the category is the editor’s reading.",
    ),
    (
        "koksan-howitzers-for-russia",
        "Moscow received 148 KN-23 ballistic missiles from Pyongyang in 2024",
        ("designation", "KN-23", "kn-23"),
        "",
        "",
        "The headline does not say which naming scheme the code belongs to.",
    ),
    (
        "koksan-howitzers-for-russia",
        "120 M1991 multiple-launch rocket systems",
        ("designation", "M1991", "m1991-multiple-rocket-launcher"),
        "",
        "",
        "The text gives the code without naming its scheme; recorded as US DoD like the M1989 it stands beside.",
    ),
    (
        "dprk-cold-war",
        "These were designated M1991 and M1992.",
        ("designation", "M1991", "m1991-self-propelled-howitzer"),
        "",
        "",
        (
            "The text says only “These were designated M1991 and M1992”; the document explains such year codes as "
            "the US DoD’s."
        ),
    ),
    (
        "dprk-cold-war",
        "and, most significantly, larger quantities of Type 59s (likely over a thousand)",
        ("transfer", "china-to-dprk-type-59"),
        "quantity",
        "",
        "The lower bound of 1,000 stands for “likely over a thousand”.",
    ),
    (
        "strategypage-north-korea-delivers",
        (
            "China complied and told Russia that the Chinese debt was paid to Russia for assistance in the 1949 "
            "Chinese Communist Party victory during the 22 year long civil war."
        ),
        ("transfer", "ussr-to-chinese-communist-party-assistance"),
        "",
        "",
        "The text says “Russia” for the Soviet Union.",
    ),
    (
        "strategypage-north-korea-delivers",
        (
            "After the war, North Korea experienced a period of economic growth as its industrial facilities were "
            "rebuilt with Russian aid."
        ),
        ("transfer", "ussr-to-dprk-reconstruction-aid"),
        "",
        "",
        "The text says “Russian aid”: the supplier is read as the Soviet Union.",
    ),
    (
        "dprk-cold-war",
        (
            "Mao Zedong, leader of the Chinese People’s Republic, realized that, if the United Nations conquered "
            "the DPRK, he would have the United States in contact with the southern border of China."
        ),
        ("event", "chinese-intervention-in-korea"),
        "decided_by",
        (
            "Document 000 presents the crossing as Mao’s answer to the threat; document 001 says Russia ordered "
            "China to rescue North Korea."
        ),
        (
            "This text presents the crossing as Mao’s answer to the threat; “Procurement: North Korea Delivers” "
            "says Russia ordered China to rescue North Korea."
        ),
    ),
    (
        "dprk-cold-war",
        "In 1989, a newer, more advanced version of the Koksan was also observed by external viewers.",
        ("event", "koksan-m1989-parade-1989"),
        "date",
        "Document 000 says only that external viewers observed it in 1989; it does not mention a parade.",
        "The text says only that external viewers observed it in 1989; it does not mention a parade.",
    ),
    (
        "dprk-cold-war",
        (
            "A very similar vehicle, with only slight modifications in smoke launchers and ERA, is designated as "
            "the Chonma-92 by North Korean sources."
        ),
        ("equipment", "chonma-92"),
        "based_on",
        (
            "The document relates it to the M1992 Chonma (“very similar”), not explicitly to the original; "
            "based_on is the Chonma series."
        ),
        (
            "The document relates it to the M1992 Chonma (“very similar”), not explicitly to the original; it is "
            "recorded as based on the Chonma series."
        ),
    ),
    (
        "dprk-cold-war",
        "During the Iran-Iraq War (1989-1988)",
        ("event", "iran-iraq-war"),
        "date",
        (
            "As printed: the range ends before it starts, an obvious misprint. The stored reading is the 1980s of "
            "document 002 (army-recognition-koksan-batch)."
        ),
        (
            "As printed: the range ends before it starts, an obvious misprint. The stored reading is the 1980s of "
            "“North Korea Delivers New Batch of M1989 Koksan Howitzers to Russia Amid Strengthening Military "
            "Ties”."
        ),
    ),
    (
        "army-recognition-koksan-batch",
        (
            "showing another batch of North Korean M1989 Koksan 170mm self-propelled guns (SPGs) being transported "
            "by train through Russia"
        ),
        ("transfer", "dprk-to-russia-koksan-m1989-train-late-december"),
        "",
        "Document 002 gives no number for the 19 December batch.",
        "The text gives no number for the 19 December batch.",
    ),
    (
        "koksan-howitzers-for-russia",
        "can strike targets at ranges exceeding 25 miles using standard shells",
        ("equipment", "koksan-m1989"),
        "range_km",
        (
            "The document gives miles: 25 miles is about 40.2 km, so “exceeding 25 miles” is a little more than "
            "the 40 km of document 002."
        ),
        (
            "The document gives miles: 25 miles is about 40.2 km, so “exceeding 25 miles” is a little more than "
            "the 40 km of “North Korea Delivers New Batch of M1989 Koksan Howitzers to Russia Amid Strengthening "
            "Military Ties”."
        ),
    ),
    (
        "koksan-howitzers-for-russia",
        (
            "North Korea deployed 11,000 soldiers to Russia in late October to assist Moscow’s operations in the "
            "Kursk border region following Ukraine’s August incursion."
        ),
        ("event", "ukrainian-incursion-into-kursk"),
        "date",
        (
            "Document 004 gives no year; 2024 is read from the deployment that followed it (“end of 2024” in "
            "document 001)."
        ),
        (
            "No year in the text; 2024 is read from the deployment that followed it (“end of 2024” in "
            "“Procurement: North Korea Delivers”)."
        ),
    ),
    (
        "koksan-howitzers-for-russia",
        "North Korea deployed 11,000 soldiers to Russia in late October",
        ("event", "north-korean-troops-deploy-to-russia"),
        "date",
        "Document 004 gives no year.",
        "No year in the text.",
    ),
    (
        "koksan-howitzers-for-russia",
        (
            "Evidence of deliveries emerged in late December when footage showed a train transporting at least 10 "
            "M1989 Koksans to Russia"
        ),
        ("transfer", "dprk-to-russia-koksan-m1989-2024"),
        "first_evidence",
        "No year in document 004.",
        "No year in the text.",
    ),
    (
        "strategypage-north-korea-delivers",
        (
            "Since 1950, it had been the official Chinese position that the war started with a South Korean "
            "invasion of the north, to which the north responded by moving into South Korea."
        ),
        ("event", "korean-war-outbreak"),
        "initiator",
        "The official Chinese position, which document 001 calls a lie.",
        "The official Chinese position, which the text calls a lie.",
    ),
    (
        "strategypage-north-korea-delivers",
        (
            "China continued to insist that South Korea had started the war, even after everyone agreed that "
            "Russian leader Josef Stalin and North Korea had been the instigators."
        ),
        ("event", "korean-war-outbreak"),
        "initiator",
        (
            "Document 001: “Russian leader Josef Stalin and North Korea had been the instigators”; China’s "
            "contrary claim is the ¶20 citation."
        ),
        (
            "The text: “Russian leader Josef Stalin and North Korea had been the instigators”; China’s contrary "
            "claim, in its ¶20, is cited separately."
        ),
    ),
    (
        "strategypage-north-korea-delivers",
        "When that did not work, Russia ordered China to rescue the North Koreans. China complied",
        ("event", "chinese-intervention-in-korea"),
        "decided_by",
        "Document 001 says “Russia” for the Soviet Union of 1950.",
        "The text says “Russia” for the Soviet Union of 1950.",
    ),
]


def rewrite(row, field, old, new, what):
    """Replace ``row.field`` when it reads ``old``; 'skipped' when it already reads ``new``."""
    current = getattr(row, field)
    if current == new:
        return "skipped"
    assert current == old, f"{what}: its {field} changed since this script was written:\n{current!r}"
    setattr(row, field, new)
    row._change_reason = "Public text for readers (ops_public_text.py)"
    row.save()
    return "rewritten"


def cited_entry(target):
    """The lookup of a citation's entry: ("event", slug) or ("designation", code, equipment slug)."""
    kind, *key = target
    if kind == "designation":
        code, equipment = key
        return {"designation__code": code, "designation__equipment__slug": equipment}
    return {f"{kind}__slug": key[0]}


def run():
    for slug, title in TITLES.items():
        found = Source.objects.get(slug=slug).title
        assert found == title, f"source {slug} is now titled {found!r}: the rewritten texts name it {title!r}"
    counts = Counter()
    for slug, old, new in SOURCE_NOTES:
        source = Source.objects.get(slug=slug)
        counts["source notes", rewrite(source, "notes", old, new, f"source {slug}")] += 1
    for model, slug, field, old, new in ENTRY_TEXTS:
        entry = model.objects.get(slug=slug)
        label = f"{model._meta.verbose_name} {field.replace('_', ' ')}"
        counts[label, rewrite(entry, field, old, new, f"{model._meta.verbose_name} {slug}")] += 1
    for code, equipment, old, new in DESIGNATION_NOTES:
        designation = Designation.objects.get(code=code, equipment__slug=equipment)
        counts["designation notes", rewrite(designation, "note", old, new, f"designation {code} of {equipment}")] += 1
    for source, quote, target, attribute, old, new in CITATION_NOTES:
        citation = Citation.objects.get(source__slug=source, quote=quote, attribute=attribute, **cited_entry(target))
        what = f"citation of {source} on {'/'.join(target)}: {quote[:40]!r}"
        counts["citation notes", rewrite(citation, "note", old, new, what)] += 1
    for (kind, outcome), n in sorted(counts.items()):
        print(f"{kind}: {n} {outcome}")


with transaction.atomic():
    run()

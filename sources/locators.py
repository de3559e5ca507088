"""Where a passage is in a source's archived text, in the words of the curated locators.

The curated citations locate a quote by the section heading above its paragraph and the
paragraph's number within that section ("Birth of the Korean People’s Army, ¶10"), or in
a text without headings by its number and first words ("¶4 “At the end of 2024…”"); a
picture's caption is "caption “first words…”". The archived texts are plain lines, so
headings and captions are read from their shape:

- a *caption* names its picture's source ("… Source: Oryx blog", "(Picture source: …)");
- a *heading* is a short line of at least two words with no sentence punctuation in or
  at the end of it, directly followed by a body paragraph;
- the *front matter* (the document's title, dates, bylines) is everything before the
  first long body paragraph, but for a heading right before it (unless that is the
  text's first line, its title): it is not counted.

This is what the admin's quote picker proposes as the locator of a selected passage;
the editor may correct it, as any locator.
"""

import re

from sources.quotes import archived_paragraphs

FIRST_WORDS = 5
HEADING_LENGTH = 100
LONG_PARAGRAPH = 150
_CAPTION = re.compile(r"\bsource:", re.IGNORECASE)
_SENTENCE = re.compile(r"[.!?;:,…”\"*)]$|[.!?;] ")


def is_caption(paragraph):
    return bool(_CAPTION.search(paragraph))


def looks_like_heading(paragraph):
    return (
        len(paragraph) <= HEADING_LENGTH
        and len(paragraph.split()) >= 2
        and not is_caption(paragraph)
        and not _SENTENCE.search(paragraph)
        and not paragraph.startswith(("-", "•"))
    )


def first_words(paragraph):
    words = paragraph.split()
    shown = " ".join(words[:FIRST_WORDS])
    return f"“{shown}…”" if len(words) > FIRST_WORDS else f"“{shown}”"


def paragraph_locators(text):
    """Each paragraph of ``text`` (``archived_paragraphs``) with what it is ("front",
    "heading", "caption" or "body") and its locator, as triples; the locator is "" for
    the front matter and the headings themselves."""
    paragraphs = archived_paragraphs(text)
    kinds = []
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
        if is_caption(paragraph):
            kinds.append("caption")
        elif looks_like_heading(paragraph) and following and not looks_like_heading(following):
            kinds.append("heading" if not is_caption(following) else "body")
        else:
            kinds.append("body")
    long_bodies = (i for i, kind in enumerate(kinds) if kind == "body" and len(paragraphs[i]) >= LONG_PARAGRAPH)
    start = next(long_bodies, 0)
    if start > 1 and kinds[start - 1] == "heading":  # (the first line is the document's title)
        start -= 1
    heading, number, located = "", 0, []
    for index, (paragraph, kind) in enumerate(zip(paragraphs, kinds, strict=True)):
        if index < start:
            located.append((paragraph, "front", ""))
        elif kind == "heading":
            heading, number = paragraph, 0
            located.append((paragraph, "heading", ""))
        elif kind == "caption":
            located.append((paragraph, kind, ", ".join(filter(None, [heading, f"caption {first_words(paragraph)}"]))))
        else:
            number += 1
            where = f"¶{number}" if heading else f"¶{number} {first_words(paragraph)}"
            located.append((paragraph, kind, ", ".join(filter(None, [heading, where]))))
    return located

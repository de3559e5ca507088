"""Template filters of the knowledge base."""

import re

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.filter
def model_label(entry):
    """The kind of an entry, as a reader says it: "event", "equipment", "designation"."""
    return entry._meta.verbose_name


@register.simple_tag
def admin_change_url(entry):
    """The editors' page of an entry."""
    opts = entry._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])


@register.filter
def duration(delta):
    """A timedelta as a reader says it: "15 minutes", "1 hour 30 minutes"."""
    minutes = round(delta.total_seconds() / 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
    if minutes or not hours:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“‘\"'(])")
# Words after which a full stop does not end a sentence.
ABBREVIATIONS = ("c.", "ca.", "e.g.", "i.e.", "St.", "Mr.", "Dr.", "Gen.", "Lt.", "Col.", "No.", "U.S.", "U.N.", "vs.")
SUMMARY_LENGTH = 220


@register.filter
def first_sentence(text, length=SUMMARY_LENGTH):
    """The first sentence of ``text`` (the one-line summary of a list row), cut at a word
    with an ellipsis when longer than ``length`` characters."""
    text = " ".join((text or "").split())
    cut = 0
    for match in SENTENCE_END.finditer(text):
        if not text[: match.start()].endswith(ABBREVIATIONS):
            cut = match.start()
            break
    sentence = text[:cut] if cut else text
    if len(sentence) <= length:
        return sentence
    return sentence[: length - 1].rsplit(" ", 1)[0].rstrip(",;:–-") + "…"


@register.filter
def marked(parts):
    """A passage of ``common.highlight`` Parts as HTML: every part escaped, the matched
    ones inside <mark>."""
    return format_html_join(
        "", "{}", ((format_html("<mark>{}</mark>", part.text) if part.marked else part.text,) for part in parts)
    )

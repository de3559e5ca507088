"""Template filters of the knowledge base."""

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


@register.filter
def marked(parts):
    """A passage of ``common.highlight`` Parts as HTML: every part escaped, the matched
    ones inside <mark>."""
    return format_html_join(
        "", "{}", ((format_html("<mark>{}</mark>", part.text) if part.marked else part.text,) for part in parts)
    )

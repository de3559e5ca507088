"""Template filters of the knowledge base."""

from django import template

register = template.Library()


@register.filter
def model_label(entry):
    """The kind of an entry, as a reader says it: "event", "equipment", "designation"."""
    return entry._meta.verbose_name

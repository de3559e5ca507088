"""Template filters of the knowledge base."""

from django import template

register = template.Library()


@register.filter
def model_label(entry):
    """The kind of an entry, as a reader says it: "event", "equipment", "designation"."""
    return entry._meta.verbose_name


@register.simple_tag
def admin_change_url(entry):
    """The editors' page of an entry."""
    from django.urls import reverse

    opts = entry._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])

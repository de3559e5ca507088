"""The “Cite this page” section's reference (``templates/includes/cite.html``)."""

from django import template

from dprk_kb.citing import reference

register = template.Library()


@register.simple_tag(takes_context=True)
def cite_this(context, entry):
    """The reference to ``entry``'s page (``dprk_kb.citing.Reference``); one query, for the version."""
    return reference(context["request"], entry)

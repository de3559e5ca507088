"""Meta-tests, in the manner of django-calaccess-raw-data's test_docs.py: every model of
the knowledge base says what it holds, and every field an editor fills in says how."""

import pytest
from django.apps import apps

CONTENT_APPS = ["sources", "events", "equipment"]


def content_models():
    """The apps' own models (not django-simple-history's copies of them, nor link tables)."""
    return [
        model
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models()
        if not model.__name__.startswith("Historical")
    ]


def editable_fields():
    for model in content_models():
        for field in model._meta.get_fields():
            if getattr(field, "concrete", False) and not field.auto_created and field.editable:
                yield model, field


@pytest.mark.parametrize("model", content_models(), ids=lambda model: model.__name__)
def test_every_model_has_a_docstring(model):
    assert model.__doc__ and not model.__doc__.startswith(f"{model.__name__}("), model


@pytest.mark.parametrize(("model", "field"), list(editable_fields()), ids=lambda item: getattr(item, "name", ""))
def test_every_field_an_editor_fills_in_has_help_text(model, field):
    assert str(field.help_text).strip(), f"{model.__name__}.{field.name} has no help_text"

"""Meta-tests, in the manner of django-calaccess-raw-data's test_docs.py: every model of
the knowledge base says what it holds, and every field an editor fills in says how."""

import re
from pathlib import Path

import pytest
from django.apps import apps

from tests.test_exports import COLUMNS

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


def test_readme_lists_every_export_with_its_columns():
    """The export columns are documented inside the repository, as the exports give them."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    documented = dict(re.findall(r"^\| (\w+) \| `([a-z_,]+)`", readme, re.MULTILINE))
    assert documented == COLUMNS

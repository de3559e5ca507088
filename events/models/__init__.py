"""Eras, places, actors and the dated events of the timeline, a module each."""

from events.models.actors import Actor, ActorKind, ActorQuerySet
from events.models.eras import Era, EraQuerySet
from events.models.events import Event, EventKind, EventQuerySet
from events.models.places import Place, PlaceQuerySet

__all__ = [
    "Actor",
    "ActorKind",
    "ActorQuerySet",
    "Era",
    "EraQuerySet",
    "Event",
    "EventKind",
    "EventQuerySet",
    "Place",
    "PlaceQuerySet",
]

"""An equipment's lineage: the designs it derives from and the designs derived from it.

Built from one query over (id, parent) pairs, so a page costs the same however deep the
tree; guarded against cycles, which the admin refuses but the database cannot.
"""

from dataclasses import dataclass

from equipment.models import Equipment

ROW_HEIGHT = 30
INDENT = 28
NODE_HEIGHT = 22


@dataclass
class Node:
    pk: int
    name: str
    slug: str
    depth: int
    row: int
    parent_row: int | None
    current: bool = False

    @property
    def x(self):
        return 8 + self.depth * INDENT

    @property
    def y(self):
        return 8 + self.row * ROW_HEIGHT

    @property
    def width(self):
        return 18 + 8 * len(self.name)

    height = NODE_HEIGHT
    corner = 4  # the rounding of the node's box

    @property
    def middle_y(self):
        return self.y + NODE_HEIGHT // 2

    @property
    def label_x(self):
        return self.x + 8

    @property
    def label_y(self):
        return self.y + 15  # the baseline of the name inside the box

    @property
    def parent_y(self):
        return 8 + self.parent_row * ROW_HEIGHT + NODE_HEIGHT

    @property
    def line_x(self):
        return 8 + (self.depth - 1) * INDENT + 10


def lineage(equipment):
    """(ancestors nearest first, nodes of the tree from the root down to every descendant)."""
    rows = list(Equipment.objects.values_list("pk", "based_on_id", "name", "slug"))
    by_pk = {pk: (parent, name, slug) for pk, parent, name, slug in rows}
    children = {}
    for pk, parent, _name, _slug in sorted(rows, key=lambda r: r[2].lower()):
        children.setdefault(parent, []).append(pk)

    ancestors, seen, current = [], {equipment.pk}, by_pk[equipment.pk][0]
    while current is not None and current not in seen:
        ancestors.append(current)
        seen.add(current)
        current = by_pk[current][0]

    nodes = []
    chain = list(reversed(ancestors))
    for depth, pk in enumerate(chain):
        parent_row = depth - 1 if depth else None
        nodes.append(Node(pk, by_pk[pk][1], by_pk[pk][2], depth, depth, parent_row))

    def walk(pk, depth, parent_row, visited):
        row = len(nodes)
        nodes.append(Node(pk, by_pk[pk][1], by_pk[pk][2], depth, row, parent_row, current=pk == equipment.pk))
        for child in children.get(pk, []):
            if child not in visited:
                walk(child, depth + 1, row, visited | {child})

    walk(equipment.pk, len(chain), len(chain) - 1 if chain else None, seen | {equipment.pk})
    ancestor_objects = [Node(pk, by_pk[pk][1], by_pk[pk][2], 0, 0, None) for pk in ancestors]
    return ancestor_objects, nodes


def tree_size(nodes):
    width = max((n.x + n.width for n in nodes), default=0) + 8
    height = 8 + len(nodes) * ROW_HEIGHT
    return round(width), height

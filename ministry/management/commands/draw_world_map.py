"""``manage.py draw_world_map``: (re)draw the static outline of the world that
the progress page's map refers to (``ministry/static/ministry/world-map.svg``),
from the shipped country shapes. Run it after updating ``ministry/data/world-atlas/``;
a test fails while the committed file differs from what this command draws."""

from django.core.management.base import BaseCommand

from ministry.charts import WORLD_OUTLINE_PATH, world_outline


class Command(BaseCommand):
    help = "Draw the static world map outline of the progress page from the shipped country shapes."

    def handle(self, *args, **options):
        WORLD_OUTLINE_PATH.parent.mkdir(parents=True, exist_ok=True)
        WORLD_OUTLINE_PATH.write_text(world_outline(), encoding="utf-8")
        self.stdout.write(f"Wrote {WORLD_OUTLINE_PATH}")

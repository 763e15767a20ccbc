"""The few colours of the report's charts, from the NL Design System example theme.

Copied from the design tokens of @nl-design-system-unstable/voorbeeld-design-tokens 7.4.1
(``--voorbeeld-kleuren-*`` in src/meetlat/web/static/meetlat/vendor/voorbeeld-theme.css),
the theme the web application uses; the token's name is beside each value.
"""

from __future__ import annotations

PRIMARY = "#00568b"  # --voorbeeld-kleuren-blauw-500: this period's bars
SECONDARY = "#8ecef6"  # --voorbeeld-kleuren-blauw-300: the earlier period's bars
ACCENT = "#ac501b"  # --voorbeeld-kleuren-oranje-400: weekend days, highlights
MUTED = "#586c88"  # --voorbeeld-kleuren-grijs-400: axes and grid labels
GRID = "#dfe3e8"  # --voorbeeld-kleuren-grijs-200: grid lines
TEXT = "#001a40"  # --voorbeeld-kleuren-grijs-700: titles and labels
ACCENT_LIGHT = "#ffb582"  # --voorbeeld-kleuren-oranje-300: a fourth series

# the bars of side-by-side series, in order
SERIES = (PRIMARY, SECONDARY, ACCENT, ACCENT_LIGHT)

"""One set of status colours: the theme module, the cards' palette in .streamlit/config.toml, and no copies."""
import re
import tomllib
from pathlib import Path

from cakupan import theme

ROOT = Path(__file__).resolve().parent.parent


def test_the_cards_palette_is_the_themes_status_colours():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    for status, name in theme.STATUS_METRIC_COLORS.items():
        assert config[f"{name}Color"].lower() == theme.STATUS_COLORS[status].lower()


def test_no_module_writes_a_status_colour_of_its_own():
    # an amber written anywhere but the theme module is a second amber waiting to drift (green and red are also
    # series colours in charts.py, so only the amber is unambiguous)
    for path in (ROOT / "cakupan").rglob("*.py"):
        if path.name == "theme.py":
            continue
        found = {match.lower() for match in re.findall(r"#[0-9a-fA-F]{6}", path.read_text(encoding="utf-8"))}
        assert not (found & {theme.AT_RISK_COLOR.lower(), "#e9a23b"}), path

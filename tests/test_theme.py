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


def cie_lab(color: str) -> tuple[float, float, float]:
    """sRGB hex → CIELAB (D65), to measure how far apart two colours look."""
    def linear(channel: float) -> float:
        return ((channel + 0.055) / 1.055) ** 2.4 if channel > 0.04045 else channel / 12.92
    r, g, b = (linear(int(color[i:i + 2], 16) / 255) for i in (1, 3, 5))
    x, y, z = ((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b,
               (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883)
    f = lambda v: v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116  # noqa: E731
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_the_association_palette_has_eleven_colours_no_two_alike():
    palette = theme.ASSOCIATION_PALETTE
    assert len(palette) == 11 and len({c.lower() for c in palette}) == 11
    distances = [sum((a - b) ** 2 for a, b in zip(cie_lab(one), cie_lab(other))) ** 0.5
                 for i, one in enumerate(palette) for other in palette[i + 1:]]
    assert min(distances) >= 25
    assert theme.NO_STATUS_COLOR not in palette   # grey means "no colour of its own"


def test_each_association_keeps_its_colour_whatever_else_is_drawn():
    codes = ["ABADI", "ABUJAPI", "AKIDA", "AKTI", "APKLINDO", "APSyFI", "APTISI", "ASPEKTI", "ASPEPPI", "ASPPHAMI",
             "IFICA"]
    colors = theme.association_colors(codes)
    assert sorted(colors.values()) == sorted(theme.ASSOCIATION_PALETTE)
    assert theme.association_colors(list(reversed(codes))) == colors
    assert theme.association_colors(codes + ["ZZZ"])["ZZZ"] == theme.NO_STATUS_COLOR   # a twelfth gets grey, no repeat

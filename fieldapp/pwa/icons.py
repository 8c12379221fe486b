"""Draw the home-screen icons (run once: `python -m fieldapp.pwa.icons`)."""

from pathlib import Path

from PIL import Image, ImageDraw

BRAND = (11, 83, 148)
WHITE = (255, 255, 255)
SIZES = (192, 512)
OUT = Path(__file__).resolve().parents[2] / "static" / "icons"


def draw_icon(size: int) -> Image.Image:
    """A white house on the brand blue; drawn large, then shrunk for smooth edges.

    The house stays inside the central 60 % so the icon also works when Android
    masks it to a circle (`purpose: "any maskable"`).
    """
    big = size * 4
    image = Image.new("RGB", (big, big), BRAND)
    pen = ImageDraw.Draw(image)
    unit = big / 100
    pen.polygon(
        [(50 * unit, 22 * unit), (78 * unit, 48 * unit), (22 * unit, 48 * unit)], WHITE
    )
    pen.rectangle([29 * unit, 46 * unit, 71 * unit, 76 * unit], WHITE)
    pen.rectangle([45 * unit, 58 * unit, 55 * unit, 76 * unit], BRAND)
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    """Write icon-192.png and icon-512.png into static/icons/."""
    OUT.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        draw_icon(size).save(OUT / f"icon-{size}.png", optimize=True)


if __name__ == "__main__":
    main()

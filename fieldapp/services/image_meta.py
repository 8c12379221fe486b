"""Photos lose their metadata (EXIF GPS, camera make, model and serials, XMP,
comments) before they are stored or served; pixels turned upright stay.

The record keeps its own position in the database; a photo's file needs none.
A file without metadata is left byte for byte as it is, so checking is cheap.
"""

import io

from PIL import Image, ImageOps, JpegImagePlugin

# Segments and info a picture needs to look right: colour profile, density,
# transparency, JPEG's JFIF and Adobe markers. Everything else is dropped.
KEPT_SEGMENTS = {("APP0", b"JFIF"), ("APP0", b"JFXX"), ("APP2", b"ICC_PROFILE")}
KEPT_SEGMENTS |= {("APP14", b"Adobe")}
KEPT_INFO = {
    "jfif",
    "jfif_version",
    "jfif_unit",
    "jfif_density",
    "jfxx",
    "dpi",
    "adobe",
    "adobe_transform",
    "progressive",
    "progression",
    "icc_profile",
    "gamma",
    "srgb",
    "chromaticity",
    "transparency",
    "aspect",
    "interlace",
    "loop",
    "background",
    "duration",
    "timestamp",
}


def has_metadata(image: Image.Image) -> bool:
    """Whether the opened (not yet decoded) image carries anything but pixels,
    colour and density: EXIF, XMP, IPTC, comments, text or maker segments."""
    if set(image.info) - KEPT_INFO:
        return True
    segments = getattr(image, "applist", [])
    return any(
        not any(m == marker and d.startswith(p) for m, p in KEPT_SEGMENTS)
        for marker, d in segments
    )


def keep_only_picture_info(image: Image.Image) -> Image.Image:
    """Drop what an encoder would copy from `image.info` besides colour and
    density (Pillow writes a JPEG's comment into every re-encoded copy)."""
    image.info = {k: v for k, v in image.info.items() if k in KEPT_INFO}
    return image


def _encode(image: Image.Image, source: Image.Image, kind: str, data: bytes) -> bytes:
    """The upright image in its own format, with its colour profile only."""
    out = io.BytesIO()
    options = {"icc_profile": source.info.get("icc_profile")}
    if kind == "JPEG":
        sampling = JpegImagePlugin.get_sampling(source)
        # The source's own quantisation tables: as close to lossless as a
        # JPEG re-encode gets, at about the same size.
        options |= {"qtables": source.quantization, "optimize": True}
        if sampling >= 0:
            options["subsampling"] = sampling
    elif kind == "PNG" and "transparency" in source.info:
        options["transparency"] = source.info["transparency"]
    elif kind == "WEBP":
        options |= {"lossless": b"VP8L" in data[:64], "quality": 95}
    image.save(out, kind, **{k: v for k, v in options.items() if v is not None})
    return out.getvalue()


def without_metadata(data: bytes) -> bytes:
    """The same picture without metadata: `data` itself when it carries none,
    else re-encoded upright (EXIF orientation applied to the pixels)."""
    with Image.open(io.BytesIO(data)) as source:
        if not has_metadata(source):
            return data
        kind = source.format
        upright = keep_only_picture_info(ImageOps.exif_transpose(source))
        return _encode(upright, source, kind, data)

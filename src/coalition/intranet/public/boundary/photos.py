"""Photos carry no metadata: every image field of content in the language roots is stored re-encoded.

A photo of a prisoner taken by a relative or a lawyer can carry where (GPS) and with what (camera serial,
owner name, software, XMP history, IPTC by-line, an ICC profile naming the device) it was taken, and a
phone's "motion photo" or a camera's second picture hides after the image itself. Whatever the route
(edit form, REST POST/PATCH, plone.app.multilingual's copy of language-independent fields, copy/paste,
a move from the intranet), the stored bytes are re-encoded with Pillow: the EXIF orientation is applied
first, colours are converted to sRGB when the image embeds a colour profile, and nothing but the pixels
is written (no EXIF, XMP, IPTC, ICC, comments, PNG text chunks, trailing data). Filename and content type
stay (JPEG, PNG and WebP keep their format; any other raster format Pillow reads becomes a PNG). Every
route that serves the image (``@@download``, ``@@images`` and its scales, the REST ``download`` URLs)
serves these bytes or scales made from them; scales made before are dropped.

Idempotent: a value is marked with the SHA-256 of its clean bytes; an image whose structure already holds
nothing but pixel data is marked without being rewritten, so an edit of another field never touches the
blob and a clean JPEG loses no quality. Images Pillow cannot read (SVG) are left alone and logged.

``scrub_public_photos(site)`` applies the same to what exists already (for an upgrade step).
"""

from coalition.intranet.public.boundary.anonymity import in_public_roots
from coalition.intranet.public.boundary.anonymity import public_item_handlers
from hashlib import sha256
from io import BytesIO
import logging
import os
from PIL import Image
from PIL import ImageCms
from PIL import ImageOps
from plone import api
from plone.app.multilingual.interfaces import ITranslatable
from plone.app.multilingual.interfaces import ITranslationManager
from plone.dexterity.interfaces import IDexterityContent
from plone.dexterity.utils import iterSchemata
from plone.namedfile.interfaces import INamedImageField
from plone.scale.storage import IImageScaleStorage
import struct
from zope.annotation.interfaces import IAnnotations
from zope.component import queryMultiAdapter


logger = logging.getLogger(__name__)

# Attribute on the stored image value: (its modification stamp, the SHA-256 of its bytes) when they were
# found to carry no metadata.
MARKER = "_coalition_metadata_free"
# Attributes plone.namedfile keeps next to the bytes (a parsed copy of the EXIF, GPS included).
PARSED_METADATA = ("exif", "exif_data")
KEPT_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
JPEG_QUALITY = 90
WEBP_QUALITY = 90

# Structure of files that carry nothing but pixels.
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_PIXEL_CHUNKS = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
_WEBP_PIXEL_CHUNKS = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}
_JPEG_SOI, _JPEG_EOI, _JPEG_SOS = 0xD8, 0xD9, 0xDA
# Markers without a length: TEM, RST0-7, SOI, EOI.
_JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8), _JPEG_SOI, _JPEG_EOI}
# Application and comment segments (APP0-APP15, COM); only APP0 "JFIF" and APP14 "Adobe" describe pixels.
_JPEG_METADATA = {*range(0xE0, 0xF0), 0xFE}


# Structure checks: true only for files whose every part describes pixels.


def _png_is_clean(data: bytes) -> bool:
    if not data.startswith(_PNG_SIGNATURE):
        return False
    pos = len(_PNG_SIGNATURE)
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        if kind not in _PNG_PIXEL_CHUNKS:
            return False
        pos += 12 + length
        if kind == b"IEND":
            return pos == len(data)
    return False


def _webp_chunks(data: bytes):
    """The chunk types of a WebP file, then ``None`` if the RIFF structure does not add up."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        yield None
        return
    (riff_size,) = struct.unpack("<I", data[4:8])
    pos = 12
    while pos + 8 <= len(data):
        kind = data[pos : pos + 4]
        (length,) = struct.unpack("<I", data[pos + 4 : pos + 8])
        yield kind
        pos += 8 + length + (length & 1)
    if pos != len(data) or riff_size + 8 != len(data):
        yield None


def _webp_is_clean(data: bytes) -> bool:
    return all(kind in _WEBP_PIXEL_CHUNKS for kind in _webp_chunks(data))


def _jpeg_is_clean(data: bytes) -> bool:
    if not data.startswith(b"\xff\xd8"):
        return False
    pos = 2
    end = len(data)
    while pos < end:
        if data[pos] != 0xFF:
            return False
        while pos < end and data[pos] == 0xFF:  # fill bytes
            pos += 1
        if pos >= end:
            return False
        marker = data[pos]
        pos += 1
        if marker == _JPEG_EOI:
            return pos == end
        if marker in _JPEG_STANDALONE:
            continue
        if pos + 2 > end:
            return False
        (length,) = struct.unpack(">H", data[pos : pos + 2])
        segment = data[pos + 2 : pos + length]
        if marker in _JPEG_METADATA:
            jfif = marker == 0xE0 and segment.startswith(b"JFIF\x00") and len(segment) <= 16
            adobe = marker == 0xEE and segment.startswith(b"Adobe") and len(segment) <= 12
            if not (jfif or adobe):
                return False
        pos += length
        if marker == _JPEG_SOS:
            # Entropy-coded data runs to the next marker that is neither stuffing (FF00) nor a restart.
            while True:
                pos = data.find(b"\xff", pos)
                if pos < 0 or pos + 1 >= end:
                    return False
                following = data[pos + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    pos += 1 if following == 0xFF else 2
                    continue
                break
    return False


_STRUCTURE_CHECKS = {"JPEG": _jpeg_is_clean, "PNG": _png_is_clean, "WEBP": _webp_is_clean}


def is_clean(data: bytes) -> bool:
    """Whether ``data`` is a JPEG, PNG or WebP file made of pixel data only."""
    if data.startswith(b"\xff\xd8"):
        return _jpeg_is_clean(data)
    if data.startswith(_PNG_SIGNATURE):
        return _png_is_clean(data)
    if data[:4] == b"RIFF":
        return _webp_is_clean(data)
    return False


# Re-encoding.


def _to_srgb(image: Image.Image) -> Image.Image:
    """Colours as the embedded profile meant them, in sRGB, without the profile."""
    icc = image.info.get("icc_profile")
    if not icc:
        return image
    try:
        source = ImageCms.ImageCmsProfile(BytesIO(icc))
        mode = "RGBA" if "A" in image.getbands() else "RGB"
        if image.mode not in ("RGB", "RGBA", "CMYK", "L", "LA"):
            image = image.convert(mode)
        if image.mode == "LA":
            image = image.convert("L")  # grey profiles do not take an alpha band
            mode = "RGB"
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError) as error:
        logger.warning("Colour profile not applied (%s); the image keeps its values without it.", error)
        return image


def reencode(data: bytes) -> tuple[bytes, str]:
    """The pixels of ``data`` in a new file without metadata; returns (bytes, Pillow format)."""
    with Image.open(BytesIO(data)) as source:
        fmt = "JPEG" if source.format == "MPO" else source.format
        fmt = fmt if fmt in KEPT_FORMATS else "PNG"
        lossless_webp = fmt == "WEBP" and b"VP8L" in set(_webp_chunks(data))
        source.seek(0)  # a still: the first frame of an animation or of a multi-picture file
        image = ImageOps.exif_transpose(source)
        image = _to_srgb(image)
    transparency = image.info.get("transparency")
    clean = image.copy()
    clean.info = {}
    if fmt == "JPEG" and clean.mode not in ("L", "RGB"):
        clean = clean.convert("RGB")
    if fmt == "WEBP" and clean.mode not in ("RGB", "RGBA"):
        clean = clean.convert("RGBA" if "A" in clean.getbands() or transparency is not None else "RGB")
    options = {}
    if fmt == "JPEG":
        options = {"quality": JPEG_QUALITY, "optimize": True}
    elif fmt == "PNG":
        if transparency is not None and clean.mode in ("P", "L", "RGB"):
            options["transparency"] = transparency
    elif fmt == "WEBP":
        options = {"lossless": True} if lossless_webp else {"quality": WEBP_QUALITY}
    out = BytesIO()
    clean.save(out, fmt, **options)
    return out.getvalue(), fmt


def _digest(data: bytes) -> str:
    return sha256(data).hexdigest()


def scrub_value(value) -> bool:
    """Make the stored image ``value`` (a plone.namedfile image) metadata-free in place.

    Returns whether the bytes were rewritten."""
    stamp, known_digest = getattr(value, MARKER, None) or (None, None)
    if stamp is not None and stamp == getattr(value, "_modified", None):
        _drop_parsed_metadata(value)
        return False  # not written since it was found clean: no need to read the blob
    data = value.data
    if not data:
        return False
    digest = _digest(data)
    rewritten = False
    if known_digest != digest and not is_clean(data):
        try:
            clean, fmt = reencode(data)
        except Exception:  # noqa: BLE001 - not a raster image Pillow reads (SVG, damaged file)
            logger.warning("Image %r is not re-encoded: Pillow cannot read it.", value.filename)
            return False
        content_type, filename = value.contentType, value.filename
        value.data = clean
        if fmt == _format_of(content_type):
            value.contentType = content_type
        else:
            value.contentType = KEPT_FORMATS[fmt]
            if filename:
                filename = os.path.splitext(filename)[0] + EXTENSIONS[fmt]
        value.filename = filename
        digest = _digest(clean)
        rewritten = True
    setattr(value, MARKER, (getattr(value, "_modified", None), digest))
    _drop_parsed_metadata(value)
    return rewritten


def _drop_parsed_metadata(value) -> None:
    for name in PARSED_METADATA:
        if name in value.__dict__:
            delattr(value, name)


def _format_of(content_type: str) -> str | None:
    for fmt, known in KEPT_FORMATS.items():
        if content_type == known or (fmt == "JPEG" and content_type == "image/pjpeg"):
            return fmt
    return None


def image_values(obj):
    """(field name, stored value) of every image field of ``obj`` (its schema and its behaviors)."""
    for schema in iterSchemata(obj):
        for name in schema.names():
            field = schema[name]
            if not INamedImageField.providedBy(field):
                continue
            value = getattr(schema(obj), name, None)
            if value is not None and hasattr(value, "data"):
                yield name, value


def drop_scales(obj) -> None:
    """Forget the scales made so far (a scale URL stays reachable until its storage forgets it)."""
    annotations = IAnnotations(obj, None)
    if annotations is None or not annotations.get("plone.scale"):
        return
    storage = queryMultiAdapter((obj, None), IImageScaleStorage)
    if storage is not None:
        storage.clear()


def scrub(obj) -> bool:
    """Re-encode every image of ``obj`` that carries metadata; returns whether any bytes changed."""
    rewritten = False
    for _name, value in image_values(obj):
        rewritten = scrub_value(value) or rewritten
    if rewritten:
        # Translations may hold the same stored value (plone.app.multilingual copies the reference).
        for item in _with_translations(obj):
            drop_scales(item)
    return rewritten


def _with_translations(obj) -> list:
    if ITranslatable.providedBy(obj):
        translations = list(ITranslationManager(obj).get_translations().values())
        if translations:
            return translations
    return [obj]


def _handle(obj) -> None:
    if IDexterityContent.providedBy(obj) and in_public_roots(obj):
        scrub(obj)


# Event subscribers (boundary.zcml): the same routes as the anonymity of public content.
on_moved, on_modified, on_cloned, on_translated = public_item_handlers(_handle)


def scrub_public_photos(site) -> int:
    """Re-encode the images of everything inside the language roots and drop their old scales (for an
    upgrade step). Returns how many items changed."""
    from plone.app.multilingual.interfaces import ILanguageRootFolder

    catalog = api.portal.get_tool("portal_catalog")
    changed = 0
    for root in site.objectValues():
        if not ILanguageRootFolder.providedBy(root):
            continue
        for brain in catalog.unrestrictedSearchResults(path="/".join(root.getPhysicalPath())):
            obj = brain._unrestrictedGetObject()
            if obj is None or not IDexterityContent.providedBy(obj):
                continue
            if scrub(obj):
                changed += 1
    logger.info("Re-encoded the images of %d public items.", changed)
    return changed

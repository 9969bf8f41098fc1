"""Photos carry no metadata: an image put into public content by any route (REST PATCH and POST, the edit
form, plone.app.multilingual's copy to translations, copy/paste from the intranet) is stored re-encoded,
and every route that serves it to Anonymous (``@@download``, ``@@images`` and its scales, the REST
``download`` URLs, the page's ``<img>`` URLs) serves bytes without EXIF, GPS, XMP, ICC, comments or PNG
text. Fictional images, made here with Pillow."""

import base64
from coalition.intranet.public.boundary import photos
from io import BytesIO
from PIL import Image
from PIL import ImageCms
from PIL import PngImagePlugin
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.namedfile.file import NamedBlobImage
from plone.testing.zope import Browser
import re
import requests
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.public.profile_fixtures import make_profile
import transaction
import unittest
from unittest import mock
from zope.annotation.interfaces import IAnnotations
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent


EDITOR = "editor-de"
DEMO_PASSWORD = "demo-secret"
XMP_NAMESPACE = b"http://ns.adobe.com/xap/1.0/"
SECRETS = (b"SecretCam", b"Moskva-Lefortovo", b"shot by a relative", b"editor-de", b"Emma Editorin")
XMP = (
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="SecretCam"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Emma Editorin"/>'
    '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)
# Raw markers of metadata in the served bytes, whatever the format.
RAW_MARKERS = (b"Exif\x00\x00", XMP_NAMESPACE, b"ICC_PROFILE", b"iCCP", b"tEXt", b"iTXt", b"zTXt", b"eXIf")
METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "Author", "Comment", "Location")


def exif(orientation=1) -> Image.Exif:
    data = Image.Exif()
    data[0x010F] = "SecretCam"  # Make
    data[0x0110] = "SecretCam X1 serial 0042"  # Model
    data[0x013B] = "Emma Editorin"  # Artist
    data[0x0112] = orientation
    data[0x8825] = {1: "N", 2: (55.0, 45.0, 20.0), 3: "E", 4: (37.0, 37.0, 6.0), 27: "Moskva-Lefortovo"}  # GPS
    return data


def icc() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def dirty_jpeg(size=(64, 48), orientation=6) -> bytes:
    """A landscape JPEG meant to be shown upright (EXIF orientation 6), with GPS, XMP, ICC and a comment."""
    out = BytesIO()
    Image.new("RGB", size, (180, 40, 40)).save(
        out, "JPEG", exif=exif(orientation), xmp=XMP.encode(), icc_profile=icc(), comment=b"shot by a relative"
    )
    data = out.getvalue()
    assert b"Exif\x00\x00" in data
    assert XMP_NAMESPACE in data
    return data


def dirty_png(size=(40, 30)) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Emma Editorin")
    info.add_text("Location", "Moskva-Lefortovo", zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP)
    out = BytesIO()
    Image.new("RGBA", size, (20, 120, 60, 200)).save(out, "PNG", pnginfo=info, exif=exif(), icc_profile=icc())
    data = out.getvalue()
    for chunk in (b"tEXt", b"zTXt", b"iTXt"):
        assert chunk in data
    return data


def dirty_webp(size=(50, 30)) -> bytes:
    out = BytesIO()
    Image.new("RGB", size, (10, 10, 200)).save(out, "WEBP", exif=exif(), xmp=XMP.encode(), icc_profile=icc())
    data = out.getvalue()
    assert b"EXIF" in data
    assert XMP_NAMESPACE in data
    return data


def clean_jpeg(size=(30, 20)) -> bytes:
    out = BytesIO()
    Image.new("RGB", size, (90, 90, 90)).save(out, "JPEG")
    return out.getvalue()


def b64(data: bytes, filename: str, content_type: str) -> dict:
    return {
        "data": base64.b64encode(data).decode(),
        "encoding": "base64",
        "filename": filename,
        "content-type": content_type,
    }


class MetadataAssertions:
    def assert_no_metadata(self, data: bytes, where: str):
        for marker in RAW_MARKERS + SECRETS:
            self.assertNotIn(marker, data, f"{where} carries {marker!r}")
        with Image.open(BytesIO(data)) as image:
            image.load()
            for key in METADATA_KEYS:
                self.assertNotIn(key, image.info, f"{where} carries {key}")
            self.assertEqual(len(image.getexif()), 0, f"{where} carries EXIF")
            if hasattr(image, "text"):
                self.assertEqual(image.text, {}, f"{where} carries PNG text")
        self.assertTrue(photos.is_clean(data), f"{where} is not made of pixel data only")


class PhotosOverHttp(MetadataAssertions, unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"

    def url(self, obj) -> str:
        return f"{self.site_url}/{obj.absolute_url_path().replace('/plone/', '', 1)}"

    def rest(self, method, url, user=EDITOR, password=DEMO_PASSWORD, **kwargs):
        return requests.request(
            method, url, auth=(user, password), headers={"Accept": "application/json"}, timeout=30, **kwargs
        )

    def served_images(self, obj, field="image", auth=None) -> dict:
        """Every route Anonymous fetches the image by: {where: bytes}."""
        base = self.url(obj)
        urls = {
            "@@download": f"{base}/@@download/{field}",
            "@@images original": f"{base}/@@images/{field}",
            "@@images preview": f"{base}/@@images/{field}/preview",
            "@@images thumb": f"{base}/@@images/{field}/thumb",
        }
        response = requests.get(base, headers={"Accept": "application/json"}, auth=auth, timeout=30)
        self.assertEqual(response.status_code, 200, (base, response.text[:300]))
        item = response.json()
        urls["REST download"] = item[field]["download"]
        for name, scale in item[field]["scales"].items():
            urls[f"REST scale {name}"] = scale["download"]
        page = requests.get(base, auth=auth, timeout=30).text
        for index, found in enumerate(sorted(set(re.findall(r'https?://[^"\s,<>]+/@@images/[^"\s,<>]+', page)))):
            urls[f"page img {index}"] = found.replace("&amp;", "&")
        served = {}
        for where, url in urls.items():
            response = requests.get(url, auth=auth, timeout=30)
            self.assertEqual(response.status_code, 200, (where, url))
            self.assertTrue(response.headers["Content-Type"].startswith("image/"), (where, url))
            served[f"{where} {url}"] = response.content
        return served

    def assert_served_clean(self, obj, field="image", auth=None):
        """As Anonymous unless ``auth`` is given."""
        served = self.served_images(obj, field, auth)
        self.assertGreaterEqual(len(served), 6)
        for where, data in served.items():
            self.assert_no_metadata(data, where)
        return served

    def test_rest_patch_of_a_profile_photo_and_its_copy_in_the_translation(self):
        profile = make_profile("Foto Metadannykh", translations={"de": "Foto Metadaten"})
        german = ITranslationManager(profile).get_translation("de")
        transaction.commit()
        response = self.rest(
            "PATCH", self.url(profile), json={"image": b64(dirty_jpeg(), "lefortovo.jpg", "image/jpeg")}
        )
        self.assertEqual(response.status_code, 204, response.text)
        transaction.begin()
        stored = profile.image
        self.assertEqual((stored.filename, stored.contentType), ("lefortovo.jpg", "image/jpeg"))
        self.assertNotIn("exif", stored.__dict__)
        self.assertIs(german.image, stored, "plone.app.multilingual copies the one clean value")
        for item in (profile, german):
            served = self.assert_served_clean(item)
            original = next(data for where, data in served.items() if where.startswith("@@download"))
            with Image.open(BytesIO(original)) as image:
                self.assertEqual((image.format, image.size), ("JPEG", (48, 64)), "shown upright")

    def test_edit_form_upload_of_a_png(self):
        profile = make_profile("Foto Formy")
        transaction.commit()
        browser = Browser(self.layer["app"])
        browser.handleErrors = False
        browser.addHeader("Authorization", f"Basic {EDITOR}:{DEMO_PASSWORD}")
        browser.open(f"{profile.absolute_url()}/@@edit")
        browser.getControl(name="form.widgets.image").add_file(BytesIO(dirty_png()), "image/png", "portrait.png")
        browser.getControl(name="form.buttons.save").click()
        transaction.begin()
        self.assertEqual((profile.image.filename, profile.image.contentType), ("portrait.png", "image/png"))
        served = self.assert_served_clean(profile)
        original = next(data for where, data in served.items() if where.startswith("@@download"))
        with Image.open(BytesIO(original)) as image:
            self.assertEqual((image.format, image.mode, image.size), ("PNG", "RGBA", (40, 30)))

    def test_rest_post_of_a_news_lead_image_in_webp(self):
        created = self.rest(
            "POST",
            f"{self.site_url}/de/news",
            json={
                "@type": "News Item",
                "title": "Bild Nachricht",
                "image": b64(dirty_webp(), "abend.webp", "image/webp"),
            },
        )
        self.assertEqual(created.status_code, 201, created.text)
        transaction.begin()
        news = self.portal["de"]["news"][created.json()["id"]]
        response = self.rest("POST", f"{self.url(news)}/@workflow/publish")
        self.assertEqual(response.status_code, 200, response.text)
        transaction.begin()
        self.assertEqual((news.image.filename, news.image.contentType), ("abend.webp", "image/webp"))
        self.assert_served_clean(news)

    def test_an_image_copied_from_the_intranet(self):
        workspace = self.portal["intranet"]["organisations"]["alpha"]
        with api.env.adopt_user(username="alpha-member"):
            image = api.content.create(
                container=workspace,
                type="Image",
                title="Aus dem Archiv",
                image=NamedBlobImage(dirty_jpeg(orientation=1), contentType="image/jpeg", filename="archiv.jpg"),
            )
        self.assertIn(b"Exif\x00\x00", image.image.data, "the intranet keeps what its members stored")
        transaction.commit()
        manager = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        response = self.rest("POST", f"{self.site_url}/de/news/@copy", *manager, json={"source": image.absolute_url()})
        self.assertEqual(response.status_code, 200, response.text)
        transaction.begin()
        self.assertIn(b"Exif\x00\x00", image.image.data)
        # (An Image has no workflow of its own; the copy keeps the permissions it had in the workspace, so
        # only a manager reads it until it is published by other means: the bytes are what matters here.)
        self.assert_served_clean(self.portal["de"]["news"]["aus-dem-archiv"], auth=manager)


class PhotosStoredClean(MetadataAssertions, unittest.TestCase):
    """Idempotence, the intranet left alone, and the upgrade helper for images stored before."""

    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]

    def news_with(self, data: bytes, filename="bild.jpg", content_type="image/jpeg"):
        with api.env.adopt_roles(["Manager"]):
            return api.content.create(
                container=self.portal["de"]["news"],
                type="News Item",
                title="Bild",
                image=NamedBlobImage(data, contentType=content_type, filename=filename),
            )

    def test_reencoding_happens_once(self):
        news = self.news_with(dirty_jpeg())
        self.assert_no_metadata(news.image.data, "stored")
        stored, stamp = news.image, news.image._modified
        with mock.patch.object(photos, "reencode", wraps=photos.reencode) as reencode, api.env.adopt_roles(["Manager"]):
            news.title = "Bild (neu)"
            notify(ObjectModifiedEvent(news))
            notify(ObjectModifiedEvent(news))
        reencode.assert_not_called()
        self.assertIs(news.image, stored)
        self.assertEqual(news.image._modified, stamp, "the blob is not written again")

    def test_a_clean_image_is_kept_as_it_is(self):
        data = clean_jpeg()
        with mock.patch.object(photos, "reencode", wraps=photos.reencode) as reencode:
            news = self.news_with(data)
        reencode.assert_not_called()
        self.assertEqual(news.image.data, data, "no needless loss of quality")

    def test_every_format_comes_out_clean(self):
        for data, content_type in (
            (dirty_jpeg(), "image/jpeg"),
            (dirty_png(), "image/png"),
            (dirty_webp(), "image/webp"),
        ):
            clean, fmt = photos.reencode(data)
            self.assert_no_metadata(clean, content_type)
            self.assertEqual(photos.KEPT_FORMATS[fmt], content_type)
            self.assertEqual(photos.reencode(clean)[1], fmt)
        self.assertFalse(photos.is_clean(clean_jpeg() + b"hidden motion photo"), "trailing data counts")

    def test_intranet_images_are_left_alone(self):
        data = dirty_jpeg(orientation=1)
        with api.env.adopt_user(username="alpha-member"):
            image = api.content.create(
                container=self.portal["intranet"]["organisations"]["alpha"],
                type="Image",
                title="Beweis",
                image=NamedBlobImage(data, contentType="image/jpeg", filename="beweis.jpg"),
            )
            notify(ObjectModifiedEvent(image))
        self.assertIn(b"Exif\x00\x00", image.image.data)

    def test_scrub_public_photos_cleans_what_was_stored_before(self):
        news = self.news_with(clean_jpeg())
        # As older code left it: a photo with metadata, and scales made from it.
        news.image = NamedBlobImage(dirty_jpeg(), contentType="image/jpeg", filename="alt.jpg")
        with api.env.adopt_roles(["Manager"]):
            news.restrictedTraverse("@@images").scale("image", scale="thumb")
        self.assertTrue(IAnnotations(news).get("plone.scale"))
        self.assertEqual(photos.scrub_public_photos(self.portal), 1)
        self.assert_no_metadata(news.image.data, "after the upgrade")
        self.assertEqual(news.image.filename, "alt.jpg")
        self.assertFalse(IAnnotations(news).get("plone.scale"), "scales made from the old bytes are gone")
        self.assertEqual(photos.scrub_public_photos(self.portal), 0, "a second run changes nothing")

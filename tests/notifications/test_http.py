"""Over a real WSGI server: content added through the REST API is announced by mail, and the link works."""

import re
import requests
from tests.coalition_layers import COALITION_MAIL_SERVER_TESTING
from tests.notifications.notification_helpers import address
from tests.notifications.notification_helpers import raw
import unittest


class TestNotificationsOverHttp(unittest.TestCase):
    layer = COALITION_MAIL_SERVER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.smtp = self.layer["smtp"]

    def test_a_page_added_through_the_rest_api_is_announced_and_the_link_leads_to_it(self):
        response = requests.post(
            f"{self.site_url}/intranet/organisations/alpha",
            json={"@type": "Document", "title": "Visit to colony 7"},
            headers={"Accept": "application/json"},
            auth=("alpha-member", "demo-secret"),
            timeout=30,
        )
        self.assertEqual(response.status_code, 201, response.text)
        page_url = response.json()["@id"]
        mail = self.smtp.wait_for(1)[0]
        self.assertEqual(mail.envelope_to, [address("alpha-admin")])
        self.assertNotIn("colony", raw(mail))
        link = re.search(r"(http://\S+/@@open/[0-9a-f]{32})", mail.body).group(1)

        opened = requests.get(link, auth=("alpha-admin", "demo-secret"), allow_redirects=False, timeout=30)
        self.assertEqual(opened.status_code, 302)
        self.assertEqual(opened.headers["Location"], page_url)
        stranger = requests.get(link, auth=("beta-member", "demo-secret"), allow_redirects=False, timeout=30)
        self.assertEqual(stranger.status_code, 404)
        self.assertNotIn("visit-to-colony", stranger.text)
        anonymous = requests.get(link, allow_redirects=False, timeout=30)
        self.assertEqual(anonymous.status_code, 302)
        self.assertNotIn("visit-to-colony", anonymous.headers["Location"])

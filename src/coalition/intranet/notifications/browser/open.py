"""``@@open/<uid>``: where notification mails link to.

An item's own URL is made from its title, so mails carry this opaque address instead. It reveals
nothing to whoever holds the link: Anonymous is sent to the login form (and comes back here), and a
logged-in person who may not View the item gets the same "not found" as for an item that does not exist.
"""

from AccessControl import Unauthorized
from plone import api
from plone.app.uuid.utils import uuidToObject
from Products.Five.browser import BrowserView
from zExceptions import NotFound
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


@implementer(IPublishTraverse)
class OpenItemView(BrowserView):
    uid = None

    def publishTraverse(self, request, name):
        if self.uid is not None:
            raise NotFound(name)
        self.uid = name
        return self

    def __call__(self):
        if api.user.is_anonymous():
            # Plone's challenge sends Anonymous to the login form with this very URL to come back to.
            raise Unauthorized("Log in to open this link.")
        item = uuidToObject(self.uid, unrestricted=True) if self.uid else None
        if item is None or not api.user.has_permission("View", obj=item):
            raise NotFound("The link you followed is broken or not meant for you.")
        self.request.response.redirect(item.absolute_url(), status=302)
        return ""

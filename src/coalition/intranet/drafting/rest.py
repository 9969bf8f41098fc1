"""The REST API on working documents: the same conflict and lock rules as the browser.

- ``PATCH`` accepts an ``If-Match`` header naming the version the client edited (the document's
  ``version_id``: ``GET <document>/@version-token``, or the newest ``version`` of ``@history``). A stale value
  is refused with ``412 Precondition Failed`` and a message naming who saved the newer version and when;
  nothing is saved. Without ``If-Match`` the PATCH is applied as plone.restapi does (last write wins), so
  clients that care about lost updates must send it.
- ``DELETE @lock`` with ``force`` breaks someone else's lock only under the take-over rule of ``locks.py``.
"""

from coalition.intranet.drafting import editing
from coalition.intranet.drafting import locks
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from plone.restapi.services.content.update import ContentPatch
from plone.restapi.services.locking.delete import Lock
from zope.i18n import translate


class WorkingDocumentPatch(ContentPatch):
    def reply(self):
        token = self.request.getHeader("If-Match")
        try:
            editing.check_version_token(self.context, token)
        except editing.EditConflict as conflict:
            self.request.response.setStatus(412)
            last = conflict.last_save
            return {
                "error": {
                    "type": "PreconditionFailed",
                    "message": translate(conflict.message, context=self.request),
                    "version": editing.version_token(self.context),
                    "saved_by": last.userid,
                    "saved_at": last.when.isoformat() if last.when else None,
                }
            }
        return super().reply()


class VersionTokenGet(Service):
    """``{"version_token": "<id>"}``: what to send as ``If-Match`` with the next PATCH."""

    def reply(self):
        return {"version_token": editing.version_token(self.context)}


class WorkingDocumentUnlock(Lock):
    def reply(self):
        data = json_body(self.request)
        if data.get("force") and not locks.may_force_unlock(self.context):
            self.request.response.setStatus(403)
            return {
                "error": {
                    "type": "Forbidden",
                    "message": translate(locks.FORCE_UNLOCK_REFUSED, context=self.request),
                }
            }
        return super().reply()

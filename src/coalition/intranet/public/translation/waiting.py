""" "Waiting for me" on the dashboard: translations a translator or public editor has to make or update."""

from coalition.intranet import _
from coalition.intranet.dashboard.api import WaitingItem
from coalition.intranet.dashboard.interfaces import IWaitingForMe
from coalition.intranet.public.languages.translations import native_name
from coalition.intranet.public.translation.status import languages_waiting_for
from coalition.intranet.public.translation.status import status_rows
from plone import api
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import implementer


@implementer(IWaitingForMe)
class TranslationsWaiting:
    """Per language of the person (their translators-<lang> groups; every language for public editors):
    how many pieces of public content are missing, outdated or unpublished there, linking to the queue."""

    title = _("waiting_translations", default="Translations to make or update")
    order = 30

    def items(self, user) -> list:
        languages = languages_waiting_for(user)
        if not languages:
            return []
        portal = api.portal.get()
        rows = status_rows()
        found = []
        for language in languages:
            root = portal.get(language)
            if root is None or not api.user.has_permission("Modify portal content", user=user, obj=root):
                continue
            count = sum(1 for row in rows if row.needs_work([language]))
            if count:
                found.append(
                    WaitingItem(
                        title=native_name(language),
                        url=f"{root.absolute_url()}/@@translation-status?language={language}",
                        detail=translate(
                            _("waiting_translations_count", default="${count} to do", mapping={"count": count}),
                            context=getRequest(),
                        ),
                    )
                )
        return found

"""``@@file-versions`` on a file: its versions with who and when, download of each, revert; and the
viewlet on the file's page that links to it."""

from coalition.intranet import _
from coalition.intranet.errors import show_error
from coalition.intranet.files import versions as file_versions
from coalition.intranet.workspaces.api import display_name
from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.namedfile.utils import set_headers
from plone.namedfile.utils import stream_data
from plone.protect import CheckAuthenticator
from plone.protect.authenticator import createToken
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
import transaction
from zExceptions import NotFound
from zExceptions import Unauthorized
from zope.i18n import translate


def _rows(context) -> list[dict]:
    rows = []
    for version in file_versions.versions(context):
        rows.append(
            {
                "number": version.number,
                "when": version.when.strftime("%Y-%m-%d %H:%M"),
                "by": display_name(version.by),
                "comment": version.comment,
                "filename": version.filename,
                "size_kb": f"{version.size / 1024:.1f}",
                "download": f"{context.absolute_url()}/@@file-version-download?version={version.number}",
            }
        )
    return rows


class FileVersionsView(BrowserView):
    index = ViewPageTemplateFile("templates/file_versions.pt")

    def __call__(self):
        if self.request.method == "POST" and "form.buttons.revert" in self.request.form:
            CheckAuthenticator(self.request)
            number = self.request.form.get("version", "")
            try:
                file_versions.revert(self.context, int(number) if str(number).isdigit() else -1)
            except file_versions.FileVersionError as error:
                transaction.doom()
                show_error(self.request, error)
            except Unauthorized:
                transaction.doom()
                IStatusMessage(self.request).add(
                    translate(
                        _("file_error_not_allowed", default="You may not change this file."), context=self.request
                    ),
                    "error",
                )
            else:
                IStatusMessage(self.request).add(
                    translate(
                        _(
                            "file_msg_reverted",
                            default="Version ${number} is the current file again; the replaced one is kept "
                            "as a version.",
                            mapping={"number": number},
                        ),
                        context=self.request,
                    )
                )
            self.request.response.redirect(f"{self.context.absolute_url()}/@@file-versions")
            return ""
        return self.index()

    def rows(self) -> list[dict]:
        return _rows(self.context)

    def may_revert(self) -> bool:
        return bool(api.user.has_permission("Modify portal content", obj=self.context))

    def authenticator(self) -> str:
        return createToken()


class FileVersionDownload(BrowserView):
    """One version's file, always as an attachment (``serving.py`` adds the sandbox for active types)."""

    def __call__(self):
        number = self.request.form.get("version", "")
        if not str(number).isdigit():
            raise NotFound("version")
        try:
            blob = file_versions.version_file(self.context, int(number))
        except file_versions.FileVersionError:
            raise NotFound("version") from None
        set_headers(blob, self.request.response, filename=blob.filename or f"version-{number}")
        return stream_data(blob)


class FileVersionsViewlet(ViewletBase):
    """On a file's page: how many versions it has, with a link to them."""

    index = ViewPageTemplateFile("templates/file_versions_viewlet.pt")

    def update(self):
        super().update()
        self.count = len(file_versions.versions(self.context))
        self.url = f"{self.context.absolute_url()}/@@file-versions"

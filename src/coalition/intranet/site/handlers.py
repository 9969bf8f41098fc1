"""GenericSetup handlers of the default and uninstall profiles."""

from coalition.intranet.campaigns import setup as campaigns_setup
from coalition.intranet.drafting import setup as drafting_setup
from coalition.intranet.events import setup as events_setup
from coalition.intranet.files import setup as files_setup
from coalition.intranet.mentorship import setup as mentorship_setup
from coalition.intranet.security.encryption import setup as encryption_setup
from coalition.intranet.security.login import setup as login_setup
from coalition.intranet.security.twofactor import setup as twofactor_setup
from coalition.intranet.site.api import build_site_structure
from plone import api
from plone.base.interfaces import INonInstallable
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Hide the uninstall profile from the add-on and site-creation screens."""
        return ["coalition.intranet:uninstall"]


# plone.app.discussion binds comments to its own workflow whenever its "moderation_enabled" setting is
# written (a registry subscriber), and GenericSetup runs the registry and workflow steps in no fixed order:
# depending on the process, our binding came first and was overwritten. With comment_one_state_workflow,
# Anonymous may find comments of private documents in the catalog.
COMMENT_TYPE = "Discussion Item"
COMMENT_WORKFLOW = "coalition_comment_workflow"


def post_install(context):
    """Build the site structure once the profile's XML steps have run; bind comments to our workflow last."""
    build_site_structure(api.portal.get())
    install_concerns(api.portal.get())
    bind_comments_to_their_workflow()


# What each concern sets up beyond the profile's XML (folders, layouts, plugins, groups, migrations). Each is
# idempotent: a new site and the upgrade step of an existing one call the same functions.
CONCERN_INSTALLERS = (
    login_setup.install,
    twofactor_setup.install,
    drafting_setup.install,
    files_setup.install,
    events_setup.install,
    mentorship_setup.install,
    campaigns_setup.install,
    encryption_setup.install,
)


def install_concerns(portal) -> None:
    for install in CONCERN_INSTALLERS:
        install(portal)


def bind_comments_to_their_workflow() -> None:
    """Comments follow the commented item (``coalition_comment_workflow``), whatever ran before."""
    workflows = api.portal.get_tool("portal_workflow")
    if workflows.getChainForPortalType(COMMENT_TYPE) != (COMMENT_WORKFLOW,):
        workflows.setChainForPortalTypes((COMMENT_TYPE,), (COMMENT_WORKFLOW,))
        workflows.updateRoleMappings()


def uninstall(context):
    """Nothing beyond the uninstall profile's XML steps.

    Workflows, the intranet policy, roles and groups stay on purpose: removing them would change the
    permissions of existing private content, and content and accounts are the coalition's data.
    """

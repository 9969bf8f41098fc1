"""What an existing site needs for file versions (issue 19) beyond re-running the GenericSetup steps."""

from coalition.intranet.files.versions import FILE_TYPE
from coalition.intranet.files.versions import POLICIES
from coalition.intranet.files.versions import VERSIONING_BEHAVIOR
from plone import api


def install(portal) -> None:
    """Idempotent: files are versionable (behavior, repository types and policies), like working documents."""
    fti = api.portal.get_tool("portal_types").get(FILE_TYPE)
    if fti is not None and VERSIONING_BEHAVIOR not in fti.behaviors:
        fti.behaviors = (*fti.behaviors, VERSIONING_BEHAVIOR)
    repository = api.portal.get_tool("portal_repository")
    types = list(repository.getVersionableContentTypes())
    if FILE_TYPE not in types:
        repository.setVersionableContentTypes([*types, FILE_TYPE])
    for policy in POLICIES:
        repository.addPolicyForContentType(FILE_TYPE, policy)  # idempotent

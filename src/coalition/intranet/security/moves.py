"""Moving content between the public tree and the intranet changes its workflow (placeful policy).

DCWorkflow keeps the old state id and the old permission settings when the new workflow does not know
that state: a *published* page moved into a workspace would stay readable by Anonymous. On every move we
put each object whose state is unknown to its new workflow into that workflow's initial state and apply
its permissions, for the moved object and everything inside it.
"""

from plone import api
from Products.CMFCore.interfaces import IFolderish
from zope.lifecycleevent.interfaces import IObjectAddedEvent
from zope.lifecycleevent.interfaces import IObjectRemovedEvent


def reset_unknown_workflow_states(obj, event):
    if IObjectAddedEvent.providedBy(event) or IObjectRemovedEvent.providedBy(event):
        return  # creation, copy and deletion are handled by the workflow tool itself
    if event.object is not obj:
        return  # sub-objects are handled below, once, from the moved object
    wftool = api.portal.get_tool("portal_workflow")
    for item in _self_and_descendants(obj):
        _reset_item(wftool, item)


def _self_and_descendants(obj):
    yield obj
    if IFolderish.providedBy(obj):
        for child in obj.objectValues():
            yield from _self_and_descendants(child)


def _reset_item(wftool, item) -> None:
    changed = False
    for workflow in wftool.getWorkflowsFor(item):
        status = wftool.getStatusOf(workflow.getId(), item) or {}
        state = status.get(workflow.state_var)
        if state in workflow.states.objectIds():
            continue
        wftool.setStatusOf(
            workflow.getId(),
            item,
            {
                workflow.state_var: workflow.initial_state,
                "action": None,
                "actor": api.user.get_current().getId(),
                "comments": f"Moved: state {state!r} does not exist in {workflow.getId()}",
                "time": api.portal.get_tool("portal_catalog").ZopeTime(),
            },
        )
        workflow.updateRoleMappingsFor(item)
        changed = True
    if changed:
        item.reindexObject()
        item.reindexObjectSecurity()

"""Helpers for the command-line scripts run inside Zope (``zconsole run`` or ``bin/instance run``)."""

import os
import sys
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zope.globalrequest import setRequest


def script_arguments(argv: list[str], script_name: str) -> list[str]:
    """The arguments that follow the script's own path on the command line.

    zconsole leaves its own argv: ["zconsole", "run", <zope.conf>, <script>, *arguments];
    `bin/instance run` (plone.recipe.zope2instance) gives [<interpreter>, "-c", <script>, *arguments].
    Neither defines ``__file__`` for the script, so it is found by its file name.
    """
    for index, arg in enumerate(argv):
        if os.path.basename(arg) == script_name:
            return argv[index + 1 :]
    return argv[4:]


def open_site(app, site_id: str):
    """Give the script a request and make ``site_id`` the current site; None (with a message) if missing."""
    app = makerequest(app)
    setRequest(app.REQUEST)
    if site_id not in app.objectIds():
        print(f"No site '{site_id}' in this database.", file=sys.stderr)
        return None
    site = app[site_id]
    setSite(site)
    return site

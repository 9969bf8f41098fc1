"""Print (site's and code's), or set, the coalition profile's version of a site (test_upgrade_script.py).

zconsole run <zope.conf> tests/foundation/profile_version.py [--set VERSION]
"""

import sys


def main(app, argv) -> None:
    from coalition.intranet.site.scripting import open_site
    import transaction

    site = open_site(app, "coalition")
    setup_tool = site.portal_setup
    if "--set" in argv:
        setup_tool.setLastVersionForProfile("coalition.intranet:default", argv[argv.index("--set") + 1])
        transaction.commit()
    # The site's version, then the code's (profiles/default/metadata.xml).
    print(".".join(setup_tool.getLastVersionForProfile("coalition.intranet:default")), end=" ")
    print(setup_tool.getVersionForProfile("coalition.intranet:default"))


if __name__ == "__main__":
    from coalition.intranet.site.scripting import script_arguments

    main(app, script_arguments(sys.argv, "profile_version.py"))  # noqa: F821 (zconsole provides ``app``)

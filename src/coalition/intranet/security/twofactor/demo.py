"""The demo cast's second factors: fixed, documented secrets (README's demo table), demo only.

Enrolled by ``scripts/create_site.py`` when it creates a demo site (``make start``), never by the demo
profile: the test layers install that profile and log in with passwords alone. Anyone trying the demo adds
these keys to an authenticator app; on a real site every person makes their own at ``@@two-factor``.
"""

from coalition.intranet.security.twofactor import api as twofactor


# user id -> base32 secret (public: printed in the README). Never use these anywhere but the demo.
DEMO_SECRETS = {
    "coordinator": "DEMOCOORDINATORXXXXXXXXXXXXXXXXX",
    "alpha-admin": "DEMOALPHAADMINXXXXXXXXXXXXXXXXXX",
    "alpha-member": "DEMOALPHAMEMBERXXXXXXXXXXXXXXXXX",
    "beta-admin": "DEMOBETAADMINXXXXXXXXXXXXXXXXXXX",
    "beta-member": "DEMOBETAMEMBERXXXXXXXXXXXXXXXXXX",
    "commission": "DEMOCOMMISSIONXXXXXXXXXXXXXXXXXX",
    "editor-de": "DEMOEDITORDEXXXXXXXXXXXXXXXXXXXX",
    "mentor-coord": "DEMOMENTORCOORDXXXXXXXXXXXXXXXXX",
}


def enrol_demo_cast(site) -> list[str]:
    """Give each demo account that exists its documented secret (unless it already has a second factor)."""
    enrolled = []
    for user_id, secret in DEMO_SECRETS.items():
        if site.acl_users.getUserById(user_id) is None or twofactor.is_enrolled(user_id):
            continue
        twofactor.enrol_with_secret(user_id, secret)
        enrolled.append(user_id)
    return enrolled

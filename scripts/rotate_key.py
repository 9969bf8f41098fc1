"""Rotate the encryption key of a site (docs/security.md, "Encryption at rest"). The site must be stopped.

    make rotate-key                 # = zconsole run instance/etc/zope.conf scripts/rotate_key.py
    make rotate-key RETIRE=1        # after it reported everything re-sealed: remove the old keys

Without ``--retire``: adds a new key to the key file and makes it current (unless a rotation is already
under way: then it continues it), seals whatever plaintext an old site still holds, and re-seals every
sealed value (case fields, evidence files, case-file versions, second-factor secrets, the canary) under the
new key, committing in batches. Interrupted, run it again: it resumes. The old keys stay in the key file until
``--retire``, which first checks that nothing is sealed under them any more. Exit status 0 when done.
"""

import argparse
import sys


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="rotate_key.py", description=__doc__.splitlines()[0])
    parser.add_argument("--site-id", default="coalition")
    parser.add_argument("--batch", type=int, default=100, help="values re-sealed per transaction")
    parser.add_argument("--retire", action="store_true", help="remove the old keys once nothing uses them")
    parser.add_argument("--continue", dest="resume", action="store_true", help="never add a new key")
    return parser.parse_args(argv)


def main(app, argv) -> int:
    from coalition.intranet.security.encryption import keyring
    from coalition.intranet.security.encryption import rotation
    from coalition.intranet.security.encryption.setup import install
    from coalition.intranet.site.scripting import open_site
    import transaction
    from zope.component.hooks import site as site_hook

    args = parse_args(argv)
    site = open_site(app, args.site_id)
    if site is None:
        return 1
    key_file = keyring.configured_key_file()
    ring = keyring.read_keyring(key_file)
    with site_hook(site):
        if args.retire:
            stale = rotation.stale_values(site)
            if any(stale.values()):
                for name, count in sorted(stale.items()):
                    print(f"  {name}: {count} still sealed under an old key")
                print("Not retired: run `make rotate-key` again first.", file=sys.stderr)
                return 1
            removed = keyring.retire_keys(key_file, keep=set())
            print(f"Retired {len(removed)} old key(s) from {key_file}: {', '.join(removed) or 'none'}.")
            print("Make a new copy of the key file for the key backup; destroy the copies of the old one.")
            return 0
        if len(ring.keys) > 1 or args.resume:
            print(f"Continuing the rotation to key {ring.current} ({len(ring.keys) - 1} old key(s) kept).")
        else:
            new_id = keyring.add_new_current_key(key_file)
            print(f"New key {new_id} is now current in {key_file}; the old key stays until --retire.")
        counts = install(site)
        transaction.commit()
        if any(counts.values()):
            print(f"Sealed plaintext left from before encryption: {counts}")
        print("Re-sealing under the current key:")
        rotation.reseal_all(site, batch=args.batch)
        stale = rotation.stale_values(site)
        if any(stale.values()):
            print(f"Still under an old key: {stale}; run the command again.", file=sys.stderr)
            return 1
        current = keyring.current_keyring().current
        print(f"Everything is sealed under key {current}. Now run `make rotate-key RETIRE=1` to remove the old keys.")
    return 0


if __name__ == "__main__":
    from coalition.intranet.site.scripting import script_arguments

    sys.exit(main(app, script_arguments(sys.argv, "rotate_key.py")))  # noqa: F821 (zconsole provides ``app``)

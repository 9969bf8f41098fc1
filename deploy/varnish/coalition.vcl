vcl 4.1;
# The coalition's caching proxy (Varnish 7, Debian packages varnish + varnish-modules): docs/caching.md.
#
# What it caches is what Plone marks as cacheable for everybody (plone.app.caching rules:
# caching/ and profiles/default/registry/caching.xml); what it never caches: a request carrying
# credentials (__ac, auth_token, a second-factor session or any other cookie left after the tracking
# cookies are stripped; an Authorization header), anything below /intranet, error responses, responses
# that set a cookie or say private/no-store. Plone tags each response (xkey header); a publication,
# update or retraction of a profile purges its tags after the transaction commits.

import std;
import cookie;
import xkey;

# The Zope backend (make start: 127.0.0.1:8080). make start-proxy and the tests write their own
# backend.vcl in a directory searched before this one (varnishd -p vcl_path=...).
include "backend.vcl";

# Who may PURGE and BAN, and open the ZMI: the machine itself. A request that reached us through another
# proxy (X-Forwarded-For already set, e.g. by the TLS terminator) comes from outside, whatever its address.
acl local {
    "localhost";
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # varnishd appends client.ip to X-Forwarded-For before vcl_recv: a comma means an earlier hop.
    if (client.ip ~ local && req.http.X-Forwarded-For !~ ",") {
        set req.http.X-Coalition-Local = "1";
    } else {
        unset req.http.X-Coalition-Local;
    }

    if (req.method == "PURGE") {
        if (!req.http.X-Coalition-Local) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey) {
            # Hard purge: the objects are gone at once (a soft purge would keep serving them in grace).
            set req.http.X-Purged = xkey.purge(req.http.xkey);
            return (synth(200, "Purged " + req.http.X-Purged + " objects"));
        }
        # plone.cachepurging's PURGE of a path: every host and variant of that URL.
        ban("obj.http.X-Url == " + req.url);
        return (synth(200, "Banned " + req.url));
    }
    if (req.method == "BAN") {
        if (!req.http.X-Coalition-Local) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey) {
            ban("obj.http.xkey ~ (^|[ ,])" + req.http.xkey + "($|[ ,])");
        } else {
            ban("obj.http.X-Url ~ " + req.url);
        }
        return (synth(200, "Banned"));
    }

    # The ZMI and Zope's management methods only from the machine itself. Zope decodes the path: an
    # unreserved character written as %XX in it (%6danage_main) would slip past the pattern, and no link
    # of the site writes one, so such a path is refused from outside too.
    if (!req.http.X-Coalition-Local &&
        (req.url ~ "(?i)(/manage($|[/?])|/manage_|/Control_Panel|\+\+resource\+\+zmi)" ||
         req.url ~ "(?i)^[^?]*%(2d|2e|2f|3[0-9]|4[1-9a-f]|5[0-9af]|6[1-9a-f]|7[0-9ae])")) {
        return (synth(403, "Forbidden"));
    }

    if (req.method !~ "^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$") {
        return (synth(405, "Method Not Allowed"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }

    # Tracking parameters change nothing Plone renders; one cached copy for every ordering of filters.
    set req.url = regsuball(req.url, "(?i)([?&])(utm_[a-z]+|fbclid|gclid|mc_[a-z]+)=[^&]*", "\1");
    set req.url = regsuball(req.url, "&&+", "&");
    set req.url = regsub(req.url, "[?&]+$", "");
    set req.url = regsub(req.url, "\?&", "?");
    set req.url = std.querysort(req.url);

    # The intranet is never cached, whoever asks.
    if (req.url ~ "(?i)/intranet(/|\?|$)") {
        return (pass);
    }

    if (req.http.Cookie) {
        cookie.parse(req.http.Cookie);
        # Analytics and advertising cookies: Plone never reads them.
        cookie.filter_re("^(_ga.*|_gid|_gat.*|_gcl_.*|__utm.*|_pk_.*|_hj.*|_fbp|_fbc|_clck|_clsk|_uet.*|mp_.*|__hs.*|hubspotutk|utm_.*)$");
        # In a language root the content's language decides the page's language, not this cookie.
        if (req.url ~ "^(/[^/?]+|.*/VirtualHostRoot(/_vh_[^/?]+)?)/[a-z]{2}(/|\?|$)") {
            cookie.delete("I18N_LANGUAGE");
        }
        set req.http.Cookie = cookie.get_string();
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        }
    }
    # Credentials: Plone's login cookie, the REST API's token cookie, HTTP Basic/Bearer. Any other cookie
    # left (a second-factor session, a status message, a Zope session) is someone's own page too.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(__ac|auth_token)=") {
        return (pass);
    }
    if (req.http.Cookie) {
        return (pass);
    }

    # One cached copy for every browser: Plone negotiates only JSON (REST API) against HTML.
    if (req.http.Accept ~ "application/json") {
        set req.http.Accept = "application/json";
    } else {
        set req.http.Accept = "text/html,*/*";
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host);
    } else {
        hash_data(server.ip);
    }
    hash_data(req.http.Accept);
    # Plone writes absolute links: a page fetched for https must not be served for http, and vice versa.
    if (req.http.X-Forwarded-Proto) {
        hash_data(req.http.X-Forwarded-Proto);
    }
    return (lookup);
}

sub vcl_backend_response {
    # Path bans match on the URL the backend saw (lurker-friendly: no req.* in ban expressions).
    set beresp.http.X-Url = bereq.url;
    if (bereq.uncacheable) {
        return (deliver);
    }
    # Only what Plone explicitly marks as cacheable for everybody: a success, no cookie, a shared
    # lifetime, nothing private.
    if (beresp.status != 200 ||
        beresp.http.Set-Cookie ||
        !beresp.http.Cache-Control ||
        beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)" ||
        beresp.http.Cache-Control !~ "(?i)(s-maxage|max-age)=[1-9]" ||
        beresp.http.Vary == "*" ||
        beresp.ttl <= 0s) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Browsers revalidate (max-age=0); the proxy answers them from its copy until a purge or s-maxage.
    set beresp.grace = 10m;
    # Past its lifetime a copy still serves conditional requests to Plone (ETag: 304 instead of a page).
    set beresp.keep = 1h;
    return (deliver);
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.X-Url;
    # The tags are for the machine itself (tests, operators); they mean nothing to browsers.
    if (!req.http.X-Coalition-Local) {
        unset resp.http.xkey;
        unset resp.http.X-Cache-Rule;
        unset resp.http.X-Cache-Operation;
    }
    return (deliver);
}

sub vcl_synth {
    unset resp.http.X-Url;
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    set resp.body = resp.reason;
    return (deliver);
}

# The Zope process that `make start` serves (instance/etc/zope.ini). make start-proxy and the tests write
# their own copy of this file (another port) into a directory varnishd searches first.
backend zope {
    .host = "127.0.0.1";
    .port = "8080";
    .connect_timeout = 5s;
    .first_byte_timeout = 300s;
    .between_bytes_timeout = 60s;
}

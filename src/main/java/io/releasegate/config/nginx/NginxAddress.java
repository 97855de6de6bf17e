package io.releasegate.config.nginx;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * An upstream server address as {@code ngx_parse_url()} reads it: {@code host[:port]}, {@code [ipv6][:port]} or
 * {@code unix:/path}. The port defaults to 80 in {@code http}; a {@code stream} server needs one.
 *
 * @param host lower-case host name or IP address (IPv6 without brackets), or {@code unix:/path}
 * @param port 1..65535, or 0 for a unix socket
 */
record NginxAddress(String host, int port) {
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.?");
    private static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9.]+");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** The address problem in nginx's words ({@code invalid port}, {@code no port}, ...). */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    /** {@code host:port} with brackets for IPv6, or the unix path: the name a server gets in the model. */
    String canonical() {
        if (port == 0) {
            return host;
        }
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    static NginxAddress parse(String url, boolean portRequired) throws Invalid {
        return parse(url, portRequired, 80);
    }

    /** @param defaultPort the port when none is written: 80, or 0 where DNS SRV records give it */
    static NginxAddress parse(String url, boolean portRequired, int defaultPort) throws Invalid {
        if (url.regionMatches(true, 0, "unix:", 0, 5)) {
            String path = url.substring(5);
            if (path.isEmpty()) {
                throw new Invalid("no path");
            }
            return new NginxAddress("unix:" + path, 0);
        }
        String host;
        String port = null;
        if (url.startsWith("[")) {
            int close = url.indexOf(']');
            if (close < 0) {
                throw new Invalid("invalid host");
            }
            host = url.substring(1, close);
            String rest = url.substring(close + 1);
            if (!rest.isEmpty()) {
                if (rest.charAt(0) != ':') {
                    throw new Invalid("invalid host");
                }
                port = rest.substring(1);
            }
            if (!IPV6.matcher(host).matches()) {
                throw new Invalid("invalid IPv6 address");
            }
        } else {
            int colon = url.lastIndexOf(':');
            host = colon < 0 ? url : url.substring(0, colon);
            port = colon < 0 ? null : url.substring(colon + 1);
            if (host.isEmpty()) {
                throw new Invalid("no host");
            }
            if (!HOST_NAME.matcher(host).matches()
                    || DOTTED_NUMBERS.matcher(host).matches() && !IPV4.matcher(host).matches()) {
                throw new Invalid("invalid host");
            }
        }
        int number = defaultPort;
        if (port == null) {
            if (portRequired) {
                throw new Invalid("no port");
            }
        } else {
            OptionalLong parsed = NginxValues.atoi(port);
            if (parsed.isEmpty() || parsed.getAsLong() < 1 || parsed.getAsLong() > 65535) {
                throw new Invalid("invalid port");
            }
            number = (int) parsed.getAsLong();
        }
        return new NginxAddress(host.toLowerCase(Locale.ROOT), number);
    }
}

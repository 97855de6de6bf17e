package io.releasegate.config.haproxy;

import io.releasegate.config.ConfigParseException;
import java.util.Set;

/**
 * The pool-relevant settings of a {@code defaults}, {@code backend} or {@code listen} section: the balance
 * algorithm, the health-check option and the {@code default-server} settings. A proxy starts from a copy of its
 * defaults section's settings.
 */
final class ProxySettings {
    private static final Set<String> ALGORITHMS = Set.of("roundrobin", "static-rr", "first", "leastconn", "source",
            "uri", "url_param", "hash");

    String balance;
    String checkType;
    String checkArgs = "";
    String httpMethod = "OPTIONS";
    String httpUri = "/";
    String httpVersion = "";
    String sendMethod;
    String sendUri;
    String sendVersion;
    ServerSettings defaultServer = new ServerSettings();
    /** The tcp-check rules in force: inherited from the defaults section until the section writes its own. */
    TcpChecks tcpChecks = TcpChecks.NONE;
    private boolean ownTcpChecks;
    /** A defaults section with tcp-request/tcp-response/http-request/http-response rules (a listen may not use it). */
    boolean definesRules;
    /** The {@code default_backend} a defaults section gives the frontends after it, with its line. */
    HaproxyLine defaultBackend;

    ProxySettings copy() {
        ProxySettings copy = new ProxySettings();
        copy.balance = balance;
        copy.checkType = checkType;
        copy.checkArgs = checkArgs;
        copy.httpMethod = httpMethod;
        copy.httpUri = httpUri;
        copy.httpVersion = httpVersion;
        copy.sendMethod = sendMethod;
        copy.sendUri = sendUri;
        copy.sendVersion = sendVersion;
        copy.defaultServer = defaultServer.copy();
        copy.tcpChecks = tcpChecks;
        copy.definesRules = definesRules;
        copy.defaultBackend = defaultBackend;
        return copy;
    }

    /** A {@code tcp-check} rule of this section: the first one replaces the rules inherited from defaults. */
    void tcpCheck(HaproxyLine line) {
        if (!ownTcpChecks) {
            tcpChecks = TcpChecks.NONE;
            ownTcpChecks = true;
        }
        tcpChecks = tcpChecks.with(line);
    }

    /**
     * Why a server that is checked but has neither a service port nor a check port is refused, as HAProxy 2.6's
     * {@code init_srv_check()} says it; empty when the section's tcp-check rules give the port.
     */
    String missingCheckPort() {
        if (!"tcp-check".equals(checkType) || tcpChecks.rules() == 0) {
            return "has neither service port nor check port";
        }
        if (!tcpChecks.startsWithConnectWithPort()) {
            return "has neither service port nor check port nor tcp_check rule 'connect' with port information";
        }
        if (!tcpChecks.everyConnectHasPort()) {
            return "has neither service port nor check port, and a tcp_check rule 'connect' with no port "
                    + "information";
        }
        return "";
    }

    /** The effective algorithm; HAProxy's default is {@code roundrobin}. */
    String algorithm() {
        return balance == null ? "roundrobin" : balance;
    }

    /** The canonical health check: the option's kind, else {@code tcp} when a server checks, else empty. */
    String healthCheck(boolean anyServerChecks) {
        if ("http".equals(checkType)) {
            StringBuilder text = new StringBuilder("http ")
                    .append(sendMethod != null ? sendMethod : httpMethod).append(' ')
                    .append(sendUri != null ? sendUri : httpUri);
            String version = sendVersion != null ? sendVersion : httpVersion;
            if (!version.isEmpty()) {
                text.append(' ').append(version);
            }
            return text.toString();
        }
        if (checkType != null) {
            return checkArgs.isEmpty() ? checkType : checkType + " " + checkArgs;
        }
        return anyServerChecks ? "tcp" : "";
    }

    /** {@code balance <algorithm> [args]}, checked like HAProxy's {@code backend_parse_balance()}. */
    void balance(HaproxyLine line, String path) throws ConfigParseException {
        String algorithm = line.word(1);
        if (algorithm.isEmpty()) {
            // backend_parse_balance(): "if no option is set, use round-robin by default"
            balance = "roundrobin";
            return;
        }
        boolean known = ALGORITHMS.contains(algorithm) || algorithm.startsWith("random")
                || algorithm.startsWith("hdr(") || algorithm.startsWith("rdp-cookie");
        if (!known) {
            throw new ConfigParseException(path, line.number(), line.column(1), "unknown balance algorithm '"
                    + algorithm + "' (HAProxy 2.6 supports roundrobin, static-rr, leastconn, first, source, uri, "
                    + "url_param, hdr(name), random, rdp-cookie and hash)");
        }
        if (("url_param".equals(algorithm) || "hash".equals(algorithm)) && line.word(2).isEmpty()) {
            throw new ConfigParseException(path, line.number(), line.column(1),
                    "'balance " + algorithm + "' expects an argument");
        }
        balance = HaproxyParser.canonical(line, 1);
    }

    /** {@code option <check>} for the health-check options; returns false when it is another option. */
    boolean checkOption(HaproxyLine line, String path) throws ConfigParseException {
        String option = line.word(1);
        String kind = switch (option) {
            case "httpchk" -> "http";
            case "ssl-hello-chk" -> "ssl-hello";
            case "smtpchk" -> "smtp";
            case "pgsql-check" -> "pgsql";
            case "redis-check" -> "redis";
            case "mysql-check" -> "mysql";
            case "ldap-check" -> "ldap";
            case "spop-check" -> "spop";
            case "tcp-check" -> "tcp-check";
            case "external-check" -> "external";
            default -> null;
        };
        if (kind == null) {
            return false;
        }
        checkType = kind;
        checkArgs = HaproxyParser.canonical(line, 2);
        if ("http".equals(kind)) {
            httpchk(line, path);
        }
        return true;
    }

    private void httpchk(HaproxyLine line, String path) throws ConfigParseException {
        if (line.size() > 5 && !line.word(5).isEmpty()) {
            throw new ConfigParseException(path, line.number(), line.column(5),
                    "'option httpchk' cannot handle unexpected argument '" + line.word(5) + "'");
        }
        String a = line.word(2);
        String b = line.word(3);
        if (b.isEmpty()) {
            httpMethod = "OPTIONS";
            httpUri = a.isEmpty() ? "/" : a;
            httpVersion = "";
        } else {
            httpMethod = a;
            httpUri = b;
            httpVersion = line.word(4);
        }
        sendMethod = null;
        sendUri = null;
        sendVersion = null;
        checkArgs = "";
    }

    /**
     * {@code http-check send [meth M] [uri U] [ver V] ...}; returns whether the line has arguments beyond those the
     * model holds (headers, body, ...), which the caller keeps as a directive.
     */
    boolean httpCheckSend(HaproxyLine line) {
        boolean other = false;
        int i = 2;
        while (i < line.size() && !line.word(i).isEmpty()) {
            String key = line.word(i);
            String value = line.word(i + 1);
            switch (key) {
                case "meth" -> sendMethod = value;
                case "uri" -> sendUri = value;
                case "ver" -> sendVersion = value;
                default -> other = true;
            }
            i += 2;
        }
        return other;
    }
}

package io.releasegate.live;

import java.util.ArrayList;
import java.util.List;

/**
 * The numeric codes of {@code show servers state} in words, after HAProxy 2.6's {@code include/haproxy/server-t.h}
 * ({@code enum srv_admin}, {@code enum srv_state}) and {@code include/haproxy/check-t.h}
 * ({@code enum healthcheck_status}).
 */
final class HaproxyCodes {
    static final int FMAINT = 0x01;
    static final int IMAINT = 0x02;
    static final int CMAINT = 0x04;
    static final int FDRAIN = 0x08;
    static final int IDRAIN = 0x10;
    static final int RMAINT = 0x20;
    static final int HMAINT = 0x40;
    static final int MAINT_MASK = FMAINT | IMAINT | CMAINT | RMAINT | HMAINT;
    static final int DRAIN_MASK = FDRAIN | IDRAIN;

    /** {@code srv_check_result} 2: the last check failed. */
    static final int CHECK_RESULT_FAILED = 2;

    private static final String[] CHECK_STATUS = {
        "UNK", "INI", "START", "CHECKED", "HANA", "SOCKERR", "L4OK", "L4TOUT", "L4CON", "L6OK", "L6TOUT", "L6RSP",
        "L7TOUT", "L7RSP", "L57DATA", "L7OK", "L7OKC", "L7STS", "PROCERR", "PROCTOUT", "PROCOK",
    };

    private HaproxyCodes() {
    }

    static AdminState adminState(int bits) {
        if ((bits & MAINT_MASK) != 0) {
            return AdminState.MAINT;
        }
        return (bits & DRAIN_MASK) != 0 ? AdminState.DRAIN : AdminState.READY;
    }

    /** Who put the server in MAINT or DRAIN, in words; empty when READY. */
    static String adminOrigin(int bits) {
        List<String> origins = new ArrayList<>();
        if ((bits & MAINT_MASK) != 0) {
            if ((bits & CMAINT) != 0) {
                // HAProxy also sets FMAINT on a server disabled in its configuration: the configuration is the origin
                origins.add("disabled in the live configuration");
            } else if ((bits & FMAINT) != 0) {
                origins.add("set by the runtime API");
            }
            if ((bits & IMAINT) != 0) {
                origins.add("inherited from the server it tracks");
            }
            if ((bits & RMAINT) != 0) {
                origins.add("its address did not resolve in DNS");
            }
            if ((bits & HMAINT) != 0) {
                origins.add("its host name was changed over the runtime API");
            }
        } else {
            if ((bits & FDRAIN) != 0) {
                origins.add("set by the runtime API");
            }
            if ((bits & IDRAIN) != 0) {
                origins.add("inherited from the server it tracks");
            }
        }
        return String.join(" and ", origins);
    }

    static OperationalState operationalState(int code) throws LiveStateException {
        return switch (code) {
            case 0 -> OperationalState.DOWN;
            case 1 -> OperationalState.STARTING;
            case 2 -> OperationalState.UP;
            case 3 -> OperationalState.STOPPING;
            default -> throw new LiveStateException("unknown srv_op_state " + code);
        };
    }

    /** HAProxy's short name of a check status code ({@code L7STS}, {@code L4CON}, ...). */
    static String checkStatus(int code) {
        return code >= 0 && code < CHECK_STATUS.length ? CHECK_STATUS[code] : "status " + code;
    }

    /** A short explanation of a check status name, or empty. */
    static String explainCheck(String status) {
        return switch (status) {
            case "L4CON" -> "connection refused or unreachable";
            case "L4TOUT" -> "connect timeout";
            case "L6TOUT" -> "TLS handshake timeout";
            case "L6RSP" -> "TLS protocol error";
            case "L7TOUT" -> "no HTTP answer within the check timeout";
            case "L7RSP" -> "invalid HTTP answer";
            case "L7STS" -> "wrong HTTP status";
            case "SOCKERR" -> "socket error";
            case "HANA" -> "too many errors on live traffic";
            case "PROCERR", "PROCTOUT" -> "external check failed";
            default -> "";
        };
    }
}

package io.releasegate.paging;

import java.time.Instant;

/** Pages used across the tests. */
final class TestPages {
    static final Instant TIME = Instant.parse("2026-11-24T04:35:01.123Z");
    static final String KEY = "release-gate/prod/web/0123456789ab";

    private TestPages() {
    }

    static Page incident() {
        return Page.trigger(KEY, "web-02 received 0% of traffic; rolled back to a1b2c3")
                .severity(Severity.CRITICAL).source("lb-01.example.org").component("haproxy").group("web")
                .eventClass("pool distribution").timestamp(TIME)
                .detail("verdict", "FAIL")
                .detail("failingChecks", java.util.List.of("distribution", "health"))
                .detail("change", "a1b2c3..d4e5f6")
                .detail("rollback", "succeeded")
                .link("https://ci.example.org/job/gate/42/", "Gate report")
                .build();
    }
}

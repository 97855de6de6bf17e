package io.releasegate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Any --expect text ends in a pool whose shares sum to 1, or in an IllegalArgumentException that says why. */
class ExpectedPoolProperties {
    @Property(tries = 2000)
    void shouldParseOrRejectWithAMessage(@ForAll String spec) {
        try {
            ExpectedPool pool = ExpectedPool.parse(spec);
            double sum = pool.shares().values().stream().mapToDouble(Double::doubleValue).sum();
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("--expect");
        }
    }
}

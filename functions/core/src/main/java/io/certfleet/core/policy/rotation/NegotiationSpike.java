package io.certfleet.core.policy.rotation;

/**
 * When a load balancer's count of failed client TLS negotiations during a canary's bake is a spike (a rollback
 * trigger): at least {@code factor} times the count over an equal period before the swap, and at least
 * {@code minimumIncrease} more (so 0 -> 2 is noise, not a spike).
 */
public record NegotiationSpike(int factor, int minimumIncrease) {

    /** 3x and 10 more: a real rise in failing clients, not the odd scanner that speaks TLS 1.0. */
    public static final NegotiationSpike DEFAULT = new NegotiationSpike(3, 10);

    public NegotiationSpike {
        if (factor < 1 || minimumIncrease < 1) {
            throw new IllegalArgumentException("a negotiation error spike needs a factor and a minimum increase of 1 "
                    + "or more, got " + factor + " and " + minimumIncrease);
        }
    }

    public boolean spiked(long before, long during) {
        return during >= before * factor && during - before >= minimumIncrease;
    }
}

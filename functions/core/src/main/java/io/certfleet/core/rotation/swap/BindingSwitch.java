package io.certfleet.core.rotation.swap;

import io.certfleet.core.discovery.BindingType;

/**
 * Changes which certificate one kind of binding serves. Every operation is idempotent: a retried swap never attaches
 * twice, never drops a listener's SNI certificates and never leaves a listener without a default; a retried restore
 * changes nothing more.
 */
public interface BindingSwitch {

    BindingType type();

    /** What the binding serves now. */
    ServedState read(SwapTarget target);

    /**
     * Makes the binding serve {@code replacementArn} where it served {@code target.certificateArn()}, and nothing
     * else different: a listener default keeps its SNI list, an SNI swap leaves the default and the other SNI
     * certificates as they were.
     *
     * @return what the binding serves afterwards, read back
     * @throws SwapException when the service refuses
     */
    ServedState swap(SwapTarget target, String replacementArn);

    /**
     * Undoes this binding's swap and only it: the old certificate where {@code replacementArn} was put (a listener
     * default, an SNI certificate, a distribution's or a domain's certificate), the SNI certificates {@code before}
     * lists still there, and whatever other bindings on the same resource changed meanwhile left alone.
     *
     * @return what the binding serves afterwards, read back
     */
    ServedState restore(SwapTarget target, String replacementArn, ServedState before);

    /**
     * Whether the service has finished applying the last change (a CloudFront distribution deploys for minutes);
     * a canary waits for it before judging.
     */
    default boolean settled(SwapTarget target) {
        return true;
    }
}

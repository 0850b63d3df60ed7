package io.certfleet.core.discovery;

import java.util.List;

/** Port: a service of one account and region whose endpoints serve certificates (ELBv2, ELB, CloudFront, ...). */
public interface EndpointSource {

    /** Short name for errors and API-call counts, e.g. {@code elbv2}. */
    String name();

    /** The kind of binding this source finds (and is responsible for marking removed). */
    BindingType type();

    /** Whether the service is global (CloudFront): its bindings belong to the account's global scope. */
    default boolean isGlobal() {
        return false;
    }

    /**
     * Every certificate binding of the service.
     *
     * @throws SourceException when the service cannot be read
     */
    List<DiscoveredBinding> listBindings();
}

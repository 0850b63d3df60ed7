package io.certfleet.core.conformance;

/** Whether, and by whom, a certificate is replaced before it expires. */
public enum Automation {
    /** ACM renews it in place at the same ARN (Amazon-issued or private CA); certfleet watches the wire. */
    ACM_RENEWAL(true),
    /** certfleet issues the replacement (ACM) and rotates it without asking, in waves proven by canaries. */
    CERTFLEET_ROTATES(true),
    /** certfleet issues and rotates once the owner or an approver approves. */
    CERTFLEET_ROTATES_AFTER_APPROVAL(true),
    /** certfleet rolls a replacement out, but a person must issue and import it (issuer {@code provided}). */
    OWNER_PROVIDES_REPLACEMENT(false),
    /** Nothing replaces it: its profile's rotation mode is off (owners are alerted, people rotate). */
    MANUAL(false);

    private final boolean automated;

    Automation(boolean automated) {
        this.automated = automated;
    }

    public boolean automated() {
        return automated;
    }
}

package io.certfleet.core.rotation;

import java.util.List;

/** Port: deletes a replaced certificate where it lives, unless something still uses it. */
public interface CertificateRetirer {

    /** What happened to one certificate. */
    enum Result { DELETED, ALREADY_GONE, IN_USE }

    /** The outcome, and for {@link Result#IN_USE} what uses it. */
    record Outcome(Result result, List<String> usedBy) {
        public Outcome {
            usedBy = List.copyOf(usedBy);
        }
    }

    Outcome retire(String certificateArn);
}

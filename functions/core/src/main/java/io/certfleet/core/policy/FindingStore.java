package io.certfleet.core.policy;

import io.certfleet.core.discovery.ScanScope;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Port: the policy findings of each account-region, with their first-seen and last-seen times; a finding that
 * goes away is marked resolved (and kept for a while), never simply deleted.
 */
public interface FindingStore {

    /** The findings of a scope that are open (not resolved). */
    List<StoredFinding> open(ScanScope scope);

    /** Records findings as seen at {@code at}: new ones open with {@code firstSeen = at}, others keep theirs. */
    void seen(List<PolicyFinding> findings, Instant at);

    /** Marks findings resolved at {@code at}. */
    void resolved(List<StoredFinding> findings, Instant at);

    /** Every finding of every scope, open and resolved (resolved ones until they expire). */
    List<FindingHistory> history();

    /**
     * The findings about one certificate and its bindings, open and resolved, filed in these scopes (the
     * certificate's location and its endpoints').
     */
    default List<FindingHistory> historyOf(String certificateArn, Set<ScanScope> scopes) {
        return history().stream().filter(history -> history.finding().certificateArn().equals(certificateArn)
                && scopes.contains(history.finding().scope())).toList();
    }
}

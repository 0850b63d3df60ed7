package io.certfleet.core.policy;

import io.certfleet.core.finding.Severity;
import java.util.Objects;
import java.util.Optional;

/**
 * Which findings to list: by owner, account, code, at least a severity, and open, resolved or both. Empty fields do
 * not filter.
 */
public record FindingQuery(Optional<String> owner, Optional<String> accountId, Optional<String> code,
                           Optional<Severity> atLeast, State state) {

    public enum State { OPEN, RESOLVED, ALL }

    public static final FindingQuery OPEN = new FindingQuery(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), State.OPEN);

    public FindingQuery {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(atLeast, "atLeast");
        Objects.requireNonNull(state, "state");
    }

    public boolean matches(FindingHistory history) {
        PolicyFinding finding = history.finding();
        return owner.map(o -> o.equals(finding.owner())).orElse(true)
                && accountId.map(a -> a.equals(finding.scope().accountId())).orElse(true)
                && code.map(c -> c.equals(finding.code().name())).orElse(true)
                && atLeast.map(s -> finding.severity().compareTo(s) >= 0).orElse(true)
                && switch (state) {
                    case OPEN -> history.open();
                    case RESOLVED -> !history.open();
                    case ALL -> true;
                };
    }
}

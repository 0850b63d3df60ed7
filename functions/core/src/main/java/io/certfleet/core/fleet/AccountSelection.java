package io.certfleet.core.fleet;

import java.util.List;

/** Which accounts a scan covers. */
public sealed interface AccountSelection {

    /** Only the account the scanner's credentials act in. */
    record Caller() implements AccountSelection {
    }

    /** Every ACTIVE account of the caller's AWS Organization. */
    record Organization() implements AccountSelection {
    }

    /** The listed accounts. */
    record Listed(List<String> accountIds) implements AccountSelection {
        public Listed {
            accountIds = List.copyOf(accountIds);
            if (accountIds.isEmpty()) {
                throw new IllegalArgumentException("name at least one account");
            }
        }
    }
}

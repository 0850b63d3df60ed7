package io.certfleet.core.fleet;

import java.util.List;

/** Port: where the accounts to scan come from. */
public interface AccountDirectory {

    /** The account the scanner's own credentials act in. */
    Account caller();

    /**
     * The ACTIVE accounts of the caller's AWS Organization, with their tags.
     *
     * @throws io.certfleet.core.discovery.SourceException when the organization cannot be read
     */
    List<Account> organizationAccounts();
}

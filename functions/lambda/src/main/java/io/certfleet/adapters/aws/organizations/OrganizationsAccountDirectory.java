package io.certfleet.adapters.aws.organizations;

import io.certfleet.adapters.aws.AwsFailures;
import io.certfleet.core.fleet.Account;
import io.certfleet.core.fleet.AccountDirectory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AccountStatus;
import software.amazon.awssdk.services.organizations.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;

/** Accounts from AWS Organizations ({@code ListAccounts}, ACTIVE only, with their tags) and STS for the caller. */
public final class OrganizationsAccountDirectory implements AccountDirectory {

    private final OrganizationsClient organizations;
    private final StsClient sts;

    public OrganizationsAccountDirectory(OrganizationsClient organizations, StsClient sts) {
        this.organizations = organizations;
        this.sts = sts;
    }

    @Override
    public Account caller() {
        try {
            String id = sts.getCallerIdentity().account();
            return new Account(id, id, Map.of());
        } catch (SdkException failure) {
            throw AwsFailures.translate(failure);
        }
    }

    @Override
    public List<Account> organizationAccounts() {
        try {
            return organizations.listAccountsPaginator().stream()
                    .flatMap(page -> page.accounts().stream())
                    .filter(account -> account.status() == AccountStatus.ACTIVE)
                    .map(account -> new Account(account.id(), account.name(), tags(account.id())))
                    .toList();
        } catch (SdkException failure) {
            throw AwsFailures.translate(failure);
        }
    }

    private Map<String, String> tags(String accountId) {
        Map<String, String> tags = new HashMap<>();
        organizations.listTagsForResourcePaginator(request -> request.resourceId(accountId)).stream()
                .flatMap(page -> page.tags().stream())
                .forEach((Tag tag) -> tags.put(tag.key(), tag.value()));
        return tags;
    }
}

package io.certfleet.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certfleet.core.discovery.FailureReason;
import io.certfleet.core.discovery.SourceException;
import io.certfleet.core.discovery.WorkItem;
import io.certfleet.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanScanTest {

    private static final Account CALLER = new Account("111111111111", "tooling", Map.of());
    private static final Account A = new Account("222222222222", "payments", Map.of("owner", "payments"));
    private static final Account B = new Account("333333333333", "web", Map.of());

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T06:00:00Z"));

    @Test
    void oneItemPerAccountAndRegionWithGlobalSourcesInUsEast1() {
        ScanPlan plan = planner(List.of(A, B)).plan(new AccountSelection.Organization(),
                List.of("eu-west-1", "us-east-1"));

        assertThat(plan.items()).extracting(item -> item.scope().toString()).containsExactly(
                "222222222222/eu-west-1", "222222222222/us-east-1", "333333333333/eu-west-1", "333333333333/us-east-1");
        assertThat(plan.items()).filteredOn(WorkItem::includesGlobalSources)
                .extracting(item -> item.scope().region()).containsOnly("us-east-1").hasSize(2);
        assertThat(plan.items().getFirst().accountTags()).containsEntry("owner", "payments");
        assertThat(plan.scanId()).startsWith("20261127T060000Z-");
        assertThat(plan.items()).extracting(WorkItem::scanId).containsOnly(plan.scanId());
    }

    @Test
    void withoutUsEast1TheFirstRegionCarriesTheGlobalSources() {
        ScanPlan plan = planner(List.of()).plan(new AccountSelection.Caller(), List.of("eu-west-1", "ap-south-1"));

        assertThat(plan.items()).extracting(i -> i.scope().region() + ":" + i.includesGlobalSources())
                .containsExactly("eu-west-1:true", "ap-south-1:false");
        assertThat(plan.accounts()).containsExactly(CALLER);
    }

    @Test
    void listedAccountsTakeNamesAndTagsFromTheOrganizationWhenTheyCan() {
        ScanPlan plan = planner(List.of(A)).plan(new AccountSelection.Listed(List.of("222222222222", "444444444444",
                "222222222222")), List.of("us-east-1"));

        assertThat(plan.accounts()).extracting(Account::id).containsExactly("222222222222", "444444444444");
        assertThat(plan.accounts().getFirst().tags()).containsEntry("owner", "payments");
        assertThat(plan.accounts().getLast().tags()).isEmpty();
    }

    @Test
    void listedAccountsWorkWithoutOrganizationsAccess() {
        AccountDirectory denied = new AccountDirectory() {
            @Override
            public Account caller() {
                return CALLER;
            }

            @Override
            public List<Account> organizationAccounts() {
                throw new SourceException(FailureReason.ACCESS_DENIED, "organizations:ListAccounts", "denied", null);
            }
        };
        ScanPlan plan = new PlanScan(denied, clock).plan(new AccountSelection.Listed(List.of("444444444444")),
                List.of("us-east-1"));

        assertThat(plan.items()).hasSize(1);
    }

    @Test
    void badRegionsAndAccountsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> planner(List.of()).plan(new AccountSelection.Caller(), List.of("mars-1")))
                .hasMessage("'mars-1' is not an AWS region name such as eu-west-1");
        assertThatThrownBy(() -> planner(List.of()).plan(new AccountSelection.Caller(), List.of()))
                .hasMessage("name at least one region");
        assertThatThrownBy(() -> planner(List.of()).plan(new AccountSelection.Listed(List.of("12")), List.of("us-east-1")))
                .hasMessage("an AWS account id has 12 digits, got '12'");
    }

    private PlanScan planner(List<Account> organization) {
        return new PlanScan(new AccountDirectory() {
            @Override
            public Account caller() {
                return CALLER;
            }

            @Override
            public List<Account> organizationAccounts() {
                return organization;
            }
        }, clock);
    }
}

package io.certfleet.core.fleet;

import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.discovery.WorkItem;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Use case: the work items of a fleet scan, one per account and region. Each account's global services (IAM,
 * CloudFront) are scanned once, by its item in the home region: us-east-1 when it is scanned, else the first region.
 */
public final class PlanScan {

    static final String HOME_REGION = "us-east-1";
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final DateTimeFormatter SCAN_ID_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final AccountDirectory directory;
    private final Clock clock;

    public PlanScan(AccountDirectory directory, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ScanPlan plan(AccountSelection selection, List<String> regions) {
        List<String> distinctRegions = validRegions(regions);
        List<Account> accounts = accounts(selection);
        Instant plannedAt = clock.instant();
        String scanId = SCAN_ID_TIME.format(plannedAt) + "-" + UUID.randomUUID().toString().substring(0, 8);
        String home = distinctRegions.contains(HOME_REGION) ? HOME_REGION : distinctRegions.getFirst();
        List<WorkItem> items = new ArrayList<>();
        for (Account account : accounts) {
            for (String region : distinctRegions) {
                items.add(new WorkItem(scanId, new ScanScope(account.id(), region), region.equals(home),
                        account.tags()));
            }
        }
        return new ScanPlan(scanId, plannedAt, accounts, distinctRegions, items);
    }

    private List<Account> accounts(AccountSelection selection) {
        return switch (selection) {
            case AccountSelection.Caller caller -> List.of(directory.caller());
            case AccountSelection.Organization organization -> directory.organizationAccounts();
            case AccountSelection.Listed listed -> listedAccounts(listed.accountIds());
        };
    }

    /** Listed accounts, with their names and tags when they are accounts of the caller's organization. */
    private List<Account> listedAccounts(List<String> ids) {
        Map<String, Account> known = knownOrganizationAccounts();
        return new LinkedHashSet<>(ids).stream()
                .map(id -> known.getOrDefault(id, new Account(id, id, Map.of())))
                .toList();
    }

    private Map<String, Account> knownOrganizationAccounts() {
        try {
            return directory.organizationAccounts().stream()
                    .collect(Collectors.toMap(Account::id, Function.identity()));
        } catch (RuntimeException notInAnOrganizationOrNotAllowed) {
            return Map.of(); // listed accounts then carry no tags: ownership falls back past the account rule
        }
    }

    /** The distinct regions, in order; fails on an empty list or a name that is not an AWS region's. */
    public static List<String> validRegions(List<String> regions) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(regions));
        if (distinct.isEmpty()) {
            throw new IllegalArgumentException("name at least one region");
        }
        for (String region : distinct) {
            if (!REGION.matcher(region).matches()) {
                throw new IllegalArgumentException("'" + region + "' is not an AWS region name such as eu-west-1");
            }
        }
        return distinct;
    }
}

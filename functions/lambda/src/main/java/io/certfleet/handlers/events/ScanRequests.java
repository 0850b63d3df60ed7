package io.certfleet.handlers.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.discovery.WorkItem;
import io.certfleet.core.fleet.AccountSelection;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The inputs of the scan workflow's steps: what to plan (a schedule tick or a manual start), one work item, a
 * scan to summarize. Each bad input gets a specific reason.
 */
public final class ScanRequests {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern SCAN_ID = Pattern.compile("[A-Za-z0-9:_.-]{1,100}");

    private ScanRequests() {
    }

    /** What the planner is asked to plan; absent fields fall back to the deployment's settings. */
    public record PlanRequest(AccountSelection accounts, List<String> regions) {
    }

    /**
     * An EventBridge Scheduled Event (plan with the deployment's settings) or a manual start:
     * {@code {"accounts": "organization" | "caller" | ["111122223333", ...], "regions": ["eu-west-1", ...]}}.
     */
    public static PlanRequest readPlanRequest(InputStream input, String defaultAccounts, List<String> defaultRegions) {
        JsonNode request = EventJson.readObject(input);
        if (request.has("detail-type")) {
            EventJson.readScheduledEvent(request);
            return new PlanRequest(accounts(defaultAccounts), defaultRegions);
        }
        AccountSelection accounts;
        try {
            accounts = request.has("accounts") ? accounts(request.get("accounts")) : accounts(defaultAccounts);
        } catch (InvalidEventException e) {
            throw e.getMessage().startsWith("'accounts'") ? e
                    : new InvalidEventException("'accounts': " + e.getMessage());
        }
        List<String> regions = request.has("regions") ? texts(request, "regions") : defaultRegions;
        return new PlanRequest(accounts, regions);
    }

    /** One work item, as the planner emitted it. */
    public static WorkItem readWorkItem(InputStream input) {
        JsonNode item = EventJson.readObject(input);
        String accountId = text(item, "accountId");
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            throw new InvalidEventException("work item 'accountId' must be a 12-digit account id, got '"
                    + accountId + "'");
        }
        Map<String, String> tags = new HashMap<>();
        JsonNode accountTags = item.path("accountTags");
        if (!accountTags.isMissingNode() && !accountTags.isNull()) {
            if (!accountTags.isObject()) {
                throw new InvalidEventException("work item 'accountTags' must be an object of strings");
            }
            accountTags.fields().forEachRemaining(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
        }
        JsonNode global = item.get("includesGlobalSources");
        if (global == null || !global.isBoolean()) {
            throw new InvalidEventException("work item needs 'includesGlobalSources': true or false");
        }
        return new WorkItem(scanId(item), new ScanScope(accountId, text(item, "region")), global.asBoolean(), tags);
    }

    /** The planner's output form of a work item (flat, small: the Map state passes it to a worker). */
    public static Map<String, Object> workItemJson(WorkItem item) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scanId", item.scanId());
        json.put("accountId", item.scope().accountId());
        json.put("region", item.scope().region());
        json.put("includesGlobalSources", item.includesGlobalSources());
        json.put("accountTags", item.accountTags());
        return json;
    }

    /** {@code {"scanId": "..."}}. */
    public static String readScanId(InputStream input) {
        return scanId(EventJson.readObject(input));
    }

    private static String scanId(JsonNode node) {
        String scanId = text(node, "scanId");
        if (!SCAN_ID.matcher(scanId).matches()) {
            throw new InvalidEventException("'scanId' must be 1-100 letters, digits or :_.- , got '" + scanId + "'");
        }
        return scanId;
    }

    private static AccountSelection accounts(JsonNode accounts) {
        if (accounts.isTextual()) {
            return accounts(accounts.asText());
        }
        if (accounts.isArray()) {
            List<String> ids = new ArrayList<>();
            accounts.forEach(id -> ids.add(accountId(id.asText())));
            if (ids.isEmpty()) {
                throw new InvalidEventException("'accounts' names no account");
            }
            return new AccountSelection.Listed(ids);
        }
        throw new InvalidEventException("'accounts' must be \"organization\", \"caller\" or a list of account ids");
    }

    /** {@code organization}, {@code caller}, or comma-separated account ids. */
    public static AccountSelection accounts(String accounts) {
        return switch (accounts.strip()) {
            case "organization" -> new AccountSelection.Organization();
            case "caller", "" -> new AccountSelection.Caller();
            default -> new AccountSelection.Listed(Arrays.stream(accounts.split(","))
                    .map(String::strip).map(ScanRequests::accountId).toList());
        };
    }

    private static String accountId(String id) {
        if (!ACCOUNT_ID.matcher(id).matches()) {
            throw new InvalidEventException("'" + id + "' is not a 12-digit AWS account id");
        }
        return id;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidEventException("request needs a non-empty string '" + field + "'");
        }
        return value.asText();
    }

    private static List<String> texts(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            throw new InvalidEventException("'" + field + "' must be a list of strings");
        }
        List<String> texts = new ArrayList<>();
        value.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}

package io.certfleet.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certfleet.core.discovery.WorkItem;
import io.certfleet.core.fleet.AccountSelection;
import io.certfleet.handlers.events.InvalidEventException;
import io.certfleet.handlers.events.ScanRequests;
import io.certfleet.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScanRequestsTest {

    @Test
    void aScheduleTickPlansWithTheDeploymentsSettings() {
        ScanRequests.PlanRequest request = ScanRequests.readPlanRequest(
                SampleEvents.open("scan-planner-scheduled-event.json"), "organization", List.of("eu-west-1"));

        assertThat(request.accounts()).isEqualTo(new AccountSelection.Organization());
        assertThat(request.regions()).containsExactly("eu-west-1");
    }

    @Test
    void aManualStartNamesAccountsAndRegions() {
        ScanRequests.PlanRequest request = ScanRequests.readPlanRequest(
                SampleEvents.open("scan-planner-manual-start.json"), "organization", List.of("eu-west-1"));

        assertThat(request.accounts()).isEqualTo(new AccountSelection.Listed(List.of("123456789012")));
        assertThat(request.regions()).containsExactly("us-east-1", "eu-west-1");
    }

    @Test
    void theSampleWorkItemReadsBack() {
        WorkItem item = ScanRequests.readWorkItem(SampleEvents.open("scan-worker-item.json"));

        assertThat(item.scope().toString()).isEqualTo("123456789012/us-east-1");
        assertThat(item.includesGlobalSources()).isTrue();
        assertThat(item.accountTags()).containsEntry("owner", "platform-team");
        assertThat(ScanRequests.workItemJson(item)).containsEntry("accountId", "123456789012")
                .containsEntry("includesGlobalSources", true);
        assertThat(ScanRequests.readScanId(SampleEvents.open("scan-summary-request.json")))
                .isEqualTo("20261127T060000Z-5f3c9a1b");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"accounts\": 42}|'accounts' must be \"organization\", \"caller\" or a list of account ids",
            "{\"accounts\": []}|'accounts' names no account",
            "{\"accounts\": [\"12\"]}|'accounts': '12' is not a 12-digit AWS account id",
            "{\"regions\": \"us-east-1\"}|'regions' must be a list of strings"})
    void badPlanRequests(String json, String reason) {
        assertThatThrownBy(() -> ScanRequests.readPlanRequest(stream(json), "caller", List.of("us-east-1")))
                .isInstanceOf(InvalidEventException.class).hasMessage(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"scanId\": \"s1\", \"accountId\": \"1\", \"region\": \"us-east-1\", \"includesGlobalSources\": true}"
                    + "|work item 'accountId' must be a 12-digit account id, got '1'",
            "{\"scanId\": \"s1\", \"accountId\": \"123456789012\", \"region\": \"us-east-1\"}"
                    + "|work item needs 'includesGlobalSources': true or false",
            "{\"accountId\": \"123456789012\", \"region\": \"us-east-1\", \"includesGlobalSources\": true}"
                    + "|request needs a non-empty string 'scanId'",
            "{\"scanId\": \"a b\", \"accountId\": \"123456789012\", \"region\": \"r\", \"includesGlobalSources\": true}"
                    + "|'scanId' must be 1-100 letters, digits or :_.- , got 'a b'"})
    void badWorkItems(String json, String reason) {
        assertThatThrownBy(() -> ScanRequests.readWorkItem(stream(json)))
                .isInstanceOf(InvalidEventException.class).hasMessage(reason);
    }

    private static InputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}

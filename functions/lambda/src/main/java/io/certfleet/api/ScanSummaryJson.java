package io.certfleet.api;

import io.certfleet.core.discovery.ScanError;
import io.certfleet.core.fleet.FleetScanResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** The published JSON form of a fleet scan's outcome (CLI {@code scan --json}, the scan summary of a scheduled run). */
public final class ScanSummaryJson {

    private ScanSummaryJson() {
    }

    public static Map<String, Object> of(FleetScanResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scanId", result.scanId());
        json.put("accountsPlanned", result.accountsPlanned());
        json.put("accountRegionsPlanned", result.accountRegionsPlanned());
        json.put("accountRegionsScanned", result.accountRegionsScanned());
        json.put("coverage", Math.round(result.coverage() * 10_000) / 10_000.0);
        json.put("certificates", result.certificates());
        json.put("certificatesAdded", result.certificatesAdded());
        json.put("certificatesUnchanged", result.certificatesUnchanged());
        json.put("certificatesRemoved", result.certificatesRemoved());
        json.put("malformed", result.malformed());
        json.put("bindings", result.bindings());
        json.put("bindingsRemoved", result.bindingsRemoved());
        json.put("errors", result.errors().stream().map(ScanSummaryJson::error).toList());
        json.put("apiCalls", result.apiCalls());
        json.put("apiRetries", result.apiRetries());
        json.put("apiCallsTotal", result.totalApiCalls());
        json.put("apiRetriesTotal", result.totalApiRetries());
        json.put("durationMs", result.durationMs());
        return json;
    }

    static Map<String, Object> error(ScanError error) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("accountId", error.accountId());
        json.put("region", error.region());
        json.put("source", error.source());
        json.put("operation", error.operation());
        json.put("reason", error.reason().name());
        json.put("message", error.message());
        return json;
    }
}

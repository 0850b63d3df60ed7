package io.certfleet.core.discovery;

/** Port: opens the sources of a work item (assuming the account's scanner role where needed). */
public interface SourceFactory {

    /** @throws SourceException when the account cannot be entered (e.g. the role cannot be assumed) */
    ScanSources open(WorkItem item);
}

package io.certfleet.cli;

/** certfleet's exit codes, the same for every command. */
public final class ExitCode {
    /** Done, nothing to report. */
    public static final int OK = 0;
    /** Done, and something needs attention (findings). */
    public static final int FINDINGS = 1;
    /** Bad command line: unknown command or option, missing or malformed value. */
    public static final int USAGE = 2;
    /** Could not do the job: AWS or the emulator unreachable, access denied, unexpected error. */
    public static final int FAILURE = 3;

    private ExitCode() {
    }
}

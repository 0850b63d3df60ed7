package io.certfleet.api;

import io.certfleet.core.compliance.ExportSpill;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An export's bytes: kept in memory while they fit in one response ({@code inlineLimit}); beyond, streamed to the
 * {@link ExportSpill} part by part, so memory never holds more than one part whatever the export's size.
 */
final class SpillingOutput extends OutputStream {

    /** The export outgrew one response and there is nowhere to spill it. */
    static final class TooLargeException extends RuntimeException {
        TooLargeException(long limit) {
            super("the export is larger than one response (" + limit + " bytes) and this API has no export bucket: "
                    + "narrow the filters, or deploy it with one");
        }
    }

    private final long inlineLimit;
    private final Optional<ExportSpill> spill;
    private final String name;
    private final String contentType;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private ExportSpill.Upload upload;
    private long total;

    SpillingOutput(long inlineLimit, Optional<ExportSpill> spill, String name, String contentType) {
        this.inlineLimit = inlineLimit;
        this.spill = Objects.requireNonNull(spill, "spill");
        this.name = name;
        this.contentType = contentType;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        buffer.write(bytes, offset, length);
        total += length;
        if (upload == null && buffer.size() > inlineLimit) {
            upload = spill.orElseThrow(() -> new TooLargeException(inlineLimit)).start(name, contentType);
        }
        if (upload != null && buffer.size() >= ExportSpill.PART_BYTES) {
            upload.write(buffer.toByteArray(), buffer.size());
            buffer.reset();
        }
    }

    long bytes() {
        return total;
    }

    boolean spilled() {
        return upload != null;
    }

    /** The whole export, when it stayed in memory. */
    byte[] inline() {
        if (upload != null) {
            throw new IllegalStateException("the export was spilled");
        }
        return buffer.toByteArray();
    }

    /** Writes the last part and completes the spilled object. */
    URI finish(Duration validity) {
        if (buffer.size() > 0) {
            upload.write(buffer.toByteArray(), buffer.size());
            buffer.reset();
        }
        return upload.finish(validity);
    }

    /** A failed export leaves nothing behind. */
    void abort() {
        if (upload != null) {
            upload.abort();
        }
    }
}

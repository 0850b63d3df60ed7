package io.certfleet.core.compliance;

import java.net.URI;
import java.time.Duration;

/**
 * Port: where an export larger than one response goes (in AWS: an encrypted S3 bucket): written part by part as
 * the rows stream, then fetched by the caller at a short-lived URL.
 */
public interface ExportSpill {

    /** A new object for one export; {@code contentType} as the download will declare it. */
    Upload start(String name, String contentType);

    /** One export being written. */
    interface Upload {

        /** The next part, in order (every part but the last at least {@link ExportSpill#PART_BYTES}). */
        void write(byte[] part, int length);

        /** Completes the object; the URL lets anyone holding it read the object for {@code validity}. */
        URI finish(Duration validity);

        /** Gives up (a failed export): nothing is left behind. */
        void abort();
    }

    /** S3's smallest part but the last. */
    int PART_BYTES = 5 * 1024 * 1024;
}

package io.certfleet.adapters.aws.s3;

import io.certfleet.core.compliance.ExportSpill;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Exports larger than a response, in an S3 bucket: one multipart upload per export ({@code exports/<day>/<uuid>}),
 * parts written as the rows stream, completed, then a presigned GET URL. The bucket expires objects after a day
 * (the CDK stack's lifecycle rule) and encrypts them at rest; a failed export aborts its upload.
 */
public final class S3ExportSpill implements ExportSpill {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final S3Client s3;
    private final Supplier<S3Presigner> presigner;
    private final String bucket;
    private final Clock clock;

    public S3ExportSpill(S3Client s3, Supplier<S3Presigner> presigner, String bucket, Clock clock) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.clock = clock;
    }

    @Override
    public Upload start(String name, String contentType) {
        String key = "exports/" + DAY.format(clock.instant()) + "/" + UUID.randomUUID() + "-" + name;
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(key)
                .contentType(contentType).contentDisposition("attachment; filename=\"" + name + "\"")).uploadId();
        return new Upload() {
            private final List<CompletedPart> parts = new ArrayList<>();

            @Override
            public void write(byte[] part, int length) {
                int number = parts.size() + 1;
                String etag = s3.uploadPart(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                        .partNumber(number).contentLength((long) length), RequestBody.fromBytes(length == part.length
                        ? part : java.util.Arrays.copyOf(part, length))).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }

            @Override
            public URI finish(Duration validity) {
                s3.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(upload -> upload.parts(parts)));
                try (S3Presigner signer = presigner.get()) {
                    return URI.create(signer.presignGetObject(request -> request.signatureDuration(validity)
                            .getObjectRequest(get -> get.bucket(bucket).key(key))).url().toString());
                }
            }

            @Override
            public void abort() {
                s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
            }
        };
    }
}

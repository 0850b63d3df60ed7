package io.certfleet.cli;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.local.LocalApiServer;
import io.certfleet.wiring.ApiOptions;
import io.certfleet.wiring.Wiring;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "api", mixinStandardHelpOptions = true, description = "The inventory API.",
        subcommands = ApiCommand.ServeCommand.class)
final class ApiCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Serves the inventory API (the deployed handler, by its OpenAPI document) on 127.0.0.1 "
                    + "until stopped, over the table the environment's AWS credentials can read.")
    static final class ServeCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        InventoryOptions inventory;

        @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
                description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
        int port;

        @Option(names = "--export-bucket", paramLabel = "BUCKET",
                description = "S3 bucket for exports larger than one response (4 MiB): written there, answered 303 "
                        + "with a presigned URL. Without it such an export is a 413.")
        String exportBucket;

        @Override
        public Integer call() throws Exception {
            if (port < 0 || port > 65_535) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--port is from 0 to 65535");
            }
            try (AwsClients aws = AwsClients.fromEnvironment()) {
                Wiring wiring = inventory.readingWiring(aws);
                byte[] key = new byte[32]; // this process's cursors only: they do not outlive it
                new SecureRandom().nextBytes(key);
                ApiOptions options = exportBucket == null ? ApiOptions.withKey(key)
                        : ApiOptions.withKey(key).withExportBucket(exportBucket, ApiOptions.DEFAULT_INLINE_EXPORT_BYTES);
                try (LocalApiServer server = LocalApiServer.start(wiring, options, port)) {
                    spec.commandLine().getOut().printf("certfleet inventory API on http://127.0.0.1:%d (table %s);"
                            + " try: curl 'http://127.0.0.1:%d/certificates?limit=5'%n", server.port(),
                            inventory.table, server.port());
                    spec.commandLine().getOut().flush();
                    new CountDownLatch(1).await(); // until the process is stopped
                }
            }
            return ExitCode.OK;
        }
    }
}

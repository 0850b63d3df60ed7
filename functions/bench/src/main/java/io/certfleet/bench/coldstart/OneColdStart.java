package io.certfleet.bench.coldstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.certfleet.wiring.Wiring;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cold start in this fresh JVM, as Lambda does it: load the handler class and construct it (certfleet's through
 * {@code Wiring.forLambda()}), optionally run the SnapStart priming hook (what a snapshot would hold), then the first
 * invocation with a sample event. Prints one line: {@code handler init-ms priming-ms first-invoke-ms classes ok
 * jvm-start-to-constructed-ms}.
 * Runs with the deployed jar (and this class) on the class path.
 */
public final class OneColdStart {

    private OneColdStart() {
    }

    public static void main(String[] args) throws Exception {
        String handlerClass = args[0];
        byte[] event = Files.readString(Path.of(args[1]))
                .replace("20261127T060000Z-5f3c9a1b", System.getenv().getOrDefault("CERTFLEET_BENCH_SCAN_ID",
                        "20261127T060000Z-5f3c9a1b")).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        boolean prime = Boolean.parseBoolean(args[2]);

        long started = System.nanoTime();
        Class<?> type = Class.forName(handlerClass);
        RequestStreamHandler handler;
        Wiring wiring = null;
        if (type.getPackageName().equals("io.certfleet.handlers")) {
            wiring = Wiring.forLambda();
            Constructor<?> constructor = type.getDeclaredConstructor(Wiring.class);
            constructor.setAccessible(true);
            handler = (RequestStreamHandler) constructor.newInstance(wiring);
        } else {
            handler = (RequestStreamHandler) type.getDeclaredConstructor().newInstance();
        }
        long initialized = System.nanoTime();
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        if (prime && wiring != null) {
            wiring.priming().orElseThrow().prime();
        }
        long primed = System.nanoTime();
        boolean ok = true;
        try {
            handler.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), new QuietContext());
        } catch (RuntimeException failed) {
            ok = false;
            System.err.println(handlerClass + ": " + failed);
        }
        long invoked = System.nanoTime();
        System.out.printf("%s %.1f %.1f %.1f %d %s %d%n", handlerClass, (initialized - started) / 1e6,
                (primed - initialized) / 1e6, (invoked - primed) / 1e6,
                ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount(), ok, sinceJvmStart);
    }

    /** Lambda's context, logging nowhere (the benchmark measures, it does not log). */
    private static final class QuietContext implements Context {
        public String getAwsRequestId() { return "cold-start"; }
        public String getLogGroupName() { return "cold-start"; }
        public String getLogStreamName() { return "cold-start"; }
        public String getFunctionName() { return "cold-start"; }
        public String getFunctionVersion() { return "1"; }
        public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:cold-start"; }
        public CognitoIdentity getIdentity() { return null; }
        public ClientContext getClientContext() { return null; }
        public int getRemainingTimeInMillis() { return 300_000; }
        public int getMemoryLimitInMB() { return 1024; }
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                public void log(String message) { }
                public void log(byte[] message) { }
            };
        }
    }
}

package io.certfleet.local;

import io.certfleet.adapters.aws.AwsClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Subnet ids of an emulator's default VPC, through one SigV4-signed EC2 {@code DescribeSubnets} query. The demo
 * fleet's load balancers need two; the EC2 SDK module (24 MB) would otherwise sit in the Lambda jar for this alone.
 */
final class EmulatorSubnets {

    private static final Pattern SUBNET_ID = Pattern.compile("<subnetId>(subnet-[0-9a-zA-Z]+)</subnetId>");
    private static final String BODY = "Action=DescribeSubnets&Version=2016-11-15";

    private EmulatorSubnets() {
    }

    static List<String> of(AwsClients clients) {
        URI endpoint = clients.settings().endpoint()
                .orElseThrow(() -> new IllegalStateException("the fleet seeder works on an emulator only"));
        AwsCredentialsIdentity credentials = clients.settings().credentials().resolveIdentity().join();
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials)
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String(BODY))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ec2")
                .putProperty(AwsV4HttpSigner.REGION_NAME, clients.settings().region().id()));
        HttpRequest.Builder http = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(BODY));
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> http.header(name, value));
            }
        });
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(http.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("DescribeSubnets answered HTTP " + response.statusCode() + ": "
                        + response.body());
            }
            List<String> subnets = new ArrayList<>();
            Matcher matcher = SUBNET_ID.matcher(response.body());
            while (matcher.find()) {
                subnets.add(matcher.group(1));
            }
            return subnets;
        } catch (IOException e) {
            throw new IllegalStateException("DescribeSubnets failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

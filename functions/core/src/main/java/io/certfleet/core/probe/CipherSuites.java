package io.certfleet.core.probe;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cipher suites certfleet offers when it enumerates what a server accepts: every suite in common deployment,
 * strong and weak (static RSA, CBC, 3DES, RC4, NULL, export, anonymous), by IANA code and name. A suite is usable
 * from the TLS version that introduced it: TLS 1.3 suites only with TLS 1.3, GCM/SHA-256 suites from TLS 1.2.
 */
public final class CipherSuites {

    /** One suite: IANA code, IANA name, the first TLS version that allows it. */
    public record Suite(int code, String name, TlsVersion since) {
        public boolean usableWith(TlsVersion version) {
            return since == TlsVersion.TLS_1_3 ? version == TlsVersion.TLS_1_3
                    : version != TlsVersion.TLS_1_3 && version.compareTo(since) >= 0;
        }
    }

    public static final List<Suite> ALL = List.of(
            suite(0x1301, "TLS_AES_128_GCM_SHA256", TlsVersion.TLS_1_3),
            suite(0x1302, "TLS_AES_256_GCM_SHA384", TlsVersion.TLS_1_3),
            suite(0x1303, "TLS_CHACHA20_POLY1305_SHA256", TlsVersion.TLS_1_3),
            suite(0x1304, "TLS_AES_128_CCM_SHA256", TlsVersion.TLS_1_3),
            suite(0x1305, "TLS_AES_128_CCM_8_SHA256", TlsVersion.TLS_1_3),
            suite(0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", TlsVersion.TLS_1_2),
            suite(0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", TlsVersion.TLS_1_2),
            suite(0xCCA9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", TlsVersion.TLS_1_2),
            suite(0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", TlsVersion.TLS_1_2),
            suite(0xC030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", TlsVersion.TLS_1_2),
            suite(0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", TlsVersion.TLS_1_2),
            suite(0x009E, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", TlsVersion.TLS_1_2),
            suite(0x009F, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", TlsVersion.TLS_1_2),
            suite(0xCCAA, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", TlsVersion.TLS_1_2),
            suite(0x00A2, "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256", TlsVersion.TLS_1_2),
            suite(0x009C, "TLS_RSA_WITH_AES_128_GCM_SHA256", TlsVersion.TLS_1_2),
            suite(0x009D, "TLS_RSA_WITH_AES_256_GCM_SHA384", TlsVersion.TLS_1_2),
            suite(0xC0AC, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM", TlsVersion.TLS_1_2),
            suite(0xC0AD, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM", TlsVersion.TLS_1_2),
            suite(0xC0AE, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", TlsVersion.TLS_1_2),
            suite(0xC0AF, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8", TlsVersion.TLS_1_2),
            suite(0xC09C, "TLS_RSA_WITH_AES_128_CCM", TlsVersion.TLS_1_2),
            suite(0xC09D, "TLS_RSA_WITH_AES_256_CCM", TlsVersion.TLS_1_2),
            suite(0xC09E, "TLS_DHE_RSA_WITH_AES_128_CCM", TlsVersion.TLS_1_2),
            suite(0xC09F, "TLS_DHE_RSA_WITH_AES_256_CCM", TlsVersion.TLS_1_2),
            suite(0xC023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", TlsVersion.TLS_1_2),
            suite(0xC024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", TlsVersion.TLS_1_2),
            suite(0xC027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", TlsVersion.TLS_1_2),
            suite(0xC028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", TlsVersion.TLS_1_2),
            suite(0xC076, "TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256", TlsVersion.TLS_1_2),
            suite(0xC077, "TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384", TlsVersion.TLS_1_2),
            suite(0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", TlsVersion.TLS_1_2),
            suite(0x006B, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", TlsVersion.TLS_1_2),
            suite(0x003C, "TLS_RSA_WITH_AES_128_CBC_SHA256", TlsVersion.TLS_1_2),
            suite(0x003D, "TLS_RSA_WITH_AES_256_CBC_SHA256", TlsVersion.TLS_1_2),
            suite(0x003B, "TLS_RSA_WITH_NULL_SHA256", TlsVersion.TLS_1_2),
            suite(0xC009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0xC00A, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0xC014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0xC008, "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0xC012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0xC007, "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", TlsVersion.TLS_1_0),
            suite(0xC011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA", TlsVersion.TLS_1_0),
            suite(0xC006, "TLS_ECDHE_ECDSA_WITH_NULL_SHA", TlsVersion.TLS_1_0),
            suite(0xC010, "TLS_ECDHE_RSA_WITH_NULL_SHA", TlsVersion.TLS_1_0),
            suite(0xC004, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0xC005, "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0xC00E, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0xC00F, "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0xC018, "TLS_ECDH_anon_WITH_AES_128_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0xC019, "TLS_ECDH_anon_WITH_AES_256_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0x0045, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0x0088, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0x009A, "TLS_DHE_RSA_WITH_SEED_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0x0015, "TLS_DHE_RSA_WITH_DES_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0x0014, "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0x0032, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0x0038, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0x0013, "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0x0041, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0x0084, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0x0096, "TLS_RSA_WITH_SEED_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0x0007, "TLS_RSA_WITH_IDEA_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0x000A, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0x0009, "TLS_RSA_WITH_DES_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0x0005, "TLS_RSA_WITH_RC4_128_SHA", TlsVersion.TLS_1_0),
            suite(0x0004, "TLS_RSA_WITH_RC4_128_MD5", TlsVersion.TLS_1_0),
            suite(0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5", TlsVersion.TLS_1_0),
            suite(0x0008, "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0x0002, "TLS_RSA_WITH_NULL_SHA", TlsVersion.TLS_1_0),
            suite(0x0001, "TLS_RSA_WITH_NULL_MD5", TlsVersion.TLS_1_0),
            suite(0x0034, "TLS_DH_anon_WITH_AES_128_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0x003A, "TLS_DH_anon_WITH_AES_256_CBC_SHA", TlsVersion.TLS_1_0),
            suite(0x0018, "TLS_DH_anon_WITH_RC4_128_MD5", TlsVersion.TLS_1_0),
            suite(0x001B, "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA", TlsVersion.TLS_1_0));

    private static final Map<Integer, Suite> BY_CODE = new LinkedHashMap<>();
    private static final Map<String, Suite> BY_NAME = new LinkedHashMap<>();

    static {
        for (Suite suite : ALL) {
            BY_CODE.put(suite.code(), suite);
            BY_NAME.put(suite.name(), suite);
        }
    }

    private CipherSuites() {
    }

    private static Suite suite(int code, String name, TlsVersion since) {
        return new Suite(code, name, since);
    }

    /** The IANA name of a code, or {@code 0xC02B} for a suite certfleet does not know. */
    /** OpenSSL's names (ELB DescribeSSLPolicies speaks them) for the suites AWS services offer, to IANA names. */
    private static final Map<String, String> OPENSSL_NAMES = Map.ofEntries(
            Map.entry("ECDHE-ECDSA-AES128-GCM-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("ECDHE-RSA-AES128-GCM-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("ECDHE-ECDSA-AES128-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"),
            Map.entry("ECDHE-RSA-AES128-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry("ECDHE-ECDSA-AES128-SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"),
            Map.entry("ECDHE-RSA-AES128-SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry("ECDHE-ECDSA-AES256-GCM-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("ECDHE-RSA-AES256-GCM-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("ECDHE-ECDSA-AES256-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"),
            Map.entry("ECDHE-RSA-AES256-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"),
            Map.entry("ECDHE-RSA-AES256-SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry("ECDHE-ECDSA-AES256-SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"),
            Map.entry("ECDHE-ECDSA-CHACHA20-POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry("ECDHE-RSA-CHACHA20-POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry("AES128-GCM-SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("AES128-SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry("AES128-SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry("AES256-GCM-SHA384", "TLS_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("AES256-SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA256"),
            Map.entry("AES256-SHA", "TLS_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry("DES-CBC3-SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA"));

    /**
     * The IANA name of a suite named the OpenSSL way ({@code ECDHE-RSA-AES128-GCM-SHA256}); an IANA name (TLS 1.3
     * suites are named alike by both) is returned as it is; empty when neither.
     */
    public static Optional<String> ianaNameOf(String openSslOrIanaName) {
        if (byName(openSslOrIanaName).isPresent()) {
            return Optional.of(openSslOrIanaName);
        }
        return Optional.ofNullable(OPENSSL_NAMES.get(openSslOrIanaName));
    }

    public static String nameOf(int code) {
        Suite suite = BY_CODE.get(code);
        return suite != null ? suite.name() : String.format("0x%04X", code);
    }

    public static Optional<Suite> byName(String ianaName) {
        return Optional.ofNullable(BY_NAME.get(ianaName));
    }

    /** The known suites usable with a version, in {@link #ALL}'s order. */
    public static List<Suite> usableWith(TlsVersion version) {
        return ALL.stream().filter(suite -> suite.usableWith(version)).toList();
    }

    /** The names among {@code names} that are not IANA names certfleet knows. */
    public static List<String> unknown(Collection<String> names) {
        return names.stream().filter(name -> !BY_NAME.containsKey(name)).toList();
    }
}

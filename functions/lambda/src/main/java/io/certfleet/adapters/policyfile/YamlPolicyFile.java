package io.certfleet.adapters.policyfile;

import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.policy.ExpiryThresholds;
import io.certfleet.core.policy.InvalidPolicyException;
import io.certfleet.core.policy.PolicySet;
import io.certfleet.core.policy.SecurityPolicies;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.policy.rotation.ChangeCalendar;
import io.certfleet.core.policy.rotation.ChangeWindow;
import io.certfleet.core.policy.rotation.Freeze;
import io.certfleet.core.policy.rotation.IssuerChoice;
import io.certfleet.core.policy.rotation.NegotiationSpike;
import io.certfleet.core.policy.rotation.RotationMode;
import io.certfleet.core.policy.rotation.RotationSettings;
import io.certfleet.core.policy.rotation.WaveSize;
import io.certfleet.core.probe.CipherSuites;
import io.certfleet.core.probe.TlsVersion;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a certfleet policy file (YAML, format version 1). The file is read as a node tree, so every error names
 * the file, the line and the field, and nothing in it is ever instantiated as a Java object:
 *
 * <pre>
 * version: 1
 * default: public-web            # the profile that applies when nothing names one
 * environments:                  # environment tag values mapped to profiles (a value naming a profile needs none)
 *   prod: public-web
 *   backend: internal-api
 * profiles:
 *   public-web:
 *     extends: public-web        # start from a built-in profile (public-web, internal-api, partner, iot)
 *     minProtocol: TLSv1.2       # TLSv1, TLSv1.1, TLSv1.2, TLSv1.3 (or 1.0 ... 1.3)
 *     maxProtocol: TLSv1.3
 *     cipherSuites: [TLS_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]   # IANA names
 *     minRsaBits: 2048
 *     minEcBits: 256
 *     weakSignatureHashes: [SHA1, MD5]
 *     expiryWarningDays: 30       # a probe reports EXPIRING_SOON within this many days
 *     expiryAlertDays: [45, 30, 14, 7, 3, 1]   # owners are alerted once at each, then daily once expired
 *     requireOcspStapling: false
 *     securityPolicies: [ELBSecurityPolicy-TLS13-1-2-Res-2021-06, TLSv1.2_2021, TLS_1_2]   # [] allows any
 *     keyTypes: [RSA, EC]          # RSA, EC, Ed25519
 *     signatureAlgorithms: [SHA256withRSA, SHA256withECDSA]   # [] allows any that is not weak
 *     maxValidityDays: 200
 *     severity: {WEAK_CIPHER_ENABLED: high}
 *     rotation:                   # every field optional: missing ones come from 'extends', else alert only
 *       mode: auto                # auto, approve (an approval gate), off (alert only)
 *       rotateBeforeDays: 30
 *       issuer: acm-public        # provided, acm-public, acm-private:CA_ARN
 *       waves: [1, 50%, 100%]     # bindings covered after each wave, counted from the start
 *       bakeSeconds: 300
 *       canaryChecks: 3
 *       changeWindows: ["Tue-Thu 09:00-16:00 Europe/Berlin"]
 *       freezes: ["2026-12-18/2027-01-04"]
 *       emergencyDays: 3          # this close to expiry windows and freezes no longer hold a rotation back
 *       approvers: [security-lead]
 *       retainOldDays: 14
 *       negotiationErrorSpike: {factor: 3, minimumIncrease: 10}
 * </pre>
 * A profile without {@code extends} must give every field but {@code rotation}; unknown fields, cipher suites,
 * codes and severities are errors, never ignored.
 */
public final class YamlPolicyFile {

    static final int FORMAT_VERSION = 1;
    private static final int MAX_CHARACTERS = 1024 * 1024;
    private static final Set<String> TOP_LEVEL = Set.of("version", "default", "environments", "profiles");
    private static final Set<String> PROFILE_FIELDS = Set.of("extends", "minProtocol", "maxProtocol", "cipherSuites",
            "minRsaBits", "minEcBits", "weakSignatureHashes", "expiryWarningDays", "expiryAlertDays", "requireOcspStapling",
            "securityPolicies", "keyTypes", "signatureAlgorithms", "maxValidityDays", "severity", "rotation");
    private static final Set<String> ROTATION_FIELDS = Set.of("mode", "rotateBeforeDays", "issuer", "waves",
            "bakeSeconds", "canaryChecks", "changeWindows", "freezes", "emergencyDays", "approvers", "retainOldDays",
            "negotiationErrorSpike");
    private static final Set<String> SPIKE_FIELDS = Set.of("factor", "minimumIncrease");

    private final String file;
    /** Today, for what depends on it: a change calendar that never opens again. */
    private final Clock clock;
    /** Problems found so far: reading goes on past each one, so that a file's every error is reported at once. */
    private final List<InvalidPolicyException> problems = new ArrayList<>();

    private YamlPolicyFile(String file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** Reads and validates a policy file; the exception says where and why a file is refused. */
    public static PolicySet read(Path path) {
        return read(path, Clock.systemUTC());
    }

    public static PolicySet read(Path path, Clock clock) {
        String name = path.toString();
        String text;
        try {
            if (Files.size(path) > MAX_CHARACTERS) {
                throw new InvalidPolicyException(name, 0, "", "the file is larger than " + MAX_CHARACTERS / 1024
                        + " KiB; a policy file is a few hundred lines");
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(path)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new InvalidPolicyException(name, 0, "", "no such file");
        } catch (CharacterCodingException e) {
            throw new InvalidPolicyException(name, 0, "", "not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidPolicyException(name, 0, "", "cannot be read: " + e.getMessage());
        }
        return parse(name, text, clock);
    }

    /** Parses policy-file text; {@code name} is used in error messages. */
    public static PolicySet parse(String name, String text) {
        return parse(name, text, Clock.systemUTC());
    }

    public static PolicySet parse(String name, String text, Clock clock) {
        YamlPolicyFile reader = new YamlPolicyFile(name, clock);
        PolicySet policies;
        try {
            policies = reader.document(compose(name, new StringReader(text)));
        } catch (InvalidPolicyException fatal) {
            reader.problems.add(fatal); // the file's shape is wrong past this point: report what was found so far
            policies = null;
        }
        if (!reader.problems.isEmpty()) {
            throw InvalidPolicyException.all(reader.problems);
        }
        return policies;
    }

    /** Reads one part; a problem in it is recorded and {@code fallback} stands in, so reading goes on. */
    private <T> T recover(java.util.function.Supplier<T> read, T fallback) {
        try {
            return read.get();
        } catch (InvalidPolicyException problem) {
            problems.add(problem);
            return fallback;
        }
    }

    private static Node compose(String name, Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(MAX_CHARACTERS);
        try {
            Node root = new Yaml(options).compose(reader);
            if (root == null) {
                throw new InvalidPolicyException(name, 0, "", "the file is empty");
            }
            return root;
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            throw new InvalidPolicyException(name, line, "", "not valid YAML: " + problem.strip());
        } catch (YAMLException e) {
            throw new InvalidPolicyException(name, 0, "", "not valid YAML: " + e.getMessage());
        }
    }

    private PolicySet document(Node root) {
        Map<String, NodeTuple> top = mapping(root, "");
        unknownFields(top, TOP_LEVEL, "");
        int version = recover(() -> {
            Node versionNode = required(top, "version", root, "");
            int found = integer(versionNode, "version");
            if (found != FORMAT_VERSION) {
                throw error(versionNode, "version", "format version " + found + " is not supported; this certfleet "
                        + "reads version " + FORMAT_VERSION);
            }
            return found;
        }, FORMAT_VERSION);
        Node profilesNode = required(top, "profiles", root, "");
        Map<String, NodeTuple> profileNodes = mapping(profilesNode, "profiles");
        if (profileNodes.isEmpty()) {
            throw error(profilesNode, "profiles", "at least one profile is needed");
        }
        Map<String, TlsPolicy> profiles = new LinkedHashMap<>();
        profileNodes.forEach((profileName, tuple) -> {
            TlsPolicy profile = recover(() -> profile(profileName, tuple.getKeyNode(), tuple.getValueNode()), null);
            if (profile != null) {
                profiles.put(profileName, profile);
            }
        });
        Set<String> profileNames = profileNodes.keySet();
        String defaultProfile;
        if (top.containsKey("default")) {
            Node node = top.get("default").getValueNode();
            defaultProfile = recover(() -> {
                String named = scalar(node, "default");
                if (!profileNames.contains(named)) {
                    throw error(node, "default", "no profile is named '" + named + "' (profiles: "
                            + String.join(", ", profileNames) + ")");
                }
                return named;
            }, null);
        } else if (profileNames.size() == 1) {
            defaultProfile = profileNames.iterator().next();
        } else {
            problems.add(error(root, "default", "name the default profile: the file has " + profileNames.size()
                    + " profiles"));
            defaultProfile = null;
        }
        Map<String, String> environments = new LinkedHashMap<>();
        if (top.containsKey("environments")) {
            recover(() -> mapping(top.get("environments").getValueNode(), "environments"), Map.<String, NodeTuple>of())
                    .forEach((environment, tuple) -> {
                        String path = "environments." + environment;
                        String profile = recover(() -> scalar(tuple.getValueNode(), path), null);
                        if (profile != null && !profileNames.contains(profile)) {
                            problems.add(error(tuple.getValueNode(), path, "no profile is named '" + profile
                                    + "' (profiles: " + String.join(", ", profileNames) + ")"));
                        } else if (profile != null) {
                            environments.put(environment, profile);
                        }
                    });
        }
        if (!problems.isEmpty()) {
            return null; // parse() reports them all
        }
        return new PolicySet(version, defaultProfile, profiles, environments);
    }

    private TlsPolicy profile(String name, Node key, Node node) {
        String path = "profiles." + name;
        Map<String, NodeTuple> fields = mapping(node, path);
        unknownFields(fields, PROFILE_FIELDS, path);
        int before = problems.size();
        Optional<TlsPolicy> base = Optional.empty();
        boolean baseUnknown = false;
        if (fields.containsKey("extends")) {
            Node extendsNode = fields.get("extends").getValueNode();
            base = recover(() -> {
                String builtIn = scalar(extendsNode, path + ".extends");
                return Optional.of(TlsPolicy.builtIn(builtIn).orElseThrow(() -> error(extendsNode, path + ".extends",
                        "no built-in profile is named '" + builtIn + "' (built-in: " + TlsPolicy.BUILT_IN.stream()
                                .map(TlsPolicy::name).collect(Collectors.joining(", ")) + ")")));
            }, Optional.empty());
            baseUnknown = base.isEmpty();
        }
        // With an unknown base, the fields given are still checked; the ones not given are not called missing.
        Field field = new Field(fields, node, path, base, baseUnknown);
        TlsVersion min = field.value("minProtocol", TlsPolicy::minVersion, this::protocol);
        TlsVersion max = field.value("maxProtocol", TlsPolicy::maxVersion, this::protocol);
        Set<String> suites = field.value("cipherSuites", TlsPolicy::allowedCipherSuites,
                this::cipherSuites);
        Integer rsa = field.value("minRsaBits", TlsPolicy::minRsaBits, this::integer);
        Integer ec = field.value("minEcBits", TlsPolicy::minEcBits, this::integer);
        Set<String> hashes = field.value("weakSignatureHashes", TlsPolicy::weakSignatureHashes,
                (n, p) -> new LinkedHashSet<>(strings(n, p)));
        Duration warning = field.value("expiryWarningDays", TlsPolicy::warningWindow,
                (n, p) -> Duration.ofDays(atLeast(0, n, p)));
        ExpiryThresholds alertDays = field.value("expiryAlertDays", TlsPolicy::expiryThresholds, this::thresholds);
        Boolean stapling = field.value("requireOcspStapling", TlsPolicy::requireOcspStaple, this::bool);
        Set<String> securityPolicies = field.value("securityPolicies", TlsPolicy::allowedSecurityPolicies,
                this::securityPolicies);
        Set<String> keyTypes = field.value("keyTypes", TlsPolicy::allowedKeyTypes, this::keyTypes);
        Set<String> signatures = field.value("signatureAlgorithms", TlsPolicy::allowedSignatureAlgorithms,
                (n, p) -> new LinkedHashSet<>(strings(n, p)));
        Duration maxValidity = field.value("maxValidityDays", TlsPolicy::maxValidity,
                (n, p) -> Duration.ofDays(atLeast(1, n, p)));
        Map<FindingCode, Severity> severities = new EnumMap<>(FindingCode.class);
        base.ifPresent(policy -> severities.putAll(policy.severityOverrides()));
        if (fields.containsKey("severity")) {
            severities.putAll(recover(() -> severityOverrides(fields.get("severity").getValueNode(),
                    path + ".severity"), Map.of()));
        }
        RotationSettings rotationBase = base.map(TlsPolicy::rotation).orElse(RotationSettings.ALERT_ONLY);
        RotationSettings rotation = fields.containsKey("rotation")
                ? recover(() -> rotation(fields.get("rotation"), path + ".rotation", rotationBase), null)
                : rotationBase;
        if (problems.size() > before) {
            return null; // a field is wrong: the profile cannot be built, its problems are recorded
        }
        try {
            return new TlsPolicy(name, min, max, suites, rsa, ec, hashes, warning, alertDays, stapling, severities,
                    securityPolicies, keyTypes, signatures, maxValidity, rotation);
        } catch (IllegalArgumentException e) {
            throw error(key, path, e.getMessage().replaceFirst("^policy " + Pattern.quote(name)
                    + ": ", ""));
        }
    }

    /** One profile's fields: the file's value, else the built-in base's, else an error. */
    private final class Field {
        private final Map<String, NodeTuple> fields;
        private final Node profile;
        private final String path;
        private final Optional<TlsPolicy> base;
        private final boolean baseUnknown;

        Field(Map<String, NodeTuple> fields, Node profile, String path, Optional<TlsPolicy> base,
              boolean baseUnknown) {
            this.fields = fields;
            this.profile = profile;
            this.path = path;
            this.base = base;
            this.baseUnknown = baseUnknown;
        }

        /** The field's value; null when it is wrong or missing (the problem is recorded, reading goes on). */
        <T> T value(String key, Function<TlsPolicy, T> inherited, Reading<T> reading) {
            NodeTuple tuple = fields.get(key);
            if (tuple != null) {
                return recover(() -> reading.read(tuple.getValueNode(), path + "." + key), null);
            }
            if (baseUnknown) {
                return null; // the unknown base is the problem, already recorded
            }
            return recover(() -> base.map(inherited).orElseThrow(() -> error(profile, path + "." + key,
                    "missing (give it, or start the profile from a built-in one with 'extends')")), null);
        }
    }

    @FunctionalInterface
    private interface Reading<T> {
        T read(Node node, String path);
    }

    /** A profile's {@code rotation:} section; every field it leaves out is the base's. */
    private RotationSettings rotation(NodeTuple section, String path, RotationSettings base) {
        Map<String, NodeTuple> fields = mapping(section.getValueNode(), path);
        unknownFields(fields, ROTATION_FIELDS, path);
        int before = problems.size();
        RotationSettings.Builder rules = base.toBuilder();
        ChangeCalendar calendar = base.calendar();
        List<ChangeWindow> windows = calendar.windows();
        List<Freeze> freezes = calendar.freezes();
        for (Map.Entry<String, NodeTuple> entry : fields.entrySet()) {
            Node value = entry.getValue().getValueNode();
            String at = path + "." + entry.getKey();
            recover(() -> {
                switch (entry.getKey()) {
                    case "mode" -> rules.mode(mode(value, at));
                    case "rotateBeforeDays" -> rules.rotateBefore(Duration.ofDays(atLeast(1, value, at)));
                    case "issuer" -> rules.issuer(parsed(value, at, IssuerChoice::parse));
                    case "waves" -> rules.waves(parsedList(value, at, WaveSize::parse));
                    case "bakeSeconds" -> rules.bake(Duration.ofSeconds(atLeast(0, value, at)));
                    case "canaryChecks" -> rules.canaryChecks(atLeast(1, value, at));
                    case "emergencyDays" -> rules.emergency(Duration.ofDays(atLeast(0, value, at)));
                    case "approvers" -> rules.approvers(strings(value, at));
                    case "retainOldDays" -> rules.retainOld(Duration.ofDays(atLeast(0, value, at)));
                    case "negotiationErrorSpike" -> rules.spike(spike(value, at, base.spike()));
                    default -> { } // changeWindows and freezes below; unknown fields are already recorded
                }
                return null;
            }, null);
        }
        if (fields.containsKey("changeWindows")) {
            windows = recover(() -> eachParsed(fields.get("changeWindows").getValueNode(), path + ".changeWindows",
                    ChangeWindow::parse), windows);
        }
        if (fields.containsKey("freezes")) {
            freezes = recover(() -> eachParsed(fields.get("freezes").getValueNode(), path + ".freezes",
                    Freeze::parse), freezes);
        }
        if (problems.size() > before) {
            return null;
        }
        RotationSettings settings;
        try {
            settings = rules.calendar(new ChangeCalendar(windows, freezes)).build();
        } catch (IllegalArgumentException e) {
            throw error(section.getKeyNode(), path, e.getMessage());
        }
        List<String> today = settings.problemsAt(clock.instant());
        if (!today.isEmpty()) {
            NodeTuple where = fields.getOrDefault("freezes", fields.getOrDefault("changeWindows", section));
            throw error(where.getKeyNode(), path, String.join("; ", today) + ": no certificate could be rotated "
                    + "before its emergency margin");
        }
        return settings;
    }

    private RotationMode mode(Node node, String path) {
        String text = scalar(node, path).strip();
        return Arrays.stream(RotationMode.values()).filter(mode -> mode.name().equalsIgnoreCase(text)).findFirst()
                .orElseThrow(() -> error(node, path, "'" + text + "' is not a rotation mode (auto, approve, off)"));
    }

    private NegotiationSpike spike(Node node, String path, NegotiationSpike base) {
        Map<String, NodeTuple> fields = mapping(node, path);
        unknownFields(fields, SPIKE_FIELDS, path);
        int factor = fields.containsKey("factor")
                ? atLeast(1, fields.get("factor").getValueNode(), path + ".factor") : base.factor();
        int increase = fields.containsKey("minimumIncrease")
                ? atLeast(1, fields.get("minimumIncrease").getValueNode(), path + ".minimumIncrease")
                : base.minimumIncrease();
        return new NegotiationSpike(factor, increase);
    }

    /** One value read by a parser whose {@link IllegalArgumentException} says what is wrong with it. */
    private <T> T parsed(Node node, String path, Function<String, T> parser) {
        String text = scalar(node, path);
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw error(node, path, e.getMessage());
        }
    }

    /** A list read as a whole by one parser (its error is the list's). */
    private <T> T parsedList(Node node, String path, Function<List<String>, T> parser) {
        List<String> texts = strings(node, path);
        try {
            return parser.apply(texts);
        } catch (IllegalArgumentException e) {
            throw error(node, path, e.getMessage());
        }
    }

    /** A list whose items are parsed one by one; each wrong item is an error at its own line. */
    private <T> List<T> eachParsed(Node node, String path, Function<String, T> parser) {
        List<String> texts = strings(node, path);
        List<T> values = new ArrayList<>();
        List<InvalidPolicyException> wrong = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            try {
                values.add(parser.apply(texts.get(i)));
            } catch (IllegalArgumentException e) {
                wrong.add(error(((SequenceNode) node).getValue().get(i), path + "[" + i + "]", e.getMessage()));
            }
        }
        if (!wrong.isEmpty()) {
            throw InvalidPolicyException.all(wrong);
        }
        return values;
    }

    private TlsVersion protocol(Node node, String path) {
        String text = scalar(node, path);
        String normalized = text.strip().toUpperCase(Locale.ROOT).replace("TLSV", "").replace("TLS", "").strip();
        return Arrays.stream(TlsVersion.values())
                .filter(version -> version.protocolName().equalsIgnoreCase(text.strip())
                        || version.protocolName().replace("TLSv", "").equals(normalized)
                        || (version == TlsVersion.TLS_1_0 && normalized.equals("1.0")))
                .findFirst()
                .orElseThrow(() -> error(node, path, "'" + text + "' is not a TLS version (TLSv1, TLSv1.1, TLSv1.2, "
                        + "TLSv1.3)"));
    }

    private Set<String> cipherSuites(Node node, String path) {
        return known(node, path, name -> CipherSuites.byName(name).isPresent(), name -> "unknown cipher suite '" + name
                + "' (IANA names, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
    }

    private Set<String> securityPolicies(Node node, String path) {
        return known(node, path, SecurityPolicies::isKnown, name -> "unknown security policy '" + name
                + "' (ELB SslPolicy, CloudFront MinimumProtocolVersion or API Gateway SecurityPolicy names, e.g. "
                + "ELBSecurityPolicy-TLS13-1-2-Res-2021-06, TLSv1.2_2021, TLS_1_2)");
    }

    private Set<String> keyTypes(Node node, String path) {
        return known(node, path, TlsPolicy.KEY_TYPES::contains, name -> "unknown key type '" + name
                + "' (RSA, EC, Ed25519)");
    }

    /** A list whose every item must be a name certfleet knows; each unknown one is an error, at its line. */
    private Set<String> known(Node node, String path, Predicate<String> isKnown, Function<String, String> unknown) {
        List<String> names = strings(node, path);
        List<InvalidPolicyException> unknowns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!isKnown.test(names.get(i))) {
                unknowns.add(error(((SequenceNode) node).getValue().get(i), path + "[" + i + "]",
                        unknown.apply(names.get(i))));
            }
        }
        if (!unknowns.isEmpty()) {
            throw InvalidPolicyException.all(unknowns);
        }
        return new LinkedHashSet<>(names);
    }

    private ExpiryThresholds thresholds(Node node, String path) {
        if (!(node instanceof SequenceNode sequence)) {
            throw error(node, path, "expected a list of days, e.g. [45, 30, 14, 7, 3, 1], found " + kind(node));
        }
        List<Integer> days = IntStream.range(0, sequence.getValue().size())
                .mapToObj(i -> integer(sequence.getValue().get(i), path + "[" + i + "]")).toList();
        try {
            return new ExpiryThresholds(days);
        } catch (IllegalArgumentException e) {
            throw error(node, path, e.getMessage());
        }
    }

    private Map<FindingCode, Severity> severityOverrides(Node node, String path) {
        Map<FindingCode, Severity> overrides = new EnumMap<>(FindingCode.class);
        mapping(node, path).forEach((codeName, tuple) -> {
            FindingCode code = Arrays.stream(FindingCode.values()).filter(c -> c.name().equals(codeName)).findFirst()
                    .orElseThrow(() -> error(tuple.getKeyNode(), path, "'" + codeName + "' is not a finding code "
                            + "(see the finding-code table in the README)"));
            String level = scalar(tuple.getValueNode(), path + "." + codeName);
            Severity severity = Arrays.stream(Severity.values()).filter(s -> s.label().equalsIgnoreCase(level))
                    .findFirst().orElseThrow(() -> error(tuple.getValueNode(), path + "." + codeName, "'" + level
                            + "' is not a severity (critical, high, medium, low)"));
            overrides.put(code, severity);
        });
        return overrides;
    }

    private Map<String, NodeTuple> mapping(Node node, String path) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, path, "expected a mapping (key: value lines), found " + kind(node));
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode(), path.isEmpty() ? "(key)" : path + ".(key)");
            if (entries.put(key, tuple) != null) {
                throw error(tuple.getKeyNode(), path.isEmpty() ? key : path + "." + key, "duplicate key");
            }
        }
        return entries;
    }

    /** Each unknown field is recorded as a problem (reading goes on with the known ones). */
    private void unknownFields(Map<String, NodeTuple> fields, Set<String> known, String path) {
        fields.forEach((key, tuple) -> {
            if (!known.contains(key)) {
                problems.add(error(tuple.getKeyNode(), path.isEmpty() ? key : path + "." + key, "unknown field "
                        + "(known: " + known.stream().sorted().collect(Collectors.joining(", ")) + ")"));
            }
        });
    }

    private Node required(Map<String, NodeTuple> fields, String key, Node parent, String path) {
        NodeTuple tuple = fields.get(key);
        if (tuple == null) {
            throw error(parent, path.isEmpty() ? key : path + "." + key, "missing");
        }
        return tuple.getValueNode();
    }

    private String scalar(Node node, String path) {
        if (!(node instanceof ScalarNode scalar)) {
            throw error(node, path, "expected a single value, found " + kind(node));
        }
        return scalar.getValue();
    }

    private List<String> strings(Node node, String path) {
        if (!(node instanceof SequenceNode sequence)) {
            throw error(node, path, "expected a list ([a, b] or '- a' lines), found " + kind(node));
        }
        List<Node> items = sequence.getValue();
        return IntStream.range(0, items.size())
                .mapToObj(i -> scalar(items.get(i), path + "[" + i + "]").strip()).toList();
    }

    private int integer(Node node, String path) {
        String text = scalar(node, path);
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw error(node, path, "'" + text + "' is not a whole number");
        }
    }

    private int atLeast(int minimum, Node node, String path) {
        int value = integer(node, path);
        if (value < minimum) {
            throw error(node, path, "must be " + minimum + " or more, got " + value);
        }
        return value;
    }

    private boolean bool(Node node, String path) {
        String text = scalar(node, path).strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw error(node, path, "'" + text + "' is not true or false");
        };
    }

    private static String kind(Node node) {
        return switch (node) {
            case MappingNode m -> "a mapping";
            case SequenceNode s -> "a list";
            case ScalarNode s -> s.getValue().isEmpty() ? "nothing" : "'" + s.getValue() + "'";
            default -> "an unsupported YAML node";
        };
    }

    private InvalidPolicyException error(Node node, String path, String reason) {
        return new InvalidPolicyException(file, node.getStartMark().getLine() + 1, path, reason);
    }
}

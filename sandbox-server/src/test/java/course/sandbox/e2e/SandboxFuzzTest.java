package course.sandbox.e2e;

import course.sandbox.auth.AwsRegions;
import course.sandbox.http.HttpLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile requests from outside, seeded and bounded, on loopback only, in memory and --data
 * modes: one category per way the sandbox was once crashed, frozen or made to lose data
 * (issue 12). Every request must be answered within 10 s, never with a 5xx (but 501
 * NotImplemented and, for slow clients only, 503 SlowDown), always with a well-formed body;
 * objects written before and during the run must read back unchanged; health must answer after.
 * Seed and size: -Dfuzz.seed=N, -Dfuzz.rounds=N (per category; 600 by default, ~5,400 requests a mode).
 */
class SandboxFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261201L);
    private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 600);
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    private static final HttpLimits LIMITS = HttpLimits.DEFAULTS.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    private static final String BUCKET = "fuzz-objects";
    /** Keys an invalid byte sequence decoded leniently (to U+FFFD) would land on. */
    private static final List<String> SENTINELS = List.of("x\uFFFD", "\uFFFD", "x\uFFFD\uFFFD", "a b", "caf\u00e9", "k/\uFFFD/v");

    enum Category { FRAMING, SLOW_CLIENTS, DECLARED_LENGTHS, DEEP_XML, SIMULATOR, POLICY_VERSIONS, ECHOED_TEXT, KEYS, REGIONS }

    /** One generated request and what its answer must be besides the rules every answer keeps. */
    private record Case(byte[] request, Function<RawWire.Answer, String> check) {
    }

    @Test
    void inMemory() {
        try (RunningSandbox sandbox = RunningSandbox.startWith(LIMITS)) {
            new Run(sandbox, SEED).all();
        }
    }

    /** The same, keeping state in a folder: no request value becomes a file name, and everything survives a restart. */
    @Test
    void keepingDataInAFolder(@TempDir Path data) throws IOException {
        Map<String, byte[]> written;
        try (RunningSandbox sandbox = RunningSandbox.startKeepingDataIn(data, LIMITS)) {
            Run run = new Run(sandbox, SEED + 1);
            run.all();
            written = run.objects;
        }
        try (Stream<Path> files = Files.walk(data)) {
            List<String> unexpected = files.filter(Files::isRegularFile).map(data::relativize).map(Path::toString)
                    .filter(name -> !name.matches("(logs/)?state\\.json|blobs/[0-9a-f-]{36}|logs/streams/[0-9a-f-]{36}\\.json")
                            && !name.startsWith("dynamodb/"))
                    .toList();
            assertEquals(List.of(), unexpected, "files named by request values");
        }
        try (RunningSandbox restarted = RunningSandbox.startKeepingDataIn(data); S3Client s3 = s3(restarted)) {
            assertEquals(List.of(), changedObjects(restarted, s3, written), "objects lost or changed across a restart");
        }
    }

    private final class Run {
        final RunningSandbox sandbox;
        final long seed;
        final Random random;
        final Map<String, byte[]> objects = new TreeMap<>();
        final Map<Category, Integer> sent = new EnumMap<>(Category.class);
        final List<String> failures = new ArrayList<>();
        String policyArn;

        Run(RunningSandbox sandbox, long seed) {
            this.sandbox = sandbox;
            this.seed = seed;
            this.random = new Random(seed);
        }

        void all() {
            long start = System.nanoTime();
            try (S3Client s3 = s3(sandbox); IamClient iam = sandbox.iam(RunningSandbox.ROOT)) {
                s3.createBucket(b -> b.bucket(BUCKET));
                for (String key : SENTINELS) {
                    byte[] content = ("sentinel " + key).getBytes(StandardCharsets.UTF_8);
                    s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(content));
                    objects.put(key, content);
                }
                policyArn = iam.createPolicy(r -> r.policyName("fuzz").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"))
                        .policy().arn();
                for (Category category : Category.values()) {
                    if (category == Category.SLOW_CLIENTS) {
                        slowClients();
                    } else {
                        for (int i = 0; i < ROUNDS; i++) {
                            send(category, next(category));
                        }
                    }
                    failures.addAll(changedObjects(sandbox, s3, objects).stream().map(change -> category + ": " + change).toList());
                }
                RawWire.Answer health = RawWire.exchange(sandbox.port(),
                        "GET /_sandbox/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                        Duration.ofSeconds(2));
                if (health.status() != 200) {
                    failures.add("health after the run: " + health);
                }
                if (sandbox.log().contains("Internal error")) {
                    failures.add("internal errors logged:\n" + sandbox.log());
                }
            }
            int total = sent.values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf("fuzz (seed %d): %d requests in %.1f s, %d categories %s%n", seed, total,
                    (System.nanoTime() - start) / 1e9, sent.size(), sent);
            assertEquals(List.of(), failures.stream().limit(20).toList(), failures.size() + " failures");
        }

        private void send(Category category, Case fuzzCase) {
            sent.merge(category, 1, Integer::sum);
            RawWire.Answer answer;
            try {
                answer = RawWire.exchange(sandbox.port(), fuzzCase.request(), ANSWER_WITHIN, true);
            } catch (AssertionError hang) {
                failures.add(category + ": " + hang.getMessage());
                return;
            }
            String problem = everyAnswer(answer, false);
            if (problem == null) {
                problem = fuzzCase.check().apply(answer);
            }
            if (problem != null) {
                failures.add(category + ": " + problem + " for " + firstLine(fuzzCase.request()) + " -> " + answer);
            }
        }

        private Case next(Category category) {
            return switch (category) {
                case FRAMING -> framing();
                case DECLARED_LENGTHS -> declaredLength();
                case DEEP_XML -> xml();
                case SIMULATOR -> simulator();
                case POLICY_VERSIONS -> policyVersion();
                case ECHOED_TEXT -> echoedText();
                case KEYS -> key();
                case REGIONS -> region();
                case SLOW_CLIENTS -> throw new IllegalArgumentException("sent by slowClients()");
            };
        }

        // ---- categories ----------------------------------------------------------------------

        /** Request lines, targets and headers that are not HTTP/1.1, or lie about the body. */
        private Case framing() {
            String[] methods = {"GET", "PUT", "POST", "DELETE", "HEAD", "PATCH", "G(E)T", "", "get"};
            String[] versions = {"HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/1.1 extra", ""};
            String target = pick("/", "/" + BUCKET, "/" + BUCKET + "/" + SENTINELS.get(0), "/_sandbox/health", "/?Action=ListUsers")
                    + (random.nextInt(3) == 0 ? noise(1 + random.nextInt(12)) : "");
            StringBuilder head = new StringBuilder(pick(methods)).append(' ').append(target).append(' ').append(pick(versions)).append("\r\n");
            head.append("Host: 127.0.0.1\r\n");
            for (int h = random.nextInt(4); h > 0; h--) {
                head.append(pick("Content-Length: " + pick("-1", "abc", "1e3", "5, 6", "99999999999999999999", "0", "3"),
                        "Transfer-Encoding: " + pick("chunked", "gzip", "chunked, chunked", "identity"),
                        "X-Fold: a\r\n  folded", "no colon", "Bad Name: x", "X-Nul: a\0b", "X-Long: " + "L".repeat(random.nextInt(80_000)),
                        "Expect: 100-continue", "Connection: " + pick("close", "keep-alive"), "Host: second"))
                        .append("\r\n");
            }
            head.append("\r\n");
            byte[] body = new byte[random.nextInt(4) == 0 ? random.nextInt(64) : 0];
            random.nextBytes(body);
            return new Case(concat(head.toString().getBytes(StandardCharsets.ISO_8859_1), body), answer -> null);
        }

        /** aws-chunked and plain bodies whose declared lengths are not what arrives. */
        private Case declaredLength() {
            long declared = pick(0L, 1L, 15L, 16L, 17L, 1L << 20, 900_000_000L, (1L << 31) - 1, 1L << 31, 4_294_967_295L,
                    HttpLimits.MAX_BODY_BYTES + 1, random.nextLong() & Long.MAX_VALUE);
            byte[] payload = "sixteen bytes ok".getBytes(StandardCharsets.UTF_8);
            String key = "fuzz/declared-" + random.nextInt(1000);
            if (random.nextBoolean()) {
                byte[] request = chunkedUpload(key, declared, payload);
                if (random.nextBoolean()) {
                    request = Arrays.copyOf(request, request.length - 1 - random.nextInt(Math.min(request.length - 1, 200)));
                }
                return new Case(request, answer -> {
                    if (answer.status() == 200) {
                        objects.put(key, payload);
                        return declared == payload.length ? null : "stored a body of another length than declared";
                    }
                    return null;
                });
            }
            String signed = new String(RawWire.signed(sandbox, "PUT", "/" + BUCKET + "/" + key,
                    Map.of("Content-Length", Long.toString(declared)), payload, "s3", RunningSandbox.REGION), StandardCharsets.ISO_8859_1);
            String head = signed.substring(0, signed.indexOf("\r\n\r\n") + 4);
            byte[] sent = Arrays.copyOf(payload, (int) Math.min(payload.length, declared == payload.length ? payload.length : 3));
            return new Case(concat(head.getBytes(StandardCharsets.ISO_8859_1), sent), answer -> {
                if (answer.status() == 200) {
                    objects.put(key, payload);
                    return declared == payload.length ? null : "stored a body of another length than declared";
                }
                return null;
            });
        }

        /** XML bodies: nested deep, with DTDs and entities, truncated, or of the wrong shape. */
        private Case xml() {
            String root = pick("Tagging", "VersioningConfiguration", "CompleteMultipartUpload", "Delete", "CreateBucketConfiguration");
            String target = switch (root) {
                case "Tagging" -> pick("/" + BUCKET + "?tagging", "/" + BUCKET + "/" + percent(SENTINELS.get(3)) + "?tagging");
                case "VersioningConfiguration" -> "/fuzz-versioning?versioning";
                case "CompleteMultipartUpload" -> "/" + BUCKET + "/fuzz/upload?uploadId=" + digits(8);
                case "Delete" -> "/fuzz-delete?delete";
                default -> "/fuzz-created-" + random.nextInt(1_000_000);
            };
            int depth = pick(1, 2, 31, 32, 33, 1000, 20_000, 50_000);
            String inner = "<a>".repeat(depth) + noise(random.nextInt(20)) + "</a>".repeat(depth);
            String body = switch (random.nextInt(5)) {
                case 0 -> "<!DOCTYPE " + root + " [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><" + root + ">&e;</" + root + ">";
                case 1 -> "<" + root + ">" + inner.substring(0, random.nextInt(inner.length() + 1));
                case 2 -> "<" + root + "><Status>&#0;</Status><Key>&undefined;</Key></" + root + ">";
                default -> "<" + root + "><TagSet><Tag><Key>" + inner + "</Key></Tag></TagSet><Object><Key>" + inner
                        + "</Key></Object><Status>" + inner + "</Status></" + root + ">";
            };
            String method = root.equals("CompleteMultipartUpload") || root.equals("Delete") ? "POST" : "PUT";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            return new Case(RawWire.signed(sandbox, method, target, Map.of("Content-MD5", md5(bytes)), bytes, "s3",
                    RunningSandbox.REGION), answer -> answer.status() == 200 && depth > 32 && !target.startsWith("/fuzz-created")
                    ? "accepted a body nested " + depth + " deep" : null);
        }

        /** SimulateCustomPolicy with context entries of every type and count, and variables followed by text. */
        private Case simulator() {
            String user = "u".repeat(random.nextInt(40));
            String suffix = pick("", "x", "/*", "-" + noise(3));
            String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                    + "\"Resource\":\"arn:aws:s3:::" + pick("", "b/home/") + "${aws:username}" + suffix + "\"}]}";
            StringBuilder form = new StringBuilder("Action=SimulateCustomPolicy&Version=2010-05-08&ActionNames.member.1=s3%3AGetObject")
                    .append("&PolicyInputList.member.1=").append(encode(policy))
                    .append("&ResourceArns.member.1=").append(encode("arn:aws:s3:::b/home/" + user + suffix));
            String type = pick("string", "stringList", "numeric", "numericList", "boolean", "booleanList", "ip", "ipList", "binary",
                    "binaryList", "date", "dateList", "nope");
            form.append("&ContextEntries.member.1.ContextKeyName=aws%3Ausername&ContextEntries.member.1.ContextKeyType=").append(type);
            for (int v = pick(0, 1, 1, 2, 5); v > 0; v--) {
                form.append("&ContextEntries.member.1.ContextKeyValues.member.").append(v).append('=')
                        .append(encode(v == 1 ? user : noise(5)));
            }
            return query("iam", form.toString(), answer -> null);
        }

        private Case policyVersion() {
            String versionId = pick("v", "v0", "v-1", "v1.x", "V1", "v\u00e9", "v" + digits(1 + random.nextInt(30)),
                    "v2147483647", "v2147483648", "v9223372036854775808");
            String action = pick("GetPolicyVersion", "DeletePolicyVersion", "SetDefaultPolicyVersion");
            return query("iam", "Action=" + action + "&Version=2010-05-08&PolicyArn=" + encode(policyArn) + "&VersionId="
                    + encode(versionId), answer -> answer.status() == 200 && !versionId.equals("v1") && !action.startsWith("Get")
                    ? "changed version " + versionId : null);
        }

        /** Characters XML 1.0 cannot carry, echoed back in error messages. */
        private Case echoedText() {
            String text = hostileText(1 + random.nextInt(12));
            if (random.nextBoolean()) {
                return query("iam", "Action=" + pick("GetUser", "GetRole", "GetGroup") + "&Version=2010-05-08&"
                        + pick("UserName", "RoleName", "GroupName") + "=" + encode(text), answer -> null);
            }
            byte[] request = RawWire.signed(sandbox, pick("GET", "HEAD", "DELETE"), "/" + BUCKET + "/missing/" + percent(text),
                    Map.of(), new byte[0], "s3", RunningSandbox.REGION);
            return new Case(request, answer -> null);
        }

        /** Keys of random bytes, valid UTF-8 or not: a valid one is stored as itself, an invalid one refused. */
        private Case key() {
            byte[] raw = new byte[1 + random.nextInt(6)];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = (byte) (int) pick(0x78, 0x2f, 0x20, 0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xe2, 0x82, 0xac, 0xef, 0xbf, 0xbd,
                        random.nextInt(256));
            }
            String encoded = percent(raw);
            boolean utf8 = isUtf8(raw);
            String key = utf8 ? "fuzz/" + new String(raw, StandardCharsets.UTF_8) : null;
            String path = "/" + BUCKET + "/" + (utf8 ? "fuzz/" + encoded : pick("x", "", "k/") + encoded);
            byte[] content = ("content of " + encoded).getBytes(StandardCharsets.UTF_8);
            return new Case(RawWire.signed(sandbox, "PUT", path, Map.of(), content, "s3", RunningSandbox.REGION), answer -> {
                if (!utf8) {
                    return answer.code().equals("InvalidURI") ? null : "a key that is not UTF-8 was not InvalidURI";
                }
                if (answer.status() == 200) {
                    objects.put(key, content);
                }
                return null;
            });
        }

        /** Credential scopes naming real regions and anything else. */
        private Case region() {
            List<String> real = new ArrayList<>(AwsRegions.names());
            String region = random.nextInt(3) == 0 ? real.get(random.nextInt(real.size()))
                    : pick("xx-fake-1", "r".repeat(1 + random.nextInt(300)), "..", "us-east-1 ", "US-EAST-1", "aws-global", noise(8));
            boolean known = AwsRegions.isKnown(region);
            String service = pick("sts", "iam", "s3");
            byte[] request = switch (service) {
                case "s3" -> RawWire.signed(sandbox, "GET", "/", Map.of(), new byte[0], "s3", region);
                default -> RawWire.signed(sandbox, "POST", "/", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                        (service.equals("sts") ? "Action=GetCallerIdentity&Version=2011-06-15" : "Action=ListUsers&Version=2010-05-08")
                                .getBytes(StandardCharsets.UTF_8), service, region);
            };
            return new Case(request, answer -> known == (answer.status() == 200) ? null
                    : (known ? "a real region was refused" : "an unknown region was served"));
        }

        /** Heads and bodies that stop (answered RequestTimeout after the limit) or end early (IncompleteBody). */
        private void slowClients() {
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < ROUNDS; i++) {
                    sent.merge(Category.SLOW_CLIENTS, 1, Integer::sum);
                    byte[] request = RawWire.signed(sandbox, "PUT", "/" + BUCKET + "/fuzz/slow-" + i, Map.of(),
                            new byte[100 + random.nextInt(1000)], "s3", RunningSandbox.REGION);
                    int cut = random.nextInt(request.length - 1) + 1;
                    Socket socket = new Socket("127.0.0.1", sandbox.port());
                    socket.setSoTimeout((int) ANSWER_WITHIN.toMillis());
                    socket.getOutputStream().write(request, 0, cut);
                    if (random.nextBoolean() && stalled.size() < 64) {
                        stalled.add(socket);
                        continue;
                    }
                    socket.shutdownOutput();
                    boolean inBody = cut >= new String(request, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
                    try (socket) {
                        RawWire.Answer answer = RawWire.read(socket.getInputStream());
                        // A head that ends before its blank line is dropped; a body that ends early is IncompleteBody.
                        String problem = !inBody && answer.status() == 0 ? null
                                : inBody && !answer.code().equals("IncompleteBody") ? "not IncompleteBody" : everyAnswer(answer, true);
                        if (problem != null) {
                            failures.add("SLOW_CLIENTS (ended early): " + problem + " -> " + answer);
                        }
                    }
                }
                for (Socket socket : stalled) {
                    RawWire.Answer answer = RawWire.read(socket.getInputStream());
                    if (answer.status() != 0 && !answer.code().equals("RequestTimeout")) {
                        failures.add("SLOW_CLIENTS (stalled): not RequestTimeout -> " + answer);
                    }
                }
            } catch (IOException e) {
                failures.add("SLOW_CLIENTS: " + e);
            } finally {
                for (Socket socket : stalled) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                }
            }
        }

        // ---- helpers -------------------------------------------------------------------------

        private Case query(String service, String form, Function<RawWire.Answer, String> check) {
            return new Case(RawWire.signed(sandbox, "POST", "/", Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                    form.getBytes(StandardCharsets.UTF_8), service, RunningSandbox.REGION), check);
        }

        private byte[] chunkedUpload(String key, long declared, byte[] payload) {
            SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT)
                    .uri(URI.create(sandbox.endpoint() + "/" + BUCKET + "/" + key))
                    .putHeader("Content-Length", Long.toString(declared)).build();
            SignedRequest signed = AwsV4HttpSigner.create().sign(builder -> builder
                    .identity(AwsCredentialsIdentity.create(RunningSandbox.ROOT.accessKeyId(), RunningSandbox.ROOT.secretAccessKey()))
                    .request(request).payload(ContentStreamProvider.fromByteArray(payload))
                    .putProperty(AwsV4HttpSigner.REGION_NAME, RunningSandbox.REGION)
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true)
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, random.nextBoolean())
                    .putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32));
            byte[] body;
            try (InputStream in = signed.payload().orElseThrow().newStream()) {
                body = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            signed.request().headers().forEach((name, values) -> headers.put(name, values.get(0)));
            return RawWire.request("PUT", signed.request().encodedPath(), headers, body);
        }

        @SafeVarargs
        private <T> T pick(T... choices) {
            return choices[random.nextInt(choices.length)];
        }

        private String noise(int length) {
            String alphabet = "abcXYZ019%&=+/.-_~*?$'\"<>{}[]|\\^` #";
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return text.toString();
        }

        private String digits(int length) {
            StringBuilder text = new StringBuilder().append((char) ('1' + random.nextInt(9)));
            while (text.length() < length) {
                text.append((char) ('0' + random.nextInt(10)));
            }
            return text.toString();
        }

        private String hostileText(int length) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                text.append(pick('\u0000', '\u0001', '\u0007', '\u000B', '\u001B', '\u007F', '\uFFFE', '\uFFFF', '\uD800',
                        '\uDC00', '<', '&', 'a', '\u00e9', '\r', '\n', '\t'));
            }
            return text.toString();
        }
    }

    // ---- rules every answer keeps ----------------------------------------------------------

    /** Null when the answer is acceptable from any request: answered, no server fault, a parseable body. */
    private static String everyAnswer(RawWire.Answer answer, boolean slowClient) {
        if (answer.status() == 0) {
            return "no answer";
        }
        if (answer.status() >= 500 && answer.status() != 501 && !(slowClient && answer.status() == 503)) {
            return "server fault " + answer.status();
        }
        if (!answer.wellFormed()) {
            return "malformed body";
        }
        if (answer.text().toLowerCase().contains("<html")) {
            return "an HTML page";
        }
        return null;
    }

    /**
     * Every object written (sentinels, and what the fuzz stored) reads back the same; none appeared
     * from nowhere. Objects are read with a signed GET of the key's exact bytes, so no client's
     * path handling stands between the test and the store.
     */
    private static List<String> changedObjects(RunningSandbox sandbox, S3Client s3, Map<String, byte[]> written) {
        List<String> changes = new ArrayList<>();
        for (Map.Entry<String, byte[]> object : written.entrySet()) {
            RawWire.Answer answer = RawWire.exchange(sandbox.port(), RawWire.signed(sandbox, "GET", "/" + BUCKET + "/"
                    + percent(object.getKey()), Map.of(), new byte[0], "s3", RunningSandbox.REGION), ANSWER_WITHIN);
            if (answer.status() != 200) {
                changes.add("lost: " + object.getKey() + " (" + answer.status() + " " + answer.code() + ")");
            } else if (!Arrays.equals(answer.body(), object.getValue())) {
                changes.add("changed: " + object.getKey());
            }
        }
        // Keys with characters XML 1.0 cannot carry are listed exactly only URL-encoded, as S3 advises.
        List<String> listed = s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).encodingType(EncodingType.URL)).contents()
                .stream().map(S3Object::key).collect(Collectors.toList());
        listed.stream().filter(key -> !written.containsKey(key)).forEach(key -> changes.add("appeared: " + key));
        return changes;
    }

    private static S3Client s3(RunningSandbox sandbox) {
        return S3Client.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(RunningSandbox.rootCredentials()).httpClient(ApacheHttpClient.create()).build();
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static String percent(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static String percent(String text) {
        return percent(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String md5(byte[] body) {
        try {
            return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("MD5").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] head, byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head);
        bytes.writeBytes(body);
        return bytes.toByteArray();
    }

    private static String firstLine(byte[] request) {
        String text = new String(request, 0, Math.min(request.length, 300), StandardCharsets.ISO_8859_1);
        int end = text.indexOf('\r');
        return end < 0 ? text : text.substring(0, end);
    }
}

///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:dynamodb
//SOURCES ../lib/DemoCommand.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Command(name = "ddb-local", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"DynamoDB on your machine: the course sandbox's DynamoDB on 127.0.0.1, in the",
                "foreground. Starts a sandbox (or uses the one already on --port), shows how",
                "to aim the AWS CLI, boto3 and the SDK at it, tries it, says what a local",
                "DynamoDB does not do, then prints each DynamoDB request as it arrives until",
                "Ctrl-C, which stops a sandbox it started. With --endpoint-url it runs the",
                "same steps against a DynamoDB you run, e.g. AWS's DynamoDB Local."})
public class ddb_local implements Callable<Integer> {
    /** The sandbox's documented root key (README.md): not a secret, it only opens a sandbox. */
    static final String SANDBOX_ACCESS_KEY_ID = "AKIASANDBOXEXAMPLE00";
    static final String SANDBOX_SECRET_ACCESS_KEY = "sandbox/SECRET/root/KEY/EXAMPLE/00000000";
    /** Letters and digits: the only keys AWS's DynamoDB Local 2.x accepts, and all it looks at. */
    static final String DUMMY_KEY = "local";
    /**
     * A background sandbox's request log line, e.g. "05:47:19 POST / dynamodb:PutItem arn:aws:iam::000000000000:root → 200 (7 ms)",
     * maybe followed by the SDK's attempt and the fault rules that fired (" · attempt 2/3 · fault f1").
     */
    static final Pattern LOG_LINE = Pattern.compile("(\\S+) \\S+ \\S+ dynamodb:(\\S+) (.+?) → (\\d+) \\((\\d+) ms\\)(?: · attempt 1/\\d+)?( · .+)?");

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8000",
            description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}, DynamoDB Local's).")
    int port;

    @Option(names = "--data", paramLabel = "DIR", description = "Keep tables in DIR across restarts (default: in memory, gone when it stops).")
    Path data;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Run the steps against this DynamoDB instead (e.g. your DynamoDB Local).")
    String endpointUrl;

    @Option(names = "--region", paramLabel = "REGION", description = "Region to sign for (default: the sandbox's, or us-east-1).")
    String region;

    @Option(names = "--profile", paramLabel = "NAME", description = "Sign with this profile's keys (default: the sandbox's root key, or dummy keys).")
    String profile;

    private final HttpClient http = HttpClient.newHttpClient();
    /** Set once the JVM is exiting, so the log follower says nothing more. */
    private volatile boolean exiting;

    public static void main(String[] args) {
        DemoCommand.main(new ddb_local(), args);
    }

    /** Who answers: a sandbox this run started, one that was already running, or the user's own endpoint. */
    enum Mode { STARTED, ATTACHED, ENDPOINT }

    /** A sandbox's /_sandbox/health answer, as far as this demo needs it. */
    record Health(long pid, String account, String region, String accessKeyId) {
    }

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65535) {
            throw new Demo.UserError("Invalid --port " + port + ": use a port between 1 and 65535, e.g. 8000.");
        }
        URI endpoint;
        Mode mode;
        Optional<Health> sandbox;
        if (endpointUrl != null) {
            endpoint = parseEndpoint(endpointUrl);
            if (!answers(endpoint)) {
                throw new Demo.UserError("Nothing answers at " + endpoint + ": start your DynamoDB there first, or drop --endpoint-url to run the sandbox's.");
            }
            mode = Mode.ENDPOINT;
            sandbox = health(endpoint);
        } else {
            endpoint = URI.create("http://127.0.0.1:" + port);
            sandbox = health(endpoint);
            if (sandbox.isPresent()) {
                mode = Mode.ATTACHED;
            } else if (answers(endpoint)) {
                throw new Demo.UserError("Port " + port + " on 127.0.0.1 is in use by another program; choose another --port, or if it is your DynamoDB Local: --endpoint-url "
                        + endpoint + ".");
            } else {
                startSandbox();
                sandbox = health(endpoint);
                if (sandbox.isEmpty()) {
                    throw new Demo.UserError("The sandbox did not answer on " + endpoint + " after starting; see " + logFile());
                }
                mode = Mode.STARTED;
                long pid = sandbox.get().pid();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stopSandbox(pid), "stop-sandbox"));
            }
        }
        Region signingRegion = Region.of(Optional.ofNullable(region).orElse(sandbox.map(Health::region).orElse("us-east-1")));
        Credentials credentials = credentials(sandbox);

        Demo.step("DynamoDB on your machine");
        Demo.show("Endpoint", endpoint + switch (mode) {
            case STARTED -> " · the course sandbox, started for this demo (Ctrl-C stops it)";
            case ATTACHED -> " · the course sandbox already running there (PID " + sandbox.get().pid() + "), left running";
            case ENDPOINT -> sandbox.isPresent() ? " · a course sandbox (your --endpoint-url)" : " · your --endpoint-url, e.g. AWS's DynamoDB Local";
        });
        if (sandbox.isPresent()) {
            Demo.show("Account / region", sandbox.get().account() + " / " + sandbox.get().region()
                    + " (tables belong to the account and region, whatever key signs)");
        }
        if (mode == Mode.STARTED) {
            Demo.show("Storage", data == null ? "in memory: tables are gone when it stops" : "kept in " + data.toAbsolutePath());
        } else if (data != null) {
            Demo.say("--data is ignored: the sandbox was already running, with its own storage.");
        }

        Demo.step("Aim the AWS CLI and boto3 at it (a fresh machine needs no ~/.aws: keys and region are on the line)");
        Demo.say(credentials.cli() + "aws dynamodb list-tables --region " + signingRegion.id() + " --endpoint-url " + endpoint);
        Demo.say(credentials.python() + "python3 -c \"import boto3; print(boto3.client('dynamodb', region_name='" + signingRegion.id()
                + "', endpoint_url='" + endpoint + "'" + credentials.boto3() + ").list_tables()['TableNames'])\"");
        Demo.say("Pass --endpoint-url (endpoint_url=) every time: Debian's AWS CLI 2.9 and boto3 1.26 ignore AWS_ENDPOINT_URL.");

        Demo.step("Aim the SDK for Java at it");
        Demo.say("DynamoDbClient ddb = DynamoDbClient.builder()");
        Demo.say("    .endpointOverride(URI.create(\"" + endpoint + "\"))");
        Demo.say("    .region(Region.of(\"" + signingRegion.id() + "\"))");
        Demo.say("    .credentialsProvider(" + credentials.java() + ")");
        Demo.say("    .build();");

        long logStart = mode == Mode.ENDPOINT ? 0 : logSize();
        try (DynamoDbClient ddb = client(endpoint, signingRegion, credentials.provider())) {
            Demo.step("Try it: the calls you would make on AWS, with the capacity each one consumed");
            tryIt(ddb);

            Demo.step("Does it check signatures? ListTables signed with a wrong secret key");
            AwsCredentials real = credentials.provider().resolveCredentials();
            try (DynamoDbClient forged = client(endpoint, signingRegion,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create(real.accessKeyId(), "not-the-secret-" + real.secretAccessKey())))) {
                forged.listTables();
                Demo.show("Answer", "accepted: it checks no signature (AWS's DynamoDB Local accepts any key and secret)");
            } catch (DynamoDbException rejected) {
                Demo.show("Answer", "rejected, HTTP " + rejected.statusCode() + " " + rejected.awsErrorDetails().errorCode() + " (as AWS does)");
            }
        }

        Demo.step("What a local DynamoDB does not do");
        Demo.say("· Throughput: provisioned capacity is recorded and consumed capacity reported, but nothing is ever throttled.");
        Demo.say("· Scale: one process on your machine, no partitions, no hot keys, no network: its timings say nothing about AWS.");
        Demo.say("· Durability and reach: no copies across Availability Zones, no global tables, no backups or point-in-time recovery.");
        Demo.say("· Around it: no Streams triggering Lambda, no CloudWatch metrics, no DAX, no export to S3.");
        Demo.say("· AWS's DynamoDB Local also checks no signature and no IAM, and keeps tables per access key and region.");
        Demo.say("The official alternative is AWS's DynamoDB Local (a jar, or the amazon/dynamodb-local image), under AWS's own licence;");
        Demo.say("this course never downloads it. Running one? ddb-local --endpoint-url http://127.0.0.1:8000 runs these steps against it.");

        if (mode == Mode.ENDPOINT) {
            return 0;
        }
        Optional<Path> log = ownLog(sandbox.get());
        if (log.isEmpty()) {
            Demo.say("That sandbox runs in another terminal's foreground: its requests show there.");
            return 0;
        }
        Demo.step("DynamoDB requests as they arrive (from " + log.get() + ")");
        Demo.say("Try one from another terminal: ./jbang ddb-crud --endpoint-url " + endpoint);
        System.out.println();
        System.out.println(mode == Mode.STARTED ? "Press Ctrl-C to stop." : "Press Ctrl-C to stop watching (the sandbox keeps running).");
        follow(log.get(), logStart, sandbox.get().pid());
        return 0;
    }

    /** CreateTable, PutItem, GetItem twice (eventually and strongly consistent), DeleteTable: plain SDK calls. */
    private static void tryIt(DynamoDbClient ddb) {
        String table = Demo.uniqueName("ddb-local");
        ddb.createTable(r -> r.tableName(table).billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
        try {
            ddb.waiter().waitUntilTableExists(r -> r.tableName(table));
            Demo.show("CreateTable " + table, "ACTIVE (on-demand)");
            Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS("hello"));
            double written = ddb.putItem(r -> r.tableName(table)
                    .item(Map.of("id", AttributeValue.fromS("hello"), "greeting", AttributeValue.fromS("DynamoDB on your machine")))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits();
            Demo.show("PutItem", written + " WCU (one write unit per started KB of the item)");
            var eventual = ddb.getItem(r -> r.tableName(table).key(key).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            Demo.show("GetItem, eventually consistent", eventual.consumedCapacity().capacityUnits() + " RCU · " + eventual.item().get("greeting").s());
            var strong = ddb.getItem(r -> r.tableName(table).key(key).consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            Demo.show("GetItem, strongly consistent", strong.consumedCapacity().capacityUnits() + " RCU (a read unit per started 4 KB; half that when eventually consistent)");
        } finally {
            ddb.deleteTable(r -> r.tableName(table));
            Demo.show("DeleteTable " + table, "deleted");
        }
    }

    private static DynamoDbClient client(URI endpoint, Region region, AwsCredentialsProvider credentials) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials).build();
    }

    /** Signing keys and how to write them on a command line, in Python and in Java. */
    record Credentials(AwsCredentialsProvider provider, String cli, String python, String boto3, String java) {
    }

    private Credentials credentials(Optional<Health> sandbox) {
        if (profile != null) {
            if (ProfileFile.defaultProfileFile().profile(profile).isEmpty()) {
                throw new Demo.UserError("No profile '" + profile + "' in ~/.aws/config or ~/.aws/credentials: create it with 'aws configure --profile "
                        + profile + "' or drop --profile.");
            }
            return new Credentials(ProfileCredentialsProvider.create(profile), "AWS_PROFILE=" + profile + " ", "AWS_PROFILE=" + profile + " ", "",
                    "ProfileCredentialsProvider.create(\"" + profile + "\")");
        }
        if (sandbox.isEmpty()) {
            return keys(DUMMY_KEY, DUMMY_KEY);
        }
        if (!sandbox.get().accessKeyId().equals(SANDBOX_ACCESS_KEY_ID)) {
            throw new Demo.UserError("That sandbox's root key is " + sandbox.get().accessKeyId() + ", not the default one: pass --profile with its keys.");
        }
        return keys(SANDBOX_ACCESS_KEY_ID, SANDBOX_SECRET_ACCESS_KEY);
    }

    private static Credentials keys(String accessKey, String secretKey) {
        String environment = "AWS_ACCESS_KEY_ID=" + accessKey + " AWS_SECRET_ACCESS_KEY=" + secretKey + " ";
        return new Credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)), environment, "",
                ", aws_access_key_id='" + accessKey + "', aws_secret_access_key='" + secretKey + "'",
                "StaticCredentialsProvider.create(AwsBasicCredentials.create(\"" + accessKey + "\", \"" + secretKey + "\"))");
    }

    // ---- the sandbox: find, start, follow, stop ----

    private static URI parseEndpoint(String text) {
        try {
            URI uri = URI.create(text);
            if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (IllegalArgumentException ignored) {
            // the one-line message below
        }
        throw new Demo.UserError("Invalid endpoint URL '" + text + "': use e.g. http://127.0.0.1:8000.");
    }

    /** Whether anything accepts a TCP connection there. */
    private static boolean answers(URI endpoint) {
        int endpointPort = endpoint.getPort() > 0 ? endpoint.getPort() : "https".equals(endpoint.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpointPort), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The course sandbox's health answer at this endpoint, if a course sandbox is what answers. */
    private Optional<Health> health(URI endpoint) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(endpoint.resolve("/_sandbox/health"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            String body = answer.body();
            if (answer.statusCode() != 200 || !"course-sandbox".equals(field(body, "service"))) {
                return Optional.empty();
            }
            return Optional.of(new Health(Long.parseLong(Optional.ofNullable(number(body, "pid")).orElse("0")),
                    field(body, "account"), field(body, "region"), field(body, "accessKeyId")));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Demo.UserError("Interrupted.");
        }
    }

    private static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return value.find() ? value.group(1) : null;
    }

    private static String number(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json);
        return value.find() ? value.group(1) : null;
    }

    /**
     * `jbang sandbox start --port PORT`: the sandbox alias of the clone this runs in, else the
     * `course` catalog's. It runs in the background and writes its requests to its log.
     */
    private void startSandbox() throws IOException, InterruptedException {
        String jbang = Optional.ofNullable(System.getenv("JBANG_LAUNCH_CMD")).filter(s -> !s.isBlank()).orElse("jbang");
        String startIt = Demo.jbangCommand("sandbox"); // "./jbang sandbox" inside a clone of the course, else "jbang sandbox@course"
        String alias = startIt.substring(startIt.lastIndexOf(' ') + 1);
        List<String> command = new ArrayList<>(List.of(jbang, alias, "start", "--port", String.valueOf(port)));
        if (data != null) {
            command.addAll(List.of("--data", data.toAbsolutePath().toString()));
        }
        System.out.println("Starting the sandbox on 127.0.0.1:" + port + " (" + String.join(" ", command.subList(1, command.size())) + ")…");
        Process start;
        try {
            start = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new Demo.UserError("Could not run " + jbang + " to start the sandbox (" + e.getMessage() + "); start one yourself: " + startIt + " start --port " + port);
        }
        List<String> output = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.startsWith("[jbang]")).toList();
        if (start.waitFor() != 0) {
            throw new Demo.UserError("Could not start the sandbox: " + (output.isEmpty() ? "no output" : output.get(output.size() - 1)));
        }
    }

    /** Where background sandboxes keep PID and log files: $COURSE_SANDBOX_HOME, else ~/.course/sandbox. */
    private static Path stateDirectory() {
        return Optional.ofNullable(System.getenv("COURSE_SANDBOX_HOME")).filter(s -> !s.isBlank()).map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".course", "sandbox"));
    }

    private Path logFile() {
        return stateDirectory().resolve(port + ".log");
    }

    private long logSize() throws IOException {
        return Files.exists(logFile()) ? Files.size(logFile()) : 0;
    }

    /** The log of the sandbox on the port when it is a background one (its PID file names it), else none. */
    private Optional<Path> ownLog(Health sandbox) {
        try {
            Path pidFile = stateDirectory().resolve(port + ".pid");
            if (Files.exists(pidFile) && Files.readString(pidFile).trim().equals(String.valueOf(sandbox.pid())) && Files.exists(logFile())) {
                return Optional.of(logFile());
            }
        } catch (IOException unreadable) {
            // then there is no log to follow
        }
        return Optional.empty();
    }

    /** Prints the log's DynamoDB requests from {@code offset} on, as they are written, while the sandbox lives. */
    private void follow(Path log, long offset, long pid) throws IOException, InterruptedException {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        StringBuilder partial = new StringBuilder();
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long position = offset;
            byte[] buffer = new byte[8192];
            while (true) {
                file.seek(position);
                int read = file.read(buffer);
                if (read > 0) {
                    position += read;
                    partial.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                    for (int newline; (newline = partial.indexOf("\n")) >= 0; partial.delete(0, newline + 1)) {
                        request(partial.substring(0, newline)).ifPresent(line -> System.out.println("   " + line));
                    }
                    continue;
                }
                if (process.isEmpty() || !process.get().isAlive()) {
                    if (!exiting) {
                        System.out.println("The sandbox stopped.");
                    }
                    return;
                }
                Thread.sleep(200);
            }
        }
    }

    /** A DynamoDB request of the log, shortened: time, operation, caller, status, duration. */
    static Optional<String> request(String logLine) {
        Matcher line = LOG_LINE.matcher(logLine.strip());
        if (line.matches()) {
            return Optional.of(line.group(1) + " " + line.group(2) + " · " + line.group(3) + " · HTTP " + line.group(4) + " · " + line.group(5) + " ms"
                    + (line.group(6) == null ? "" : line.group(6)));
        }
        return logLine.contains(" dynamodb:") ? Optional.of(logLine.strip()) : Optional.empty();
    }

    /** On exit (Ctrl-C, SIGTERM): stop the sandbox this run started, as `sandbox stop` does. */
    private void stopSandbox(long pid) {
        exiting = true;
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(process -> {
            process.destroy();
            Instant deadline = Instant.now().plusSeconds(10);
            while (process.isAlive() && Instant.now().isBefore(deadline)) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            System.out.println("Sandbox on 127.0.0.1:" + port + " stopped.");
        });
    }
}

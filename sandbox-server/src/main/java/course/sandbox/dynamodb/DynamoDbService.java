package course.sandbox.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import course.sandbox.http.Headers;
import course.sandbox.http.SandboxResponse;
import course.sandbox.service.Authorization;
import course.sandbox.service.AwsService;
import course.sandbox.service.Operation;
import course.sandbox.service.ServiceDescriptor;
import course.sandbox.service.ServiceException;
import course.sandbox.service.ServiceRegistry;
import course.sandbox.service.ServiceRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * DynamoDB behind the pipeline: AWS's DynamoDB Local, started on the first DynamoDB request,
 * receives each request once the pipeline has authenticated and authorized it.
 *
 * <p>DynamoDB Local keeps one set of tables per access key and region and checks no signature.
 * Requests are forwarded with one fixed key per account and the request's region, so every
 * principal of the account sees the same tables in a region, as in AWS. DynamoDB Local names
 * its resources {@code arn:aws:dynamodb:ddblocal:000000000000:…}; ARNs are translated both ways
 * so clients see the sandbox's region and account.
 */
public final class DynamoDbService implements AwsService, AutoCloseable {
    static final String LOCAL_ARN_PREFIX = "arn:aws:dynamodb:ddblocal:000000000000:";
    private static final String JSON_TYPE = "application/x-amz-json-1.0";
    /** Authentication and authorization errors come from AWS's front end, not from DynamoDB itself. */
    private static final Set<String> FRONT_END_ERRORS = Set.of("AccessDeniedException", "UnrecognizedClientException",
            "InvalidSignatureException", "IncompleteSignatureException", "MissingAuthenticationTokenException",
            "ExpiredTokenException");
    private static final Set<String> SCHEMA_CHANGES = Set.of("CreateTable", "DeleteTable", "UpdateTable",
            "RestoreTableFromBackup", "RestoreTableToPointInTime", "ImportTable");
    private static final DateTimeFormatter SCOPE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final String account;
    private final Optional<Path> dataDirectory;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Key schemas by region and table name; dropped when a request may change them. */
    private final Map<String, KeySchema> schemas = new ConcurrentHashMap<>();
    private DynamoDbLocal local;

    /**
     * @param account       the sandbox's account: all its principals share its tables
     * @param dataDirectory where DynamoDB Local keeps its SQLite files, or empty for memory only
     */
    public DynamoDbService(String account, Optional<Path> dataDirectory) {
        this.account = account;
        this.dataDirectory = dataDirectory;
    }

    @Override
    public ServiceDescriptor descriptor() {
        return ServiceRegistry.get("dynamodb");
    }

    @Override
    public Operation operation(ServiceRequest request) {
        if (request.caller().isAnonymous()) {
            throw new ServiceException(400, "MissingAuthenticationTokenException", "Request is missing Authentication Token");
        }
        String operation = request.route().action();
        return DynamoDbPermissions.of(operation, body(request), request.region(), account,
                table -> keySchema(request.region(), table));
    }

    @Override
    public SandboxResponse handle(ServiceRequest request, Operation operation, Authorization authorization) {
        if (SCHEMA_CHANGES.contains(operation.name())) {
            schemas.clear();
        }
        String target = request.http().headers().first("X-Amz-Target").orElseThrow();
        String body = new String(request.body(), StandardCharsets.UTF_8)
                .replace(sandboxArnPrefix(request.region()), LOCAL_ARN_PREFIX);
        HttpResponse<String> answer = forward(target, body, request.region());
        byte[] translated = answer.body().replace(LOCAL_ARN_PREFIX, sandboxArnPrefix(request.region()))
                .getBytes(StandardCharsets.UTF_8);
        Headers headers = new Headers()
                .add("Content-Type", answer.headers().firstValue("Content-Type").orElse(JSON_TYPE))
                .add("x-amzn-RequestId", request.requestId());
        // The SDK checks x-amz-crc32 against the body it receives, which the ARN translation changed.
        if (answer.headers().firstValue("x-amz-crc32").isPresent()) {
            CRC32 crc = new CRC32();
            crc.update(translated);
            headers.add("x-amz-crc32", String.valueOf(crc.getValue()));
        }
        return new SandboxResponse(answer.statusCode(), headers, translated);
    }

    @Override
    public SandboxResponse render(ServiceException error, ServiceRequest request) {
        boolean frontEnd = FRONT_END_ERRORS.contains(error.code());
        ObjectNode body = json.createObjectNode();
        body.put("__type", (frontEnd ? "com.amazon.coral.service#" : "com.amazonaws.dynamodb.v20120810#") + error.code());
        body.put(frontEnd ? "Message" : "message", error.getMessage());
        Headers headers = new Headers().add("Content-Type", JSON_TYPE).add("x-amzn-RequestId", request.requestId());
        return new SandboxResponse(error.status(), headers, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** DynamoDB answers a denied request with 400 AccessDeniedException, not S3's 403 AccessDenied. */
    @Override
    public ServiceException accessDenied(String message) {
        return new ServiceException(400, "AccessDeniedException", message);
    }

    @Override
    public boolean quotesResourcesInDenials() {
        return false;
    }

    /** Drops every table: DynamoDB Local stops, its files go, and the next request starts a fresh one. */
    @Override
    public synchronized void reset() {
        close();
        schemas.clear();
        if (dataDirectory.isPresent() && Files.isDirectory(dataDirectory.get())) {
            try (Stream<Path> files = Files.list(dataDirectory.get())) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".db")).toList()) {
                    Files.delete(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (local != null) {
            local.close();
            local = null;
        }
    }

    /** DynamoDB Local's endpoint, starting it on first use so S3- and IAM-only sessions never pay for it. */
    private synchronized URI localEndpoint() {
        if (local == null) {
            try {
                local = DynamoDbLocal.start(0, dataDirectory, false);
            } catch (IOException e) {
                throw new IllegalStateException("DynamoDB Local did not start: " + e.getMessage(), e);
            }
        }
        return URI.create(local.endpoint() + "/");
    }

    private HttpResponse<String> forward(String target, String body, String region) {
        // DynamoDB Local reads the access key and region from the credential scope and checks nothing else.
        String authorization = "AWS4-HMAC-SHA256 Credential=" + localAccessKey() + "/" + SCOPE_DATE.format(Instant.now())
                + "/" + region + "/dynamodb/aws4_request, SignedHeaders=host;x-amz-target, Signature=-";
        HttpRequest forwarded = HttpRequest.newBuilder(localEndpoint())
                .timeout(Duration.ofMinutes(1))
                .header("Content-Type", JSON_TYPE)
                .header("X-Amz-Target", target)
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(forwarded, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ServiceException(500, "InternalServerError", "DynamoDB Local did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(500, "InternalServerError", "Interrupted while waiting for DynamoDB Local");
        }
    }

    /** DynamoDB Local accepts only letters and digits in access keys. */
    private String localAccessKey() {
        return "ACCOUNT" + account;
    }

    private String sandboxArnPrefix(String region) {
        return "arn:aws:dynamodb:" + region + ":" + account + ":";
    }

    private JsonNode body(ServiceRequest request) {
        if (request.body().length == 0) {
            return json.createObjectNode();
        }
        try {
            JsonNode body = json.readTree(request.body());
            if (body == null || !body.isObject()) {
                throw new ServiceException(400, "SerializationException", "Start of structure or map found where not expected");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new ServiceException(400, "SerializationException", "Malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table's key schema as DynamoDB Local describes it; empty when the table does not exist. */
    private Optional<KeySchema> keySchema(String region, String tableName) {
        String table = tableName.startsWith("arn:") ? tableName.substring(tableName.lastIndexOf('/') + 1) : tableName;
        String cacheKey = region + "/" + table;
        KeySchema cached = schemas.get(cacheKey);
        if (cached != null) {
            return Optional.of(cached);
        }
        HttpResponse<String> answer = forward("DynamoDB_20120810.DescribeTable",
                json.createObjectNode().put("TableName", table).toString(), region);
        if (answer.statusCode() != 200) {
            return Optional.empty();
        }
        try {
            JsonNode description = json.readTree(answer.body()).path("Table");
            Map<String, String> indexes = new HashMap<>();
            for (String kind : new String[] {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
                for (JsonNode index : description.path(kind)) {
                    indexes.put(index.path("IndexName").asText(), hashKey(index.path("KeySchema")));
                }
            }
            KeySchema schema = new KeySchema(hashKey(description.path("KeySchema")), indexes);
            schemas.put(cacheKey, schema);
            return Optional.of(schema);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String hashKey(JsonNode keySchema) {
        for (JsonNode element : keySchema) {
            if (element.path("KeyType").asText().equals("HASH")) {
                return element.path("AttributeName").asText();
            }
        }
        return "";
    }
}

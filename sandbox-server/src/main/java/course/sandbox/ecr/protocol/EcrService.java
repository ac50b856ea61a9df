package course.sandbox.ecr.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import course.sandbox.ecr.EcrErrors;
import course.sandbox.ecr.EcrModel;
import course.sandbox.ecr.EcrModel.Repository;
import course.sandbox.ecr.EcrModel.Scope;
import course.sandbox.http.SandboxResponse;
import course.sandbox.protocol.DocumentCodec;
import course.sandbox.service.Authorization;
import course.sandbox.service.AwsService;
import course.sandbox.service.Operation;
import course.sandbox.service.Permission;
import course.sandbox.service.ServiceDescriptor;
import course.sandbox.service.ServiceRegistry;
import course.sandbox.service.ServiceRequest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The part of Amazon ECR's API a push needs: CreateRepository, DescribeRepositories,
 * DeleteRepository and GetAuthorizationToken (JSON 1.1, {@code AmazonEC2ContainerRegistry_V20150921}).
 * The token's proxyEndpoint is the address the caller reached the sandbox at, where
 * {@link course.sandbox.ecr.RegistryEndpoint} serves the registry.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_Operations.html">ECR actions</a>
 */
public final class EcrService implements AwsService {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> SERVED = Set.of("CreateRepository", "DescribeRepositories", "DeleteRepository",
            "GetAuthorizationToken", "DescribeImages");

    private final EcrModel model;

    public EcrService(EcrModel model) {
        this.model = model;
    }

    @Override
    public ServiceDescriptor descriptor() {
        return ServiceRegistry.get("ecr");
    }

    @Override
    public Operation operation(ServiceRequest request) {
        String name = request.route().action();
        if (!SERVED.contains(name)) {
            throw notServed(name);
        }
        Scope scope = scope(request);
        JsonNode input = request.documentCodec().input(request.body());
        List<Permission> permissions = new ArrayList<>();
        switch (name) {
            case "GetAuthorizationToken" -> permissions.add(Permission.of("ecr:GetAuthorizationToken", "*"));
            case "DescribeRepositories" -> {
                List<String> names = names(input);
                if (names.isEmpty()) {
                    permissions.add(Permission.of("ecr:DescribeRepositories", scope.repositoryArn("*")));
                }
                names.forEach(repository -> permissions.add(Permission.of("ecr:DescribeRepositories",
                        scope.repositoryArn(repository))));
            }
            default -> permissions.add(Permission.of("ecr:" + name, scope.repositoryArn(text(input, "repositoryName"))));
        }
        return new Operation(name, permissions);
    }

    @Override
    public SandboxResponse handle(ServiceRequest request, Operation operation, Authorization authorization) {
        DocumentCodec codec = request.documentCodec();
        JsonNode input = codec.input(request.body());
        Scope scope = scope(request);
        ObjectNode output = NODES.objectNode();
        switch (operation.name()) {
            case "CreateRepository" -> output.set("repository", repository(model.createRepository(scope,
                    text(input, "repositoryName"), input.hasNonNull("imageTagMutability") ? input.get("imageTagMutability").asText() : null,
                    request.now())));
            case "DescribeRepositories" -> {
                ArrayNode repositories = output.putArray("repositories");
                model.describeRepositories(scope, names(input)).forEach(repository -> repositories.add(repository(repository)));
            }
            case "DeleteRepository" -> {
                output.set("repository", repository(model.deleteRepository(scope, text(input, "repositoryName"),
                        input.path("force").asBoolean(false))));
            }
            case "DescribeImages" -> {
                String name = text(input, "repositoryName");
                ArrayNode details = output.putArray("imageDetails");
                for (EcrModel.Image image : model.images(scope, name)) {
                    ObjectNode detail = details.addObject().put("registryId", scope.account()).put("repositoryName", name)
                            .put("imageDigest", image.manifest().digest());
                    if (!image.tags().isEmpty()) {
                        image.tags().forEach(detail.putArray("imageTags")::add);
                    }
                    detail.put("imageSizeInBytes", image.manifest().size())
                            .put("imagePushedAt", image.manifest().pushedAt().getEpochSecond())
                            .put("imageManifestMediaType", image.manifest().mediaType());
                }
            }
            case "GetAuthorizationToken" -> {
                EcrModel.Token token = model.issueToken(scope, request.caller().credential().orElseThrow(), request.now());
                ObjectNode data = output.putArray("authorizationData").addObject();
                data.put("authorizationToken", Base64.getEncoder().encodeToString(("AWS:" + token.password())
                        .getBytes(StandardCharsets.UTF_8)));
                data.put("expiresAt", token.expiresAt().getEpochSecond());
                // The registry answers where the client reached the sandbox: on AWS, https://<registryHost>.
                data.put("proxyEndpoint", "http://" + request.route().request().host());
            }
            default -> throw new IllegalStateException(operation.name());
        }
        return codec.answer(200, output, request.requestId());
    }

    @Override
    public void reset() {
        model.reset();
    }

    private static ObjectNode repository(Repository repository) {
        ObjectNode node = NODES.objectNode();
        node.put("repositoryArn", repository.arn()).put("registryId", repository.scope().account())
                .put("repositoryName", repository.name()).put("repositoryUri", repository.uri())
                .put("createdAt", repository.createdAt().getEpochSecond()).put("imageTagMutability", repository.tagMutability());
        node.putObject("imageScanningConfiguration").put("scanOnPush", false);
        node.putObject("encryptionConfiguration").put("encryptionType", "AES256");
        return node;
    }

    private static List<String> names(JsonNode input) {
        List<String> names = new ArrayList<>();
        input.path("repositoryNames").forEach(name -> names.add(name.asText()));
        return names;
    }

    private static String text(JsonNode input, String member) {
        JsonNode value = input.get(member);
        if (value == null || value.isNull()) {
            throw EcrErrors.invalid("1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value.asText();
    }

    private static Scope scope(ServiceRequest request) {
        return new Scope(request.caller().principal().accountId(), request.region());
    }
}

package course.sandbox.lambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import course.sandbox.ecr.EcrModel;
import course.sandbox.lambda.ContainerImage;
import course.sandbox.lambda.ContainerImage.ImageConfig;
import course.sandbox.lambda.LambdaErrors;
import course.sandbox.lambda.LambdaModel.Scope;
import course.sandbox.service.ServiceException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a function's ImageUri in the sandbox's ECR, as Lambda pulls it from the function's own
 * account and region: {@code ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO:TAG} (or {@code @sha256:…}).
 * The sandbox's own address ({@code 127.0.0.1:PORT/REPO:TAG}, the host a client pushed to) names
 * the caller's registry too, since that host can never resolve to an ECR name.
 */
final class ImageSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ECR = Pattern.compile(
            "(\\d{12})\\.dkr\\.ecr\\.([a-z]{2}(?:-gov)?-[a-z]+-\\d)\\.amazonaws\\.com/([a-z0-9._/-]+)(?::([A-Za-z0-9_][A-Za-z0-9._-]{0,127})|@(sha256:[0-9a-f]{64}))");
    private static final Pattern LOCAL = Pattern.compile(
            "((?:127\\.0\\.0\\.1|localhost):\\d{1,5})/([a-z0-9._/-]+)(?::([A-Za-z0-9_][A-Za-z0-9._-]{0,127})|@(sha256:[0-9a-f]{64}))");

    private final EcrModel ecr;

    ImageSource(EcrModel ecr) {
        this.ecr = ecr;
    }

    /**
     * The image behind {@code imageUri}, with the function's ImageConfig overrides.
     *
     * @throws ServiceException InvalidParameterValueException when the URI is no ECR image URI or
     *                          names nothing in the function's registry
     */
    ContainerImage resolve(Scope scope, String imageUri, ImageConfig overrides) {
        if (imageUri == null) {
            throw LambdaErrors.invalid("Please provide ImageUri when the intended function PackageType is Image.");
        }
        EcrModel.Scope registry;
        String repository;
        String reference;
        Matcher ecrUri = ECR.matcher(imageUri);
        Matcher localUri = LOCAL.matcher(imageUri);
        if (ecrUri.matches()) {
            registry = new EcrModel.Scope(ecrUri.group(1), ecrUri.group(2));
            if (!registry.account().equals(scope.account()) || !registry.region().equals(scope.region())) {
                throw LambdaErrors.invalid("Source image " + imageUri + " is not valid. Provide a valid source image.");
            }
            repository = ecrUri.group(3);
            reference = ecrUri.group(4) != null ? ecrUri.group(4) : ecrUri.group(5);
        } else if (localUri.matches()) {
            registry = new EcrModel.Scope(scope.account(), scope.region());
            repository = localUri.group(2);
            reference = localUri.group(3) != null ? localUri.group(3) : localUri.group(4);
        } else {
            throw LambdaErrors.invalid("Source image " + imageUri + " is not valid. Provide a valid source image.");
        }
        EcrModel.Manifest manifest;
        try {
            manifest = ecr.manifest(registry, repository, reference).orElse(null);
        } catch (ServiceException noRepository) {
            manifest = null;
        }
        if (manifest == null) {
            throw LambdaErrors.invalid("Source image " + imageUri + " does not exist. Provide a valid source image.");
        }
        JsonNode document = json(manifest.bytes(), imageUri);
        JsonNode config = json(blob(registry, repository, document.path("config").path("digest").asText(), imageUri), imageUri)
                .path("config");
        List<byte[]> layers = new ArrayList<>();
        for (JsonNode layer : document.path("layers")) {
            layers.add(blob(registry, repository, layer.path("digest").asText(), imageUri));
        }
        ImageConfig fromImage = new ImageConfig(strings(config.get("Entrypoint")), strings(config.get("Cmd")),
                config.hasNonNull("WorkingDir") ? config.get("WorkingDir").asText() : null);
        return new ContainerImage(imageUri, registry.registryHost() + "/" + repository + "@" + manifest.digest(),
                manifest.digest(), fromImage, overrides, layers);
    }

    private byte[] blob(EcrModel.Scope registry, String repository, String digest, String imageUri) {
        return ecr.blob(registry, repository, digest).orElseThrow(() -> LambdaErrors.invalid("Source image " + imageUri
                + " is not valid: its manifest names blob " + digest + ", which the repository does not have."));
    }

    private static JsonNode json(byte[] bytes, String imageUri) {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException unreadable) {
            // answered below
        }
        throw LambdaErrors.invalid("Source image " + imageUri + " is not valid: its manifest or config is no JSON object. "
                + "Provide a valid source image.");
    }

    private static List<String> strings(JsonNode array) {
        if (array == null || array.isNull()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return List.copyOf(values);
    }
}

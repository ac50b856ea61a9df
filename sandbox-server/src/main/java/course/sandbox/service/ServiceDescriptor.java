package course.sandbox.service;

import course.sandbox.protocol.Protocol;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How AWS's front door recognizes one service, as its SDK clients address it. The router reads
 * these ({@link course.sandbox.protocol.ServiceRoute}); the codecs read the error namespaces.
 *
 * @param name             the sandbox's name for it (the key of its {@link AwsService}), e.g. {@code cloudwatch}
 * @param title            what messages call it, e.g. {@code Amazon CloudWatch}
 * @param signingName      the service of a SigV4 credential scope, e.g. {@code monitoring}
 * @param protocols        the protocols its clients speak, the default first (CloudWatch: Query for the
 *                         AWS CLI, RPC v2 CBOR for SDK v2)
 * @param targetPrefixes   X-Amz-Target prefixes before the dot, e.g. {@code Logs_20140328}
 * @param cborServiceName  the RPC v2 CBOR service of {@code /service/<name>/operation/…}, or empty
 * @param pathPrefixes     path prefixes of its REST operations, e.g. {@code /2015-03-31/functions}
 * @param endpointPrefixes the host labels of its endpoints, e.g. {@code s3-control} in
 *                         {@code 123456789012.s3-control.us-east-1.amazonaws.com}
 * @param jsonNamespace    the {@code __type} prefix of its JSON and CBOR errors
 * @param queryNamespace   the xmlns of its Query answers
 * @param queryCompatible  awsQueryCompatible: JSON/CBOR errors also carry {@code x-amzn-query-error}
 * @param clockSkew        how far a signed request's time may be from the server's
 * @param anonymous        whether unsigned requests reach it (S3: a bucket policy may allow them)
 * @param unsignedActions  operations that are never signed (STS AssumeRoleWithWebIdentity)
 * @param queryActions     the Query actions that name it when the signature does not (unsigned requests)
 * @param served           whether the sandbox serves it; a known service it does not serve answers 501
 * @param xmlNoErrorWrapping REST-XML errors as a bare {@code <Error>} (S3), not in {@code <ErrorResponse>} (S3 Control)
 */
public record ServiceDescriptor(String name, String title, String signingName, List<Protocol> protocols,
                                List<String> targetPrefixes, String cborServiceName, List<String> pathPrefixes,
                                List<String> endpointPrefixes, String jsonNamespace, String queryNamespace,
                                boolean queryCompatible, Duration clockSkew, boolean anonymous,
                                Set<String> unsignedActions, Set<String> queryActions, boolean served,
                                boolean xmlNoErrorWrapping) {

    public ServiceDescriptor {
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException(name + " speaks no protocol");
        }
    }

    /** A service signed as {@code signingName} and reached at the host label of the same name. */
    public static ServiceDescriptor of(String name, String title, String signingName, Protocol... protocols) {
        return new ServiceDescriptor(name, title, signingName, List.of(protocols), List.of(), "", List.of(),
                List.of(signingName), "", "", false, Duration.ofMinutes(5), false, Set.of(), Set.of(), false, false);
    }

    public boolean speaks(Protocol protocol) {
        return protocols.contains(protocol);
    }

    public Protocol defaultProtocol() {
        return protocols.get(0);
    }

    public boolean matchesPath(String rawPath) {
        return pathPrefixes.stream().anyMatch(prefix -> rawPath.equals(prefix) || rawPath.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")
                || rawPath.startsWith(prefix + "?"));
    }

    public ServiceDescriptor targets(String... prefixes) {
        return new ServiceDescriptor(name, title, signingName, protocols, List.of(prefixes), cborServiceName, pathPrefixes,
                endpointPrefixes, jsonNamespace, queryNamespace, queryCompatible, clockSkew, anonymous, unsignedActions,
                queryActions, served, xmlNoErrorWrapping);
    }

    public ServiceDescriptor cborService(String service) {
        return new ServiceDescriptor(name, title, signingName, protocols, targetPrefixes, service, pathPrefixes,
                endpointPrefixes, jsonNamespace, queryNamespace, queryCompatible, clockSkew, anonymous, unsignedActions,
                queryActions, served, xmlNoErrorWrapping);
    }

    public ServiceDescriptor paths(String... prefixes) {
        return new ServiceDescriptor(name, title, signingName, protocols, targetPrefixes, cborServiceName, List.of(prefixes),
                endpointPrefixes, jsonNamespace, queryNamespace, queryCompatible, clockSkew, anonymous, unsignedActions,
                queryActions, served, xmlNoErrorWrapping);
    }

    public ServiceDescriptor endpoints(String... prefixes) {
        return new ServiceDescriptor(name, title, signingName, protocols, targetPrefixes, cborServiceName, pathPrefixes,
                List.of(prefixes), jsonNamespace, queryNamespace, queryCompatible, clockSkew, anonymous, unsignedActions,
                queryActions, served, xmlNoErrorWrapping);
    }

    public ServiceDescriptor jsonErrors(String namespace) {
        return new ServiceDescriptor(name, title, signingName, protocols, targetPrefixes, cborServiceName, pathPrefixes,
                endpointPrefixes, namespace, queryNamespace, queryCompatible, clockSkew, anonymous, unsignedActions,
                queryActions, served, xmlNoErrorWrapping);
    }

    public ServiceDescriptor queryNamespace(String namespace) {
        return new ServiceDescriptor(name, title, signingName, protocols, targetPrefixes, cborServiceName, pathPrefixes,
                endpointPrefixes, jsonNamespace, namespace, queryCompatible, clockSkew, anonymous, unsignedActions,
                queryActions, served, xmlNoErrorWrapping);
    }

    public ServiceDescriptor awsQueryCompatible() {
        return new ServiceDescriptor(name, title, signingName, protocols, targetPrefixes, cborServiceName, pathPrefixes,
                endpointPrefixes, jsonNamespace, queryNamespace, true, clockSkew, anonymous, unsignedActions,
                queryActions, served, xmlNoErrorWrapping);
    }

    public ServiceDescriptor clockSkew(Duration skew) {
        return new ServiceDescriptor(name, title, signingName, protocols, targetPrefixes, cborServiceName, pathPrefixes,
                endpointPrefixes, jsonNamespace, queryNamespace, queryCompatible, skew, anonymous, unsignedActions,
                queryActions, served, xmlNoErrorWrapping);
    }

    public ServiceDescriptor anonymousAllowed() {
        return new ServiceDescriptor(name, title, signingName, protocols, targetPrefixes, cborServiceName, pathPrefixes,
                endpointPrefixes, jsonNamespace, queryNamespace, queryCompatible, clockSkew, true, unsignedActions,
                queryActions, served, xmlNoErrorWrapping);
    }

    public ServiceDescriptor unsigned(String... actions) {
        return new ServiceDescriptor(name, title, signingName, protocols, targetPrefixes, cborServiceName, pathPrefixes,
                endpointPrefixes, jsonNamespace, queryNamespace, queryCompatible, clockSkew, anonymous, Set.of(actions),
                queryActions, served, xmlNoErrorWrapping);
    }

    public ServiceDescriptor actions(String... actions) {
        return new ServiceDescriptor(name, title, signingName, protocols, targetPrefixes, cborServiceName, pathPrefixes,
                endpointPrefixes, jsonNamespace, queryNamespace, queryCompatible, clockSkew, anonymous, unsignedActions,
                Set.of(actions), served, xmlNoErrorWrapping);
    }

    public ServiceDescriptor unwrappedXmlErrors() {
        return new ServiceDescriptor(name, title, signingName, protocols, targetPrefixes, cborServiceName, pathPrefixes,
                endpointPrefixes, jsonNamespace, queryNamespace, queryCompatible, clockSkew, anonymous, unsignedActions,
                queryActions, served, true);
    }

    public ServiceDescriptor servedBySandbox() {
        return new ServiceDescriptor(name, title, signingName, protocols, targetPrefixes, cborServiceName, pathPrefixes,
                endpointPrefixes, jsonNamespace, queryNamespace, queryCompatible, clockSkew, anonymous, unsignedActions,
                queryActions, true, xmlNoErrorWrapping);
    }
}

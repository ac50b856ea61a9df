package course.sandbox;

import course.sandbox.auth.AuthError;
import course.sandbox.auth.AuthResult;
import course.sandbox.auth.SigV4Verifier;
import course.sandbox.auth.SigningCredential;
import course.sandbox.control.ControlEndpoint;
import course.sandbox.ecr.RegistryEndpoint;
import course.sandbox.faults.FaultError;
import course.sandbox.faults.FaultInjector;
import course.sandbox.faults.Injection;
import course.sandbox.http.Headers;
import course.sandbox.http.SandboxRequest;
import course.sandbox.http.SandboxResponse;
import course.sandbox.iam.Credential;
import course.sandbox.iam.CredentialStore;
import course.sandbox.iam.policy.AccessDeniedMessage;
import course.sandbox.iam.policy.DenialReason;
import course.sandbox.protocol.ErrorContext;
import course.sandbox.protocol.ServiceRoute;
import course.sandbox.service.Authorization;
import course.sandbox.service.AwsService;
import course.sandbox.service.Caller;
import course.sandbox.service.Operation;
import course.sandbox.service.Permission;
import course.sandbox.service.ServiceDescriptor;
import course.sandbox.service.ServiceRegistry;
import course.sandbox.service.ServiceException;
import course.sandbox.service.ServiceRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one path every request takes: authenticate → route → inject faults → authorize → handle → explain.
 * Each stage records what it did in the request's {@link RequestTrace}.
 */
public final class Pipeline {
    /** Names the fault rules behind an injected error, so a client (or a curious student) can tell it from a real one. */
    public static final String FAULT_HEADER = "x-course-sandbox-fault";
    private final ControlEndpoint control;
    private final RegistryEndpoint registry;
    private final Map<String, AwsService> services;
    private final SigV4Verifier<Credential> verifier;
    private final Authorizer authorizer;
    private final Clock clock;
    private final String defaultRegion;
    private final RequestLog log;
    private final FaultInjector faults;

    public Pipeline(ControlEndpoint control, RegistryEndpoint registry, Map<String, AwsService> services,
                    CredentialStore credentials, Authorizer authorizer, Clock clock, String defaultRegion, RequestLog log,
                    FaultInjector faults) {
        this.control = control;
        this.registry = registry;
        this.services = Map.copyOf(services);
        for (ServiceDescriptor known : ServiceRegistry.SERVICES) {
            if (known.served() != services.containsKey(known.name())) {
                throw new IllegalStateException(known.name() + " is " + (known.served() ? "" : "not ")
                        + "marked served in the registry, but " + (known.served() ? "has no" : "has a") + " service");
            }
        }
        this.verifier = new SigV4Verifier<>(accessKeyId -> credentials.lookup(accessKeyId)
                .filter(Credential::active)
                .map(Pipeline::signingCredential));
        this.authorizer = authorizer;
        this.clock = clock;
        this.defaultRegion = defaultRegion;
        this.log = log;
        this.faults = faults;
    }

    private static SigningCredential<Credential> signingCredential(Credential credential) {
        return credential.sessionToken()
                .map(token -> SigningCredential.session(credential.accessKeyId(), credential.secretAccessKey(), token,
                        credential.expiration().orElseThrow(), credential))
                .orElseGet(() -> SigningCredential.longTerm(credential.accessKeyId(), credential.secretAccessKey(), credential));
    }

    public SandboxResponse process(SandboxRequest request) {
        RequestTrace trace = new RequestTrace(request.method(), request.rawPath());
        request.headers().first("amz-sdk-request").ifPresent(trace::attempt);
        SandboxResponse response = answer(request, trace);
        log.record(trace, response.status());
        return response;
    }

    private SandboxResponse answer(SandboxRequest request, RequestTrace trace) {
        if (ControlEndpoint.handles(request)) {
            trace.route("sandbox", request.rawPath().substring(ControlEndpoint.PREFIX.length()));
            return control.handle(request).orElseGet(() -> SandboxResponse.json(404,
                    "{\"error\":\"no such sandbox endpoint: " + request.method() + " " + request.rawPath() + "\"}"));
        }
        if (RegistryEndpoint.handles(request)) {
            // The container registry speaks the OCI distribution API with Basic auth, not an AWS protocol.
            trace.route("ecr-registry", request.method() + " " + request.rawPath());
            return registry.handle(request);
        }
        ServiceRoute route = ServiceRoute.of(request);
        ServiceDescriptor descriptor = route.service();
        trace.route(descriptor.name(), route.action());
        trace.detail("route", descriptor.name() + " in " + route.protocol() + ": " + route.reason());
        Instant now = clock.instant();
        String requestId = UUID.randomUUID().toString();
        AwsService service = services.get(descriptor.name());
        if (service == null) {
            ServiceException notServed = ServiceException.notServed(descriptor.title());
            trace.detail("handle", notServed.code() + ": " + notServed.getMessage());
            return route.protocol().codec().error(notServed, ErrorContext.of(descriptor, requestId, request.method()));
        }

        // authenticate: over the request as sent; the scope must name the routed service
        boolean anonymousAllowed = descriptor.anonymous() || descriptor.unsignedActions().contains(route.action());
        AuthResult<Credential> auth = verifier.verify(request, now, descriptor.signingName(), anonymousAllowed);
        ServiceRequest serviceRequest;
        if (auth instanceof AuthResult.Failed<Credential> failed) {
            // The body may be half-read (a bad chunk signature): an error answer does not need it.
            ServiceRequest unauthenticated = new ServiceRequest(route.request(), new byte[0], Optional.empty(), new Headers(),
                    Caller.anonymous(), defaultRegion, requestId, now, route);
            return service.render(authenticationError(failed.error(), request, now, trace), unauthenticated);
        } else if (auth instanceof AuthResult.Authenticated<Credential> signed) {
            serviceRequest = new ServiceRequest(route.request(), signed.body(), signed.bodyMd5(), signed.trailingHeaders(),
                    Caller.of(signed.principal()), signed.region(), requestId, now, route);
            trace.principal(signed.principal().principal().arn());
            trace.detail("authenticate", (signed.presigned() ? "presigned URL" : "Authorization header") + " signed by "
                    + signed.accessKeyId() + " for " + signed.service() + " in " + signed.region() + ", payload "
                    + signed.payloadMode() + ", signed headers " + signed.signedHeaders());
            trace.detail("canonical request", signed.canonicalRequest());
            trace.detail("string to sign", signed.stringToSign());
        } else {
            serviceRequest = new ServiceRequest(route.request(), request.body(), Optional.empty(), new Headers(), Caller.anonymous(),
                    defaultRegion, requestId, now, route);
            trace.principal("anonymous");
            trace.detail("authenticate", descriptor.anonymous()
                    ? "no signature: anonymous (only a resource policy can allow it)"
                    : "no signature: " + route.action() + " is an unsigned operation");
        }

        return authorizeAndHandle(service, serviceRequest, trace);
    }

    /**
     * A request the sandbox makes itself on a principal's behalf (a Batch Operations job as its
     * role): routed, authorized and handled as a signed request would be, but not signed. It is
     * logged like any request, its principal marked as calling in-process.
     *
     * @param region the region the call is made in (a job's region)
     */
    public SandboxResponse processAs(Credential principal, SandboxRequest request, String region) {
        RequestTrace trace = new RequestTrace(request.method(), request.rawPath());
        ServiceRoute route = ServiceRoute.of(request);
        ServiceDescriptor descriptor = route.service();
        trace.route(descriptor.name(), route.action());
        trace.detail("route", descriptor.name() + " in " + route.protocol() + ": " + route.reason());
        String requestId = UUID.randomUUID().toString();
        AwsService service = services.get(descriptor.name());
        SandboxResponse response;
        if (service == null) {
            response = route.protocol().codec().error(ServiceException.notServed(descriptor.title()),
                    ErrorContext.of(descriptor, requestId, request.method()));
        } else {
            ServiceRequest serviceRequest = new ServiceRequest(route.request(), request.body(), Optional.empty(), new Headers(),
                    Caller.of(principal), region, requestId, clock.instant(), route);
            trace.principal(principal.principal().arn() + " (in-process)");
            trace.detail("authenticate", "none: an in-process call the sandbox makes as " + principal.principal().arn());
            response = authorizeAndHandle(service, serviceRequest, trace);
        }
        log.record(trace, response.status());
        return response;
    }

    private SandboxResponse authorizeAndHandle(AwsService service, ServiceRequest serviceRequest, RequestTrace trace) {
        ServiceDescriptor descriptor = service.descriptor();
        try {
            // route to the operation, then authorize every permission it needs
            Operation operation = service.operation(serviceRequest);
            trace.route(service.name(), operation.name());
            if (serviceRequest.caller().isAnonymous() && !descriptor.anonymous()
                    && operation.access() != Operation.Access.UNSIGNED) {
                // Fail closed: only an operation declared unsigned runs without a signature.
                throw new ServiceException(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
            }
            // inject faults: a rule may delay the answer, or answer in the service's own error shape
            Optional<Injection> injection = faults.decide(service.name(), operation.name(), serviceRequest.caller().describe());
            if (injection.isPresent()) {
                Optional<FaultError> error = inject(injection.get(), trace);
                if (error.isPresent()) {
                    SandboxResponse faulted = service.render(
                            new ServiceException(error.get().status(), error.get().code(), error.get().message()), serviceRequest);
                    faulted.headers().add(FAULT_HEADER, String.join(",", injection.get().ruleIds()));
                    return faulted;
                }
            }
            if (operation.access() == Operation.Access.NO_POLICY || operation.access() == Operation.Access.UNSIGNED) {
                trace.detail("authorize", operation.name() + " is " + operation.access() + ": no policy is consulted, as in AWS");
            }
            for (Permission permission : operation.permissions()) {
                Authorizer.Decision decision = authorizer.decide(serviceRequest, permission);
                if (!granted(permission, decision, trace)) {
                    return service.render(accessDenied(service, decision), serviceRequest);
                }
            }
            // Permissions only the handling can name (each key of an S3 DeleteObjects) are decided here too.
            Authorization authorization = permission ->
                    granted(permission, authorizer.decide(serviceRequest, permission), trace);
            return service.handle(serviceRequest, operation, authorization);
        } catch (ServiceException error) {
            trace.detail("handle", error.code() + ": " + error.getMessage());
            return service.render(error, serviceRequest);
        }
    }

    /** Waits out the injected latency and says what the fault rules did; the error to answer with, if any. */
    private static Optional<FaultError> inject(Injection injection, RequestTrace trace) {
        trace.faults(injection.ruleIds());
        trace.detail("fault", "rule " + String.join(", ", injection.ruleIds()) + " fired: "
                + (injection.latency().isZero() ? "" : "+" + injection.latency().toMillis() + " ms")
                + injection.error().map(error -> (injection.latency().isZero() ? "" : ", then ") + error.status() + " " + error.code()).orElse(""));
        if (!injection.latency().isZero()) {
            try {
                Thread.sleep(injection.latency().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return injection.error();
    }

    /** Whether the engine's decision grants the permission; records the verdict and its reason in the trace. */
    private static boolean granted(Permission permission, Authorizer.Decision decision, RequestTrace trace) {
        boolean allowed = decision.result().allowed()
                && (!permission.resourcePolicyMustAllow() || Authorizer.resourcePolicyAllowed(decision.result()));
        trace.detail("authorize", permission.action() + " on " + permission.resource() + ": "
                + (allowed ? "" : "DENIED, ") + String.join("; ", Authorizer.describe(decision)));
        return allowed;
    }

    private static ServiceException authenticationError(AuthError error, SandboxRequest request, Instant now, RequestTrace trace) {
        trace.principal(error.accessKeyId().map(key -> "key " + key).orElse("-"));
        trace.detail("authenticate", "FAILED " + error.code() + ": " + error.message());
        error.canonicalRequest().ifPresent(text -> trace.detail("canonical request (computed by the sandbox)", text));
        error.stringToSign().ifPresent(text -> trace.detail("string to sign (computed by the sandbox)", text));
        ServiceException exception = new ServiceException(error.httpStatus(), error.code(), error.message());
        error.accessKeyId().ifPresent(key -> exception.detail("AWSAccessKeyId", key));
        error.stringToSign().ifPresent(text -> exception.detail("StringToSign", text));
        error.signatureProvided().ifPresent(signature -> exception.detail("SignatureProvided", signature));
        error.canonicalRequest().ifPresent(text -> exception.detail("CanonicalRequest", text));
        if (error.code().equals("RequestTimeTooSkewed")) {
            // S3 says how far off the client was, so an SDK can correct its clock.
            exception.detail("RequestTime", request.headers().first("X-Amz-Date").or(() -> request.headers().first("Date")).orElse(""))
                    .detail("ServerTime", now.toString())
                    .detail("MaxAllowedSkewMilliseconds", "900000");
        }
        return exception;
    }

    private static ServiceException accessDenied(AwsService service, Authorizer.Decision decision) {
        // No denial reason: identity policies allowed, but a trust policy that must grant did not.
        DenialReason reason = Optional.ofNullable(decision.result().denialReason()).orElse(DenialReason.NO_RESOURCE_ALLOW);
        return service.accessDenied(AccessDeniedMessage.of(decision.request().principal().arn(),
                decision.request().action(), decision.request().resource(), reason, service.quotesResourcesInDenials()));
    }
}

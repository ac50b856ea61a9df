package course.sandbox;

import course.sandbox.control.ControlEndpoint;
import course.sandbox.http.SandboxRequest;
import course.sandbox.http.SandboxResponse;
import course.sandbox.protocol.ServiceRoute;

import java.util.Optional;
import java.util.UUID;

/**
 * The one path every request takes: authenticate → route → authorize → handle → explain.
 * Each stage records what it did in the request's {@link RequestTrace}.
 */
public final class Pipeline {
    private final ControlEndpoint control;
    private final RequestLog log;

    public Pipeline(ControlEndpoint control, RequestLog log) {
        this.control = control;
        this.log = log;
    }

    public SandboxResponse process(SandboxRequest request) {
        RequestTrace trace = new RequestTrace(request.method(), request.rawPath());
        SandboxResponse response = answer(request, trace);
        log.record(trace, response.status());
        return response;
    }

    private SandboxResponse answer(SandboxRequest request, RequestTrace trace) {
        if (ControlEndpoint.handles(request)) {
            trace.route("sandbox", request.rawPath().substring(ControlEndpoint.PREFIX.length()));
            Optional<SandboxResponse> answer = control.handle(request);
            return answer.orElseGet(() -> SandboxResponse.json(404,
                    "{\"error\":\"no such sandbox endpoint: " + request.method() + " " + request.rawPath() + "\"}"));
        }
        ServiceRoute route = ServiceRoute.of(request);
        trace.route(route.service(), route.action());
        trace.detail("route", route.service() + " (" + route.protocol() + "), action " + route.action());
        return route.protocol().error(501, "NotImplemented",
                "The sandbox does not serve " + route.service() + " yet.", newRequestId());
    }

    static String newRequestId() {
        return UUID.randomUUID().toString();
    }
}

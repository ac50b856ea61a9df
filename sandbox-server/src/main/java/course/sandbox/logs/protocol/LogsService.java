package course.sandbox.logs.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import course.sandbox.http.SandboxResponse;
import course.sandbox.logs.LogsErrors;
import course.sandbox.logs.LogsModel;
import course.sandbox.logs.LogsModel.Scope;
import course.sandbox.protocol.DocumentCodec;
import course.sandbox.service.Authorization;
import course.sandbox.service.AwsService;
import course.sandbox.service.Operation;
import course.sandbox.service.Permission;
import course.sandbox.service.ServiceDescriptor;
import course.sandbox.service.ServiceRegistry;
import course.sandbox.service.ServiceRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * CloudWatch Logs behind the pipeline: JSON 1.1 requests ({@code X-Amz-Target: Logs_20140328.<Operation>})
 * over {@link LogsModel}, one state per account and region. Each operation of {@link LogsOperation}
 * needs its IAM action on its resource; CreateLogGroup with tags also needs logs:TagResource.
 */
public final class LogsService implements AwsService {
    private final LogsModel model;
    private final LogsHandlers handlers;

    public LogsService(LogsModel model) {
        this.model = model;
        this.handlers = new LogsHandlers(model);
    }

    @Override
    public ServiceDescriptor descriptor() {
        return ServiceRegistry.get("logs");
    }

    @Override
    public Operation operation(ServiceRequest request) {
        LogsOperation operation = served(request);
        JsonNode input = request.documentCodec().input(request.body());
        Scope scope = scope(request);
        if (operation.resource() == LogsOperation.Resource.QUERIED_GROUPS) {
            List<Permission> permissions = new ArrayList<>();
            for (String queried : LogsHandlers.queriedGroups(scope, input)) {
                permissions.add(Permission.of(operation.action(), operation.resourceArn(scope, queried, "")));
            }
            if (permissions.isEmpty()) {
                throw LogsErrors.invalid("Specify either logGroupName, logGroupNames or logGroupIdentifiers.");
            }
            return new Operation(operation.name(), permissions);
        }
        String group = switch (operation.resource()) {
            case ALL_GROUPS, ANY, QUERIED_GROUPS -> "";
            case TAGGED_GROUP -> LogsHandlers.taggedGroup(scope, input);
            case GROUP, STREAM -> operation.acceptsGroupIdentifier() ? LogsHandlers.groupName(scope, input)
                    : required(input, "logGroupName");
        };
        String stream = operation.resource() == LogsOperation.Resource.STREAM ? required(input, "logStreamName") : "";
        List<Permission> permissions = new ArrayList<>();
        permissions.add(Permission.of(operation.action(), operation.resourceArn(scope, group, stream)));
        if (operation == LogsOperation.CreateLogGroup && input.path("tags").size() > 0) {
            // "not authorized to perform CreateLogGroup with Tags. An additional permission "logs:TagResource" is required."
            permissions.add(Permission.of(LogsOperation.TagResource.action(), scope.groupArn(group)));
        }
        return new Operation(operation.name(), permissions);
    }

    @Override
    public SandboxResponse handle(ServiceRequest request, Operation operation, Authorization authorization) {
        DocumentCodec codec = request.documentCodec();
        JsonNode output = handlers.handle(served(request), scope(request), codec.input(request.body()), request.now());
        return codec.answer(200, output, request.requestId());
    }

    @Override
    public void reset() {
        model.reset();
    }

    private LogsOperation served(ServiceRequest request) {
        String name = request.route().action();
        return LogsOperation.of(name).orElseThrow(() -> notServed(name));
    }

    private static Scope scope(ServiceRequest request) {
        return new Scope(request.caller().principal().accountId(), request.region());
    }

    private static String required(JsonNode input, String member) {
        String value = LogsHandlers.text(input, member);
        if (value == null) {
            throw LogsErrors.missing(member);
        }
        return value;
    }
}

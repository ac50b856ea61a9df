package course.sandbox.logs.protocol;

import course.sandbox.logs.LogsModel.Scope;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every CloudWatch Logs operation the sandbox serves, the IAM action it needs and the resource
 * that action is decided on. CloudWatch Logs evaluates group-level actions on
 * {@code log-group:NAME:log-stream:} (so {@code log-group:NAME:*} in a policy grants them),
 * stream-level ones on {@code log-group:NAME:log-stream:STREAM}, DescribeLogGroups on
 * {@code log-group::log-stream:}, the tagging actions on the group's ARN without a suffix, StartQuery
 * on each queried group ({@code log-group:NAME:*}), GetQueryResults and StopQuery on {@code *}.
 *
 * @see <a href="https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html">Actions, resources, and condition keys for CloudWatch Logs</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/permissions-reference-cwl.html">CloudWatch Logs permissions reference</a>
 */
public enum LogsOperation {
    CreateLogGroup(Resource.GROUP),
    DeleteLogGroup(Resource.GROUP),
    DescribeLogGroups(Resource.ALL_GROUPS),
    PutRetentionPolicy(Resource.GROUP),
    DeleteRetentionPolicy(Resource.GROUP),
    CreateLogStream(Resource.STREAM),
    DeleteLogStream(Resource.STREAM),
    DescribeLogStreams(Resource.GROUP, true),
    PutLogEvents(Resource.STREAM),
    GetLogEvents(Resource.STREAM, true),
    FilterLogEvents(Resource.GROUP, true),
    TagResource(Resource.TAGGED_GROUP),
    UntagResource(Resource.TAGGED_GROUP),
    ListTagsForResource(Resource.TAGGED_GROUP),
    StartQuery(Resource.QUERIED_GROUPS),
    GetQueryResults(Resource.ANY),
    StopQuery(Resource.ANY);

    /** The kind of resource an action is decided on. */
    public enum Resource {
        ALL_GROUPS, GROUP, STREAM, TAGGED_GROUP,
        /** StartQuery: each queried group, as {@code log-group:NAME:*}. */
        QUERIED_GROUPS,
        /** Actions without a resource type (GetQueryResults, StopQuery): {@code *}. */
        ANY
    }

    private final Resource resource;
    private final boolean acceptsGroupIdentifier;

    LogsOperation(Resource resource) {
        this(resource, false);
    }

    LogsOperation(Resource resource, boolean acceptsGroupIdentifier) {
        this.resource = resource;
        this.acceptsGroupIdentifier = acceptsGroupIdentifier;
    }

    /** Whether the group may be named by logGroupIdentifier (a name or an ARN) instead of logGroupName. */
    public boolean acceptsGroupIdentifier() {
        return acceptsGroupIdentifier;
    }

    public Resource resource() {
        return resource;
    }

    public String action() {
        return "logs:" + name();
    }

    /** The ARN the action is decided on; {@code stream} only matters for stream-level operations. */
    public String resourceArn(Scope scope, String group, String stream) {
        return switch (resource) {
            case ALL_GROUPS -> scope.groupArn("") + ":log-stream:";
            case GROUP -> scope.groupArn(group) + ":log-stream:";
            case STREAM -> scope.streamArn(group, stream);
            case TAGGED_GROUP -> scope.groupArn(group);
            case QUERIED_GROUPS -> scope.groupArn(group) + ":*";
            case ANY -> "*";
        };
    }

    public static Optional<LogsOperation> of(String name) {
        return Arrays.stream(values()).filter(operation -> operation.name().equals(name)).findFirst();
    }
}

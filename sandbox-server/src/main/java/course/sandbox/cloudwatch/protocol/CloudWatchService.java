package course.sandbox.cloudwatch.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import course.sandbox.cloudwatch.CloudWatchModel;
import course.sandbox.http.SandboxResponse;
import course.sandbox.iam.policy.ContextValue;
import course.sandbox.protocol.DocumentCodec;
import course.sandbox.protocol.Protocol;
import course.sandbox.protocol.QueryCodec;
import course.sandbox.protocol.XmlBuilder;
import course.sandbox.service.Authorization;
import course.sandbox.service.AwsService;
import course.sandbox.service.Operation;
import course.sandbox.service.Permission;
import course.sandbox.service.ServiceDescriptor;
import course.sandbox.service.ServiceException;
import course.sandbox.service.ServiceRegistry;
import course.sandbox.service.ServiceRequest;

import java.util.Map;
import java.util.Set;

/**
 * CloudWatch metrics behind the pipeline, over Query (AWS CLI, boto3) and RPC v2 CBOR (SDK v2).
 * Each operation needs its own IAM action on "*" (CloudWatch metric actions have no resource
 * types); PutMetricData also carries the cloudwatch:namespace condition key.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html
 */
public final class CloudWatchService implements AwsService {
    private static final Set<String> SERVED = Set.of("PutMetricData", "ListMetrics", "GetMetricStatistics", "GetMetricData");

    private final CloudWatchModel model;

    public CloudWatchService(CloudWatchModel model) {
        this.model = model;
    }

    @Override
    public ServiceDescriptor descriptor() {
        return ServiceRegistry.get("cloudwatch");
    }

    @Override
    public Operation operation(ServiceRequest request) {
        String action = request.route().action();
        if (action == null || action.equals("-")) {
            throw new ServiceException(400, "MissingAction", "Missing Action");
        }
        if (!SERVED.contains(action)) {
            throw new ServiceException(501, "NotImplemented", "The sandbox does not serve CloudWatch " + action + " yet.");
        }
        Permission permission = Permission.of("cloudwatch:" + action, "*");
        if (action.equals("PutMetricData")) {
            String namespace = request.route().protocol() == Protocol.QUERY
                    ? QueryCodec.parameters(request.http()).get("Namespace")
                    : document(request).path("Namespace").asText(null);
            if (namespace != null) {
                permission = permission.withContext(Map.of("cloudwatch:namespace", ContextValue.string(namespace)));
            }
        }
        return Operation.of(action, permission);
    }

    @Override
    public SandboxResponse handle(ServiceRequest request, Operation operation, Authorization authorization) {
        // Metrics belong to the caller's account and the region its signature names.
        String account = request.caller().principal().accountId();
        String region = request.region();
        if (request.route().protocol() == Protocol.QUERY) {
            Map<String, String> form = QueryCodec.parameters(request.http());
            XmlBuilder result = switch (operation.name()) {
                case "PutMetricData" -> {
                    PutMetricDataInput input = CloudWatchQuery.putMetricData(form);
                    model.putMetricData(account, region, input.namespace(), input.data());
                    yield null;
                }
                case "ListMetrics" -> CloudWatchQuery.listMetricsResult(model.listMetrics(account, region, CloudWatchQuery.listMetrics(form)));
                case "GetMetricStatistics" -> CloudWatchQuery.getMetricStatisticsResult(
                        model.getMetricStatistics(account, region, CloudWatchQuery.getMetricStatistics(form)));
                default -> CloudWatchQuery.getMetricDataResult(model.getMetricData(account, region, CloudWatchQuery.getMetricData(form)));
            };
            SandboxResponse response = SandboxResponse.of(200, "text/xml",
                    QueryCodec.successXml(descriptor().queryNamespace(), operation.name(), result, request.requestId()));
            response.headers().add("x-amzn-RequestId", request.requestId());
            return response;
        }
        JsonNode input = document(request);
        JsonNode output = switch (operation.name()) {
            case "PutMetricData" -> {
                PutMetricDataInput put = CloudWatchDocuments.putMetricData(input);
                model.putMetricData(account, region, put.namespace(), put.data());
                yield JsonNodeFactory.instance.objectNode();
            }
            case "ListMetrics" -> CloudWatchDocuments.listMetricsOutput(model.listMetrics(account, region, CloudWatchDocuments.listMetrics(input)));
            case "GetMetricStatistics" -> CloudWatchDocuments.getMetricStatisticsOutput(
                    model.getMetricStatistics(account, region, CloudWatchDocuments.getMetricStatistics(input)));
            default -> CloudWatchDocuments.getMetricDataOutput(model.getMetricData(account, region, CloudWatchDocuments.getMetricData(input)));
        };
        return codec(request).answer(200, output, request.requestId());
    }

    private static JsonNode document(ServiceRequest request) {
        return codec(request).input(request.body());
    }

    private static DocumentCodec codec(ServiceRequest request) {
        if (!(request.route().protocol().codec() instanceof DocumentCodec codec)) {
            throw new ServiceException(400, "UnknownOperationException", "CloudWatch speaks Query and RPC v2 CBOR, not " + request.route().protocol());
        }
        return codec;
    }

    @Override
    public void reset() {
        model.reset();
    }
}

package course.sandbox.service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static course.sandbox.protocol.Protocol.JSON_1_0;
import static course.sandbox.protocol.Protocol.JSON_1_1;
import static course.sandbox.protocol.Protocol.QUERY;
import static course.sandbox.protocol.Protocol.REST_JSON;
import static course.sandbox.protocol.Protocol.REST_XML;
import static course.sandbox.protocol.Protocol.RPC_V2_CBOR;

/**
 * Every AWS service the sandbox recognizes, served or not, as SDK for Java 2.41.18's clients
 * address them (signing names, targets, paths and protocols read from the clients' marshallers).
 * Where two services share a signing name or an endpoint, the one listed first is the default
 * when no path prefix of the other matches (S3 before S3 Control, API Gateway before its V2).
 */
public final class ServiceRegistry {
    private static final Duration S3_SKEW = Duration.ofMinutes(15);

    public static final List<ServiceDescriptor> SERVICES = List.of(
            ServiceDescriptor.of("s3", "Amazon S3", "s3", REST_XML).clockSkew(S3_SKEW).anonymousAllowed().unwrappedXmlErrors()
                    .servedBySandbox(),
            ServiceDescriptor.of("s3control", "Amazon S3 Control", "s3", REST_XML).paths("/v20180820/")
                    .endpoints("s3-control").clockSkew(S3_SKEW).servedBySandbox(),
            ServiceDescriptor.of("iam", "AWS IAM", "iam", QUERY)
                    .queryNamespace("https://iam.amazonaws.com/doc/2010-05-08/").servedBySandbox(),
            ServiceDescriptor.of("sts", "AWS STS", "sts", QUERY)
                    .queryNamespace("https://sts.amazonaws.com/doc/2011-06-15/")
                    .unsigned("AssumeRoleWithWebIdentity", "AssumeRoleWithSAML")
                    .actions("AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "DecodeAuthorizationMessage",
                            "GetAccessKeyInfo", "GetCallerIdentity", "GetFederationToken", "GetSessionToken")
                    .servedBySandbox(),
            ServiceDescriptor.of("dynamodb", "Amazon DynamoDB", "dynamodb", JSON_1_0)
                    .targets("DynamoDB_20120810", "DynamoDBStreams_20120810")
                    .jsonErrors("com.amazonaws.dynamodb.v20120810").servedBySandbox(),
            ServiceDescriptor.of("cloudwatch", "Amazon CloudWatch", "monitoring", QUERY, RPC_V2_CBOR)
                    .cborService("GraniteServiceVersion20100801").awsQueryCompatible()
                    .jsonErrors("com.amazonaws.cloudwatch").queryNamespace("http://monitoring.amazonaws.com/doc/2010-08-01/")
                    .servedBySandbox(),
            ServiceDescriptor.of("logs", "Amazon CloudWatch Logs", "logs", JSON_1_1).targets("Logs_20140328")
                    .jsonErrors("com.amazonaws.logs").servedBySandbox(),
            ServiceDescriptor.of("lambda", "AWS Lambda", "lambda", REST_JSON).paths("/2015-03-31/", "/2016-08-19/",
                    "/2017-03-31/", "/2017-10-31/", "/2018-10-31/", "/2019-09-25/", "/2019-09-30/", "/2020-04-22/",
                    "/2020-06-30/", "/2021-07-20/", "/2021-10-31/", "/2021-11-15/", "/2024-08-31/", "/2025-11-30/",
                    "/2025-12-01/").servedBySandbox(),
            ServiceDescriptor.of("ecr", "Amazon ECR", "ecr", JSON_1_1).targets("AmazonEC2ContainerRegistry_V20150921")
                    .endpoints("api.ecr").servedBySandbox(),
            ServiceDescriptor.of("apigateway", "Amazon API Gateway", "apigateway", REST_JSON).paths("/restapis", "/apikeys",
                    "/account", "/clientcertificates", "/domainnames", "/domainnameaccessassociations", "/usageplans",
                    "/vpclinks", "/tags", "/sdktypes").servedBySandbox(),
            ServiceDescriptor.of("apigatewayv2", "Amazon API Gateway V2", "apigateway", REST_JSON).paths("/v2/")
                    .endpoints("apigateway").servedBySandbox(),
            ServiceDescriptor.of("execute-api", "Amazon API Gateway (execute-api)", "execute-api", REST_JSON)
                    .anonymousAllowed().servedBySandbox(),
            ServiceDescriptor.of("states", "AWS Step Functions", "states", JSON_1_0).targets("AWSStepFunctions")
                    .jsonErrors("com.amazonaws.sfn"),
            ServiceDescriptor.of("cognito-idp", "Amazon Cognito user pools", "cognito-idp", JSON_1_1)
                    .targets("AWSCognitoIdentityProviderService").jsonErrors("com.amazonaws.cognitoidentityprovider"),
            ServiceDescriptor.of("kms", "AWS KMS", "kms", JSON_1_1).targets("TrentService").jsonErrors("com.amazonaws.kms"),
            ServiceDescriptor.of("sqs", "Amazon SQS", "sqs", JSON_1_0, QUERY).targets("AmazonSQS").awsQueryCompatible()
                    .jsonErrors("com.amazonaws.sqs").queryNamespace("http://queue.amazonaws.com/doc/2012-11-05/"),
            ServiceDescriptor.of("xray", "AWS X-Ray", "xray", REST_JSON).paths("/TraceSegments", "/TraceSummaries",
                    "/Traces", "/TraceGraph", "/ServiceGraph", "/TelemetryRecords", "/GetSamplingRules", "/SamplingTargets",
                    "/SamplingStatisticSummaries", "/CreateSamplingRule", "/UpdateSamplingRule", "/DeleteSamplingRule",
                    "/EncryptionConfig", "/PutEncryptionConfig", "/Groups", "/CreateGroup", "/GetGroup", "/UpdateGroup",
                    "/DeleteGroup", "/Insight", "/InsightEvents", "/InsightImpactGraph", "/InsightSummaries",
                    "/TimeSeriesServiceStatistics", "/TagResource", "/UntagResource", "/ListTagsForResource",
                    "/PutResourcePolicy", "/DeleteResourcePolicy", "/ListResourcePolicies", "/GetIndexingRules",
                    "/UpdateIndexingRule", "/StartTraceRetrieval", "/CancelTraceRetrieval", "/ListRetrievedTraces",
                    "/GetRetrievedTracesGraph", "/GetTraceSegmentDestination", "/UpdateTraceSegmentDestination"));

    private ServiceRegistry() {
    }

    public static ServiceDescriptor get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no service " + name + " in the registry"));
    }

    public static Optional<ServiceDescriptor> find(String name) {
        return SERVICES.stream().filter(service -> service.name().equals(name)).findFirst();
    }

    public static List<ServiceDescriptor> bySigningName(String signingName) {
        return SERVICES.stream().filter(service -> service.signingName().equals(signingName)).toList();
    }

    public static List<ServiceDescriptor> byEndpointPrefix(String label) {
        return SERVICES.stream().filter(service -> service.endpointPrefixes().contains(label)).toList();
    }

    public static Optional<ServiceDescriptor> byTargetPrefix(String prefix) {
        return SERVICES.stream().filter(service -> service.targetPrefixes().contains(prefix)).findFirst();
    }

    public static Optional<ServiceDescriptor> byCborService(String serviceName) {
        return SERVICES.stream().filter(service -> service.cborServiceName().equals(serviceName)).findFirst();
    }

    /** The service a Query Action belongs to when the signature does not say: STS's actions, else IAM. */
    public static ServiceDescriptor byQueryAction(String action) {
        return SERVICES.stream().filter(service -> service.queryActions().contains(action)).findFirst().orElse(get("iam"));
    }
}

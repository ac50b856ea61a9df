package course.sandbox;

import course.sandbox.apigateway.RestApiModel;
import course.sandbox.apigateway.UsageMeter;
import course.sandbox.apigateway.invoke.AccessLogs;
import course.sandbox.apigateway.invoke.ExecuteApiService;
import course.sandbox.apigateway.invoke.HttpApiInvoker;
import course.sandbox.apigateway.invoke.LambdaInvocations;
import course.sandbox.apigateway.invoke.MappingTemplates;
import course.sandbox.apigateway.invoke.RequestValidation;
import course.sandbox.apigateway.invoke.RestApiInvoker;
import course.sandbox.apigateway.protocol.ApiGatewayService;
import course.sandbox.apigatewayv2.HttpApiModel;
import course.sandbox.apigatewayv2.protocol.ApiGatewayV2Service;
import course.sandbox.cloudwatch.CloudWatchModel;
import course.sandbox.cloudwatch.protocol.CloudWatchService;
import course.sandbox.control.ControlEndpoint;
import course.sandbox.dynamodb.DynamoDbService;
import course.sandbox.ecr.EcrModel;
import course.sandbox.ecr.RegistryEndpoint;
import course.sandbox.ecr.protocol.EcrService;
import course.sandbox.faults.FaultInjector;
import course.sandbox.http.HttpLimits;
import course.sandbox.iam.IamModel;
import course.sandbox.iam.policy.PolicyValidator;
import course.sandbox.iam.query.IamService;
import course.sandbox.iam.query.PolicySimulator;
import course.sandbox.lambda.ExecutionRoles;
import course.sandbox.lambda.LambdaCloudWatchMetrics;
import course.sandbox.lambda.LambdaModel;
import course.sandbox.lambda.LambdaRuntime;
import course.sandbox.lambda.protocol.LambdaService;
import course.sandbox.logs.LogsModel;
import course.sandbox.logs.protocol.LogsService;
import course.sandbox.s3.PublicPolicies;
import course.sandbox.s3.S3Store;
import course.sandbox.s3.protocol.S3Service;
import course.sandbox.s3control.BatchJobs;
import course.sandbox.s3control.S3ControlModel;
import course.sandbox.s3control.protocol.BatchOperationsRole;
import course.sandbox.s3control.protocol.S3ControlService;
import course.sandbox.service.AwsService;
import course.sandbox.sts.StsModel;
import course.sandbox.sts.query.StsService;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One sandbox, assembled: the IAM model whose credentials every service trusts, the policy
 * engine behind authorization and the simulator, the services, and the HTTP front.
 */
public final class SandboxApp implements AutoCloseable {
    /** How many tasks of a Batch Operations job run at once. */
    private static final int BATCH_WORKERS = 4;
    private final SandboxServer server;
    private final DynamoDbService dynamoDb;
    private final BatchJobs batchJobs;
    private final LambdaRuntime lambda;

    private SandboxApp(SandboxServer server, DynamoDbService dynamoDb, BatchJobs batchJobs, LambdaRuntime lambda) {
        this.server = server;
        this.dynamoDb = dynamoDb;
        this.batchJobs = batchJobs;
        this.lambda = lambda;
    }

    /** Builds the sandbox and listens on 127.0.0.1; a taken port throws {@link java.net.BindException}. */
    public static SandboxApp start(SandboxConfig config, PrintStream log) throws IOException {
        return start(config, config.clock(), log);
    }

    /** As {@link #start(SandboxConfig, PrintStream)}, with a clock of the caller's (tests move time). */
    public static SandboxApp start(SandboxConfig config, Clock clock, PrintStream log) throws IOException {
        return start(config, clock, log, HttpLimits.DEFAULTS);
    }

    /** As {@link #start(SandboxConfig, Clock, PrintStream)}, with the HTTP front's timeouts and limits of the caller's. */
    public static SandboxApp start(SandboxConfig config, Clock clock, PrintStream log, HttpLimits limits) throws IOException {
        IamModel iam = new IamModel(config.account(), config.rootAccessKeyId(), config.rootSecretAccessKey(),
                clock, PolicyValidator.ENGINE);
        Authorizer authorizer = new Authorizer(iam);
        Map<String, AwsService> services = new LinkedHashMap<>();
        S3Store s3 = new S3Store(config.dataDirectory(), clock);
        DynamoDbService dynamoDb = new DynamoDbService(config.account(), config.dataDirectory().map(data -> data.resolve("dynamodb")));
        LogsModel logs = config.dataDirectory().map(data -> new LogsModel(data.resolve("logs"))).orElseGet(LogsModel::new);
        // Batch Operations jobs call S3 through the pipeline as their roles; the pipeline is built last.
        AtomicReference<Pipeline> pipelineForJobs = new AtomicReference<>();
        S3ControlModel s3Control = new S3ControlModel(s3, clock, PublicPolicies::isPublic,
                config.dataDirectory().map(data -> data.resolve("s3control")));
        BatchJobs batchJobs = new BatchJobs(clock, new BatchOperationsRole(iam,
                (principal, request, region) -> pipelineForJobs.get().processAs(principal, request, region), clock),
                BATCH_WORKERS);
        ExecutionRoles roles = new ExecutionRoles(iam, new StsModel(iam));
        LambdaRuntime lambda = new LambdaRuntime(logs, roles, clock, config.endpoint(), log);
        CloudWatchModel cloudWatch = new CloudWatchModel(clock);
        lambda.metrics(new LambdaCloudWatchMetrics(cloudWatch));
        EcrModel ecr = new EcrModel();
        LambdaModel lambdaModel = new LambdaModel();
        RestApiModel restApis = config.dataDirectory().map(data -> new RestApiModel(data.resolve("apigateway")))
                .orElseGet(RestApiModel::new);
        UsageMeter usage = new UsageMeter();
        RestApiInvoker restApiInvoker = new RestApiInvoker(restApis, usage, new MappingTemplates(), new RequestValidation(),
                new LambdaInvocations(lambdaModel, lambda));
        HttpApiModel httpApis = config.dataDirectory().map(data -> new HttpApiModel(data.resolve("apigatewayv2")))
                .orElseGet(HttpApiModel::new);
        for (AwsService service : new AwsService[] {new IamService(iam, new PolicySimulator(iam)), new StsService(iam),
                new S3Service(s3, config.account(), iam.credentials()::lookup,
                        (request, permission) -> authorizer.decide(request, permission).result(), s3Control),
                new S3ControlService(s3Control, batchJobs), dynamoDb, new LogsService(logs),
                new CloudWatchService(cloudWatch), new LambdaService(lambdaModel, lambda, roles, s3, ecr), new EcrService(ecr),
                new ApiGatewayService(restApis, usage), new ApiGatewayV2Service(httpApis),
                new ExecuteApiService(restApiInvoker, new HttpApiInvoker(httpApis, new LambdaInvocations(lambdaModel, lambda)),
                        new AccessLogs(logs))}) {
            services.put(service.name(), service);
        }
        FaultInjector faults = new FaultInjector();
        ControlEndpoint control = new ControlEndpoint(config, Instant.now(), () -> {
            services.values().forEach(AwsService::reset);
            faults.clear();
        }, faults);
        Pipeline pipeline = new Pipeline(control, new RegistryEndpoint(ecr, authorizer, clock), services, iam.credentials(), authorizer, clock, config.region(),
                new RequestLog(log, config.explain()), faults);
        pipelineForJobs.set(pipeline);
        try {
            return new SandboxApp(SandboxServer.start(config.port(), pipeline, System.err, limits), dynamoDb, batchJobs, lambda);
        } catch (IOException | RuntimeException e) {
            batchJobs.close();
            lambda.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    /** The process ids of the running Lambda execution environments. */
    public java.util.List<Long> lambdaEnvironmentPids() {
        return lambda.environmentPids();
    }

    @Override
    public void close() {
        server.close();
        batchJobs.close();
        lambda.close();
        dynamoDb.close();
    }
}

package course.sandbox;

import course.sandbox.apigateway.RestApiModel;
import course.sandbox.apigateway.UsageMeter;
import course.sandbox.apigateway.invoke.AccessLogs;
import course.sandbox.apigateway.invoke.ExecuteApiService;
import course.sandbox.apigateway.invoke.HttpApiInvoker;
import course.sandbox.apigateway.invoke.LambdaInvoker;
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
import course.sandbox.faults.FaultInjector;
import course.sandbox.iam.IamModel;
import course.sandbox.iam.policy.PolicyValidator;
import course.sandbox.iam.query.IamService;
import course.sandbox.iam.query.PolicySimulator;
import course.sandbox.logs.LogsModel;
import course.sandbox.logs.protocol.LogsService;
import course.sandbox.s3.S3Store;
import course.sandbox.s3.protocol.S3Service;
import course.sandbox.service.AwsService;
import course.sandbox.sts.query.StsService;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One sandbox, assembled: the IAM model whose credentials every service trusts, the policy
 * engine behind authorization and the simulator, the services, and the HTTP front.
 */
public final class SandboxApp implements AutoCloseable {
    private final SandboxServer server;
    private final DynamoDbService dynamoDb;

    private SandboxApp(SandboxServer server, DynamoDbService dynamoDb) {
        this.server = server;
        this.dynamoDb = dynamoDb;
    }

    /** Builds the sandbox and listens on 127.0.0.1; a taken port throws {@link java.net.BindException}. */
    public static SandboxApp start(SandboxConfig config, PrintStream log) throws IOException {
        return start(config, config.clock(), log);
    }

    /** As {@link #start(SandboxConfig, PrintStream)}, with a clock of the caller's (tests move time). */
    public static SandboxApp start(SandboxConfig config, Clock clock, PrintStream log) throws IOException {
        IamModel iam = new IamModel(config.account(), config.rootAccessKeyId(), config.rootSecretAccessKey(),
                clock, PolicyValidator.ENGINE);
        Authorizer authorizer = new Authorizer(iam);
        Map<String, AwsService> services = new LinkedHashMap<>();
        S3Store s3 = config.dataDirectory().map(S3Store::new).orElseGet(S3Store::new);
        DynamoDbService dynamoDb = new DynamoDbService(config.account(), config.dataDirectory().map(data -> data.resolve("dynamodb")));
        LogsModel logs = config.dataDirectory().map(data -> new LogsModel(data.resolve("logs"))).orElseGet(LogsModel::new);
        RestApiModel restApis = new RestApiModel();
        UsageMeter usage = new UsageMeter();
        RestApiInvoker restApiInvoker = new RestApiInvoker(restApis, usage, new MappingTemplates(), new RequestValidation(),
                LambdaInvoker.NONE);
        HttpApiModel httpApis = new HttpApiModel();
        for (AwsService service : new AwsService[] {new IamService(iam, new PolicySimulator(iam)), new StsService(iam),
                new S3Service(s3, config.account()), dynamoDb, new LogsService(logs),
                new CloudWatchService(new CloudWatchModel(clock)), new ApiGatewayService(restApis, usage),
                new ApiGatewayV2Service(httpApis),
                new ExecuteApiService(restApiInvoker, new HttpApiInvoker(httpApis, LambdaInvoker.NONE), new AccessLogs(logs))}) {
            services.put(service.name(), service);
        }
        FaultInjector faults = new FaultInjector();
        ControlEndpoint control = new ControlEndpoint(config, Instant.now(), () -> {
            services.values().forEach(AwsService::reset);
            faults.clear();
        }, faults);
        Pipeline pipeline = new Pipeline(control, services, iam.credentials(), authorizer, clock, config.region(),
                new RequestLog(log, config.explain()), faults);
        return new SandboxApp(SandboxServer.start(config.port(), pipeline, System.err), dynamoDb);
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        dynamoDb.close();
    }
}

package course.sandbox.s3.protocol;

import course.sandbox.SandboxApp;
import course.sandbox.SandboxConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.Optional;

/** A real sandbox on a free loopback port, started in-process for end-to-end S3 tests. */
final class TestSandbox implements AutoCloseable {
    static final String ACCOUNT = SandboxConfig.DEFAULT_ACCOUNT;
    static final String ACCESS_KEY = SandboxConfig.DEFAULT_ACCESS_KEY_ID;
    static final String SECRET_KEY = SandboxConfig.DEFAULT_SECRET_ACCESS_KEY;
    static final String REGION = SandboxConfig.DEFAULT_REGION;

    private final SandboxApp app;

    private TestSandbox(SandboxApp app) {
        this.app = app;
    }

    static TestSandbox start() {
        SandboxConfig config = new SandboxConfig(0, ACCOUNT, REGION, ACCESS_KEY, SECRET_KEY, Optional.empty(), false);
        try {
            return new TestSandbox(SandboxApp.start(config, new PrintStream(OutputStream.nullOutputStream())));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the sandbox", e);
        }
    }

    int port() {
        return app.port();
    }

    String endpoint() {
        return SandboxConfig.endpoint(port());
    }

    URI endpointUri() {
        return URI.create(endpoint());
    }

    static StaticCredentialsProvider rootCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    @Override
    public void close() {
        app.close();
    }
}

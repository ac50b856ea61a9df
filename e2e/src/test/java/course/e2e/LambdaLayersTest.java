package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lambda-layers demo through ./jbang: one library layer, two functions, a new layer version for one of them. */
@Covers("lambda-layers")
@ExtendWith(SharedSandbox.class)
class LambdaLayersTest {

    @Test
    void twoFunctionsShareALayer(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("lambda-layers").succeeds()
                .printsLine("   Layer version: arn:aws:lambda:us-east-1:000000000000:layer:course-layers-\\d{8}-[0-9a-f]{6}:1")
                .printsLine("   hello: \"hello → Hello Ada \\(greetings library, edition 1\\)\"")
                .printsLine("   welcome: \"welcome → Hello Ada \\(greetings library, edition 1\\), welcome!\"")
                .printsLine("   Layer version: arn:aws:lambda:us-east-1:000000000000:layer:course-layers-\\d{8}-[0-9a-f]{6}:2")
                .printsLine("   hello: \"hello → Hello Ada \\(greetings library, edition 2\\)\"")
                .printsLine("\\d+\\. Clean up")
                .printsLine(" {3,4}Deleted layer version arn:aws:lambda:us-east-1:000000000000:layer:course-layers-\\d{8}-[0-9a-f]{6}:2")
                .printsLine(" {3,4}Deleted function course-layers-\\d{8}-[0-9a-f]{6}-welcome")
                .printsLine(" {3,4}Deleted function course-layers-\\d{8}-[0-9a-f]{6}-hello")
                .printsLine(" {3,4}Deleted policy write-logs of role course-layers-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted role course-layers-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted layer version arn:aws:lambda:us-east-1:000000000000:layer:course-layers-\\d{8}-[0-9a-f]{6}:1")
                .printsLine(" {3,4}Deleted everything this run created\\.");
    }
}

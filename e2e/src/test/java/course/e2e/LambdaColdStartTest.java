package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lambda-cold-start demo through ./jbang: INIT once, Init Duration on cold starts only, a new environment after an update. */
@Covers("lambda-cold-start")
@ExtendWith(SharedSandbox.class)
class LambdaColdStartTest {

    @Test
    void initRunsOncePerEnvironment(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("lambda-cold-start").succeeds()
                .printsLine("   Package: \\d+ bytes \\(\\.zip of the compiled classes\\)")
                .printsLine("   Function: course-cold-start-\\d{8}-[0-9a-f]{6} is Active")
                .printsLine("   Answer: \\{\"greeting\":\"hello, Ada\",\"environment\":\"([0-9a-f]{8})\",\"invocationInThisEnvironment\":1,.*")
                .printsLine("   REPORT: REPORT RequestId: [0-9a-f-]{36} Duration: [0-9.]+ ms Billed Duration: \\d+ ms "
                        + "Memory Size: 512 MB Max Memory Used: \\d+ MB Init Duration: [0-9.]+ ms")
                .printsLine("   Answer: \\{\"greeting\":\"hello, Grace\",.*\"invocationInThisEnvironment\":2,.*")
                .printsLine("   REPORT: REPORT RequestId: [0-9a-f-]{36} Duration: [0-9.]+ ms Billed Duration: \\d+ ms "
                        + "Memory Size: 512 MB Max Memory Used: \\d+ MB")
                .printsLine("   No Init Duration: the static state \\(and the invocation counter\\) survived\\.")
                .printsLine("   Answer: \\{\"greeting\":\"bonjour, Alan\",.*\"invocationInThisEnvironment\":1,.*")
                .printsLine("\\d+\\. Clean up")
                .printsLine(" {3,4}Deleted log group /aws/lambda/course-cold-start-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted function course-cold-start-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted policy write-logs of role course-cold-start-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted role course-cold-start-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted everything this run created\\.");
    }
}
